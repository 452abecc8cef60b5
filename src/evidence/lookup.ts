import {
  LookupEventsCommand,
  type CloudTrailClient,
  type LookupEventsCommandOutput
} from '@aws-sdk/client-cloudtrail'
import { parseCloudTrailEvent, type CloudTrailRecord } from './cloudtrail-record.js'
import { matchRecords, type ProbeMatch } from './match.js'
import { probeLabel, type ProbeRecord } from './probe-record.js'
import { createRateLimiter, realSleep, type RateLimiter } from './rate-limiter.js'
import { redact } from '../core/redact.js'

export interface LookupWant {
  region: string
  /** The access key that signed the probes: LookupEvents' one filter attribute. */
  accessKeyId: string
  /** Just before the first probe (ledger `startedAt`). */
  startTime: Date
  probes: readonly ProbeRecord[]
}

export interface LookupProgress {
  found: number
  expected: number
  /** `service:Operation` of the probes still missing. */
  missing: string[]
  waitedMs: number
  /** LookupEvents HTTP requests so far (SDK retries included). */
  calls: number
}

export interface LookupOptions {
  /** Give up (missing probes stay missing) after this long. */
  timeoutMs: number
  /** Spacing between LookupEvents requests when no shared `limiter` is given. */
  minIntervalMs?: number
  /** Shared across lookups of the same account and region (the 2 requests/second limit is theirs). */
  limiter?: RateLimiter
  /** First wait between polls; grows by `pollGrowth` up to `maxPollIntervalMs`, with ±20% jitter. */
  pollIntervalMs?: number
  maxPollIntervalMs?: number
  pollGrowth?: number
  /** Weak match window (records without requestID). */
  matchWindowMs?: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  onProgress?: (progress: LookupProgress) => void
}

/** Why the lookup could not be done at all (every probe of it is then inconclusive). */
export interface LookupFailure {
  kind: 'denied' | 'error'
  action: 'cloudtrail:LookupEvents'
  code: string
  message: string
}

export interface LookupResult {
  /** Per probe, in the order given. */
  matches: (ProbeMatch | undefined)[]
  /** Milliseconds after the lookup began at which each probe was first found (for the benchmark). */
  foundAfterMs: (number | undefined)[]
  failure?: LookupFailure
  /** The last retryable error, when the deadline passed while retrying. */
  lastError?: { code: string; message: string }
  calls: number
  polls: number
  waitedMs: number
}

const PAGE_SIZE = 50

type ErrorClass = 'throttled' | 'transient' | 'denied' | 'bad-token' | 'fatal'

interface SdkErrorLike {
  name?: string
  code?: string
  message?: string
  $retryable?: unknown
  $metadata?: { httpStatusCode?: number }
}

function classify(error: unknown): { kind: ErrorClass; code: string; message: string } {
  const e = (error ?? {}) as SdkErrorLike
  const code = e.name && e.name !== 'Error' ? e.name : (e.code ?? 'UnknownError')
  const message = redact(e.message ?? String(error))
  const status = e.$metadata?.httpStatusCode
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(code) || status === 429) {
    return { kind: 'throttled', code, message }
  }
  if (/AccessDenied|Unauthorized|NotAuthorized/i.test(code)) return { kind: 'denied', code, message }
  if (code === 'InvalidNextTokenException') return { kind: 'bad-token', code, message }
  if (status !== undefined && status >= 500) return { kind: 'transient', code, message }
  if (e.$retryable || status === undefined) return { kind: 'transient', code, message }
  return { kind: 'fatal', code, message }
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  const m = Math.floor(s / 60)
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`
}

/** `CloudTrail: 3/5 probes found after 1m20s; still waiting for sns:ListTopics, kms:ListKeys` */
export function formatLookupProgress(p: LookupProgress, region?: string): string {
  const where = region ? ` (${region})` : ''
  const head = `CloudTrail${where}: ${p.found}/${p.expected} probes found after ${formatDuration(p.waitedMs)}`
  return p.missing.length > 0 ? `${head}; still waiting for ${p.missing.join(', ')}` : head
}

/**
 * Waits until CloudTrail shows every probe (or the timeout passes): LookupEvents filtered by the probing
 * access key from `startTime`, all pages, polled with growing, jittered waits. Every HTTP request to
 * LookupEvents, including the SDK's own retries, goes through the rate limiter. Throttling and transient
 * errors are retried until the deadline; AccessDenied ends the lookup (`failure`).
 */
export async function awaitProbeEvents(
  client: Pick<CloudTrailClient, 'send'>,
  want: LookupWant,
  opts: LookupOptions
): Promise<LookupResult> {
  const now = opts.now ?? Date.now
  const sleep = opts.sleep ?? realSleep
  const random = opts.random ?? Math.random
  const limiter = opts.limiter ?? createRateLimiter({ minIntervalMs: opts.minIntervalMs, now, sleep })
  const started = now()
  const deadline = started + opts.timeoutMs
  const pollGrowth = opts.pollGrowth ?? 1.5
  const maxPoll = opts.maxPollIntervalMs ?? 30_000
  let pollInterval = opts.pollIntervalMs ?? 2_000
  const records = new Map<string, CloudTrailRecord>()
  const result: LookupResult = {
    matches: want.probes.map(() => undefined),
    foundAfterMs: want.probes.map(() => undefined),
    calls: 0,
    polls: 0,
    waitedMs: 0
  }
  const jittered = (ms: number) => Math.round(ms * (0.8 + 0.4 * random()))
  const untilDeadline = (ms: number) => Math.max(0, Math.min(ms, deadline - now()))

  const fetchPage = async (nextToken: string | undefined): Promise<LookupEventsCommandOutput> => {
    const command = new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: want.accessKeyId }],
      StartTime: want.startTime,
      MaxResults: PAGE_SIZE,
      ...(nextToken ? { NextToken: nextToken } : {})
    })
    // The first attempt is paced below; this paces the SDK's own retries of the same command.
    let attempts = 0
    command.middlewareStack.add(
      next => async args => {
        attempts += 1
        if (attempts > 1) {
          result.calls += 1
          await limiter.acquire()
        }
        return next(args)
      },
      { step: 'deserialize', priority: 'low', name: 'vpceProofLookupPacing' }
    )
    result.calls += 1
    await limiter.acquire()
    return client.send(command)
  }

  /** Reads every page once; false when the lookup must stop (failure or deadline). */
  const poll = async (): Promise<boolean> => {
    let nextToken: string | undefined
    let retries = 0
    for (;;) {
      let page: LookupEventsCommandOutput
      try {
        page = await fetchPage(nextToken)
        retries = 0
      } catch (error) {
        const c = classify(error)
        if (c.kind === 'denied' || c.kind === 'fatal') {
          result.failure = {
            kind: c.kind === 'denied' ? 'denied' : 'error',
            action: 'cloudtrail:LookupEvents',
            code: c.code,
            message: c.message
          }
          return false
        }
        result.lastError = { code: c.code, message: c.message }
        if (c.kind === 'bad-token') nextToken = undefined
        const wait = untilDeadline(jittered(Math.min(1000 * 2 ** retries, 8000)))
        retries += 1
        if (now() >= deadline) return false
        await sleep(wait)
        continue
      }
      for (const event of page.Events ?? []) {
        const record = parseCloudTrailEvent(event.CloudTrailEvent)
        const id = record?.eventID ?? event.EventId
        if (record && id) records.set(id, record)
      }
      nextToken = page.NextToken || undefined
      if (!nextToken) return true
    }
  }

  for (;;) {
    const completed = await poll()
    result.polls += 1
    // Pages read before an interruption still count.
    const matches = matchRecords(want.probes, [...records.values()], { windowMs: opts.matchWindowMs })
    matches.forEach((m, i) => {
      // A request-id match replaces an earlier weak one (the record may have arrived later).
      if (m && (!result.matches[i] || (result.matches[i]?.match === 'weak' && m.match === 'requestId'))) {
        result.foundAfterMs[i] ??= now() - started
        result.matches[i] = m
      }
    })
    result.waitedMs = now() - started
    const missing = want.probes.filter((_, i) => !result.matches[i]).map(probeLabel)
    opts.onProgress?.({
      found: want.probes.length - missing.length,
      expected: want.probes.length,
      missing,
      waitedMs: result.waitedMs,
      calls: result.calls
    })
    if (result.failure || missing.length === 0 || now() >= deadline) return result
    if (completed) result.lastError = undefined
    await sleep(untilDeadline(Math.min(jittered(pollInterval), maxPoll)))
    pollInterval = Math.min(pollInterval * pollGrowth, maxPoll)
  }
}
