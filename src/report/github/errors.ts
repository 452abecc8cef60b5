import { redact } from '../../core/redact.js'

/** What went wrong with a GitHub API call, in terms a workflow author can act on. */

export interface ApiFailure {
  /** HTTP status, when GitHub answered. */
  status?: number
  /** GitHub's own message (e.g. "Resource not accessible by integration"), or the network error. */
  message: string
  /** The token lacks the permission (403 "not accessible"/"must have", 404 on a write: forks). */
  noPermission: boolean
}

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined
}

function apiMessage(error: unknown): string {
  const data = field(field(error, 'response'), 'data')
  const message = field(data, 'message')
  // Whatever GitHub (or a proxy in between) answered, it reaches the log and maybe a report: redacted.
  if (typeof message === 'string' && message) return redact(message)
  return redact(error instanceof Error ? error.message : String(error))
}

export function describeApiFailure(error: unknown): ApiFailure {
  const rawStatus = field(error, 'status')
  const status = typeof rawStatus === 'number' ? rawStatus : undefined
  const message = apiMessage(error)
  const noPermission = status === 404 || (status === 403 && !/rate limit/i.test(message))
  return { ...(status !== undefined ? { status } : {}), message, noPermission }
}

/** "HTTP 403: Resource not accessible by integration" */
export function failureText(failure: ApiFailure): string {
  return failure.status !== undefined ? `HTTP ${failure.status}: ${failure.message}` : failure.message
}
