import { GITHUB_SECOND_MS } from './client.js'

/** The variable the end-to-end tests set; see githubSecondFromEnv. */
export const GITHUB_SECOND_ENV = 'VPCE_PROOF_TEST_GITHUB_SECOND_MS'

/**
 * The GitHub client's second (GITHUB_SECOND_MS) for the end-to-end tests, which run dist/ against the fake
 * GitHub on loopback. Honoured only when GITHUB_API_URL is plain http on 127.0.0.1 or [::1], where no GitHub
 * a workflow reports to lives, and only as a whole number of ms below the real second. At most it makes
 * writes to GitHub come faster (a real server would answer with a rate limit, which is a warning): it
 * reaches no AWS wait and no verdict.
 */
export function githubSecondFromEnv(env: NodeJS.ProcessEnv): { secondMs?: number } {
  const raw = env[GITHUB_SECOND_ENV]
  if (raw === undefined || !/^\d{1,3}$/.test(raw)) return {}
  const ms = Number(raw)
  if (ms < 1 || ms >= GITHUB_SECOND_MS || !isLoopbackHttp(env.GITHUB_API_URL)) return {}
  return { secondMs: ms }
}

function isLoopbackHttp(url: string | undefined): boolean {
  if (!url) return false
  try {
    const { protocol, hostname } = new URL(url)
    return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === '[::1]')
  } catch {
    return false
  }
}
