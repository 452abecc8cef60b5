/**
 * The one door through which error text from AWS and GitHub enters findings, notes, the ledger and the
 * log. Some AWS services answer a bad signature by echoing the canonical request (session token and
 * all), and runner log masking does not reach the PR comment, the check run, SARIF or the JSON report,
 * so the text is cut and scrubbed here, before it becomes data.
 */

/** Longest error text kept: enough for any AWS or GitHub message's first sentence or two. */
export const ERROR_TEXT_LIMIT = 500

const REDACTED = '[redacted]'

/** Shorter values are not worth masking (and would mangle ordinary words). */
const MIN_SECRET_LENGTH = 8

const knownSecrets = new Set<string>()

/**
 * Registers a credential value this run uses (AWS access key id, secret key, session token, GitHub
 * token) so `redact` replaces it wherever it shows up. Entries also pass it to `core.setSecret`.
 */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) knownSecrets.add(value)
}

/**
 * Forgets every registered value: what a new process starts with. The run itself never calls it; tests
 * that run many Action or CLI runs in one process call it between runs (test/e2e/process-state.ts).
 */
export function forgetSecrets(): void {
  knownSecrets.clear()
}

/** The AWS_* credentials and a GitHub token from the environment, when set. */
export function registerEnvironmentSecrets(env: NodeJS.ProcessEnv, onSecret?: (value: string) => void): void {
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'GITHUB_TOKEN']) {
    const value = env[name]?.trim()
    if (!value) continue
    registerSecret(value)
    onSecret?.(value)
  }
}

/** Header and query-string shapes that carry credentials, whoever's they are. */
const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  // x-amz-security-token:VALUE (canonical request), X-Amz-Security-Token=VALUE (presigned URL).
  [/(x-amz-security-token\s*[:=]\s*)[^\s&'",;]+/gi, `$1${REDACTED}`],
  // Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=... / Bearer / token
  [/(authorization\s*[:=]\s*)[^\r\n]*/gi, `$1${REDACTED}`],
  [/((?:x-amz-)?credential\s*=\s*)[^\s&'",;]+/gi, `$1${REDACTED}`],
  [/((?:x-amz-)?signature\s*=\s*)[^\s&'",;]+/gi, `$1${REDACTED}`],
  // Access key ids (long-term AKIA…, temporary ASIA…) and GitHub tokens, even unregistered ones.
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, REDACTED]
]

/** `text` with every credential shape and every registered credential value replaced. */
export function scrubCredentials(text: string): string {
  let out = text
  // Longest first, so a token that contains another registered value is replaced whole.
  for (const secret of [...knownSecrets].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(REDACTED)
  }
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement)
  return out
}

function cut(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`
}

/**
 * Error text fit to publish: the first non-empty line only (the canonical request AWS may echo starts
 * on a later line), credentials scrubbed, at most `max` characters.
 */
export function redact(text: string, max = ERROR_TEXT_LIMIT): string {
  // Scrub the whole text first: a secret cut in half by the length cap would no longer match.
  const firstLine =
    scrubCredentials(text)
      .split(/\r\n|\r|\n/)
      .find(line => line.trim() !== '') ?? ''
  return cut(firstLine.trim(), max)
}

/** The message of anything thrown, redacted. */
export function redactError(error: unknown, max = ERROR_TEXT_LIMIT): string {
  const message =
    error instanceof Error
      ? error.message
      : typeof error === 'object' &&
          error !== null &&
          typeof (error as { message?: unknown }).message === 'string'
        ? (error as { message: string }).message
        : String(error)
  return redact(message, max)
}
