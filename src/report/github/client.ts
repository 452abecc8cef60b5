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
}

/** A primary rate-limit wait longer than this is not worth holding a CI job for a report. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60

/**
 * Octokit from `@actions/github` with the retry plugin (5xx and network errors) and the throttling
 * plugin (queues writes; on a rate limit waits for `retry-after` and retries once, then gives up with
 * a warning so a report never holds the job). The token is only handed to Octokit, never logged.
 */
export function createGitHubClient(options: ClientOptions): GitHubClient {
  const { log } = options
  const apiUrl = options.apiUrl || process.env['GITHUB_API_URL'] || 'https://api.github.com'
  return getOctokit(
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
}
