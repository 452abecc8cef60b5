import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import type { ReportLog } from './log.js'

export type GitHubClient = ReturnType<typeof getOctokit>

export interface ClientOptions {
  token: string
  /**
   * REST API root. `@actions/github` reads GITHUB_API_URL once, when it is imported; passing it here
   * makes GitHub Enterprise Server (https://HOST/api/v3) and the test fake explicit.
   */
  apiUrl?: string
  log: ReportLog
  userAgent?: string
  /** Each request (connection, headers and body) ends within this; default REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number
  /** Ends every request in flight (e.g. the run's deadline while the check run starts). */
  signal?: AbortSignal
}

/** A primary rate-limit wait longer than this is not worth holding a CI job for a report. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60

/**
 * A GitHub API request that has not finished after this is abandoned (the retry plugin may try it again
 * a few times): a hung API can cost a report, never the job.
 */
export const REQUEST_TIMEOUT_MS = 10_000

/**
 * Octokit from `@actions/github` with the retry plugin (5xx and network errors) and the throttling
 * plugin (queues writes; on a rate limit waits for `retry-after` and retries once, then gives up with
 * a warning so a report never holds the job). The token is only handed to Octokit, never logged.
 */
export function createGitHubClient(options: ClientOptions): GitHubClient {
  const { log } = options
  const apiUrl = options.apiUrl || process.env['GITHUB_API_URL'] || 'https://api.github.com'
  const octokit = getOctokit(
    options.token,
    {
      baseUrl: apiUrl.replace(/\/+$/, ''),
      userAgent: options.userAgent ?? 'vpce-proof',
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      throttle: {
        onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
          const route = `${request.method} ${request.url}`
          if (retryCount < 1) {
            log.info(`GitHub secondary rate limit on ${route}; retrying once in ${retryAfter} s.`)
            return true
          }
          log.warning(`GitHub secondary rate limit on ${route} again; giving up on this request.`)
          return false
        },
        onRateLimit: (retryAfter, request, _octokit, retryCount) => {
          const route = `${request.method} ${request.url}`
          if (retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS) {
            log.info(`GitHub rate limit reached on ${route}; retrying once in ${retryAfter} s.`)
            return true
          }
          log.warning(
            `GitHub rate limit reached on ${route} (resets in ${retryAfter} s); giving up on this request.`
          )
          return false
        }
      }
    },
    retry,
    throttling
  )
  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
  // A signal per request keeps @actions/github's own fetch (and its proxy support) in place. The hook
  // chain binds each hook to the same options object, so the signal is set on it, not on a copy.
  octokit.hook.before('request', requestOptions => {
    const signals = [AbortSignal.timeout(timeoutMs), options.signal, requestOptions.request?.signal]
    const signal = AbortSignal.any(signals.filter((s): s is AbortSignal => !!s))
    requestOptions.request = { ...requestOptions.request, signal }
  })
  return octokit
}
