import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
// The light build is the one the throttling plugin itself uses (no Redis clustering). Its types are the
// full build's, which it shares.
// @ts-expect-error: bottleneck ships no declaration file for light.js
import BottleneckLight from 'bottleneck/light.js'
import type Bottleneck from 'bottleneck'
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
  /** How long one second of the plugins' waits lasts, in ms; GITHUB_SECOND_MS unless a test says so. */
  secondMs?: number
}

/**
 * One second of every wait the Octokit plugins make: the spacing between writes (1 s, 3 s for writes that
 * notify, as GitHub asks), `retry-after` and the retry plugin's backoff (1, 4, 9 s). Tests against the
 * loopback fake shrink it, so the same plugins run on a faster clock; a real run always has 1000.
 */
export const GITHUB_SECOND_MS = 1000

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
  const secondMs = options.secondMs ?? GITHUB_SECOND_MS
  const apiUrl = options.apiUrl || process.env['GITHUB_API_URL'] || 'https://api.github.com'
  const octokit = getOctokit(
    options.token,
    {
      baseUrl: apiUrl.replace(/\/+$/, ''),
      userAgent: options.userAgent ?? 'vpce-proof',
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      retry: { retryAfterBaseValue: secondMs },
      throttle: {
        retryAfterBaseValue: secondMs,
        ...(secondMs === GITHUB_SECOND_MS ? {} : spacingGroups(secondMs)),
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

const BottleneckGroup = (BottleneckLight as typeof Bottleneck).Group

/**
 * The plugin's own spacing groups (its source: writes 1 s apart, searches 2 s, notifying writes 3 s), on
 * a scaled second. Only built for a scale other than the real one: real runs keep the plugin's defaults.
 */
function spacingGroups(secondMs: number): {
  write: Bottleneck.Group
  search: Bottleneck.Group
  notifications: Bottleneck.Group
} {
  // The groups' key lifetime, as the plugin sets it (a TTL, not a wait).
  const timeout = 120_000
  return {
    write: new BottleneckGroup({ maxConcurrent: 1, minTime: secondMs, timeout }),
    search: new BottleneckGroup({ maxConcurrent: 1, minTime: 2 * secondMs, timeout }),
    notifications: new BottleneckGroup({ maxConcurrent: 1, minTime: 3 * secondMs, timeout })
  }
}
