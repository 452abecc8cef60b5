import {
  LookupEventsCommand,
  type CloudTrailClient,
  type LookupEventsCommandOutput
} from '@aws-sdk/client-cloudtrail'
import { pageGuard, PagingStopped } from '../aws/pages.js'
import { abortReason, raceSignal } from '../core/deadline.js'
import { parseCloudTrailEvent, type CloudTrailRecord } from './cloudtrail-record.js'
import { matchRecords, type ProbeMatch } from './match.js'
import { probeLabel, type ProbeRecord } from './probe-record.js'
import { createRateLimiter, realSleep, type RateLimiter } from './rate-limiter.js'
import { nextPollWait, pollSchedule } from './poll-schedule.js'
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
  /** Found without a request id; the lookup goes on so a later competing record is still seen. */
  settling?: string[]
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
  /**
   * Tests only: a fixed geometric schedule (first wait, growing by `pollGrowth` up to
   * `maxPollIntervalMs`, ±20% jitter) instead of the delivery-tuned one (poll-schedule.ts).
   */
  pollIntervalMs?: number
  maxPollIntervalMs?: number
  pollGrowth?: number
  /** When CloudTrail is expected to have delivered (default: AWS's "about 5 minutes"). */
  expectedDeliveryMs?: number
  /** Weak match window when a probe has no service Date (records without requestID). */
  matchWindowMs?: number
  /**
   * A weak or ambiguous match is final only this long after its probe was sent (runner clock), so a
   * competing record CloudTrail delivers later is still seen. Default: CloudTrail's average delivery time.
   */
  weakSettleMs?: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  onProgress?: (progress: LookupProgress) => void
  /** The run's deadline: ends waits and the page in flight; what was found so far stays. */
  signal?: AbortSignal
  /** Pages one poll may read before the lookup stops as failed (a guard against endless paging). */
  maxPages?: number
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
/** "CloudTrail typically delivers logs within an average of about 5 minutes of an API call." */
export const DEFAULT_WEAK_SETTLE_MS = 5 * 60_000

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
  const waiting = p.missing.length > 0 ? `; still waiting for ${p.missing.join(', ')}` : ''
  const settling =
    p.settling && p.settling.length > 0
      ? `; found without request id, watching for competing records: ${p.settling.join(', ')}`
      : ''
  return `${head}${waiting}${settling}`
}

/**
 * Waits until CloudTrail shows every probe (or the timeout passes): LookupEvents filtered by the probing
 * access key from `startTime`, all pages, polled on a schedule tuned to CloudTrail's delivery time. Every HTTP request to
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
  const { signal } = opts
  /** evidence-timeout passed, or the run's deadline fired. */
  const expired = () => now() >= deadline || signal?.aborted === true
  /** A wait the run's deadline cuts short (the loop then sees `expired`). */
  const pause = (ms: number) => raceSignal(sleep(ms), signal).catch(() => undefined)
  const pollGrowth = opts.pollGrowth ?? 1.5
  const maxPoll = opts.maxPollIntervalMs ?? 30_000
  let pollInterval = opts.pollIntervalMs ?? 2_000
  const schedule = pollSchedule(opts.timeoutMs, opts.expectedDeliveryMs)
  // Age of the newest probe when the lookup began (a later verify job starts further along the
  // schedule); a clock behind the probes' counts as "just sent". From then on the lookup's own clock.
  const lastSent = Math.max(...want.probes.map(p => Date.parse(p.sentAt) + Math.max(0, p.durationMs)))
  const ageAtStart = Number.isFinite(lastSent) ? Math.max(0, started - lastSent) : 0
  const age = () => ageAtStart + now() - started
  /** The wait before the next poll: delivery-tuned, or the fixed geometric schedule when one is given. */
  const nextWait = (): number => {
    if (opts.pollIntervalMs === undefined) return nextPollWait(schedule, age(), random())
    const wait = Math.min(jittered(pollInterval), maxPoll)
    pollInterval = Math.min(pollInterval * pollGrowth, maxPoll)
    return wait
  }
  const records = new Map<string, CloudTrailRecord>()
  const result: LookupResult = {
    matches: want.probes.map(() => undefined),
    foundAfterMs: want.probes.map(() => undefined),
    calls: 0,
    polls: 0,
    waitedMs: 0
  }
  const weakSettleMs = opts.weakSettleMs ?? DEFAULT_WEAK_SETTLE_MS
  /** Found for good: by request id, or by a weak/ambiguous match whose window CloudTrail has had time to fill. */
  const settled = (probe: ProbeRecord, match: ProbeMatch | undefined): boolean => {
    if (!match) return false
    if (match.match === 'requestId') return true
    const sent = Date.parse(probe.sentAt)
    return Number.isNaN(sent) || now() >= sent + Math.max(0, probe.durationMs) + weakSettleMs
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
    await raceSignal(limiter.acquire(), signal)
    // The page in flight ends at evidence-timeout or the run's deadline, whichever comes first.
    const pageTimer = AbortSignal.timeout(Math.max(1, deadline - now()))
    const abortSignal = signal ? AbortSignal.any([signal, pageTimer]) : pageTimer
    try {
      return await raceSignal(client.send(command, { abortSignal }), abortSignal)
    } catch (error) {
      if (pageTimer.aborted && !signal?.aborted) {
        throw Object.assign(new Error('no answer from LookupEvents before evidence-timeout'), {
          name: 'TimeoutError'
        })
      }
      throw error
    }
  }

  const stopWith = (code: string, message: string) => {
    result.failure = { kind: 'error', action: 'cloudtrail:LookupEvents', code, message }
  }

  /** Reads every page once; false when the lookup must stop (failure or deadline). */
  const poll = async (): Promise<boolean> => {
    let nextToken: string | undefined
    let retries = 0
    let guard = pageGuard('CloudTrail LookupEvents', opts.maxPages)
    for (;;) {
      let page: LookupEventsCommandOutput
      try {
        page = await fetchPage(nextToken)
        retries = 0
      } catch (error) {
        if (signal?.aborted) {
          stopWith('DeadlineExceeded', abortReason(signal).message)
          return false
        }
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
        if (c.kind === 'bad-token') {
          nextToken = undefined
          guard = pageGuard('CloudTrail LookupEvents', opts.maxPages)
        }
        const wait = untilDeadline(jittered(Math.min(1000 * 2 ** retries, 8000)))
        retries += 1
        if (expired()) return false
        await pause(wait)
        continue
      }
      for (const event of page.Events ?? []) {
        const record = parseCloudTrailEvent(event.CloudTrailEvent)
        const id = record?.eventID ?? event.EventId
        if (record && id) records.set(id, record)
      }
      nextToken = page.NextToken || undefined
      if (!nextToken) return true
      try {
        guard.next(nextToken)
      } catch (error) {
        if (!(error instanceof PagingStopped)) throw error
        stopWith(error.code, error.message)
        return false
      }
      // Paging on past evidence-timeout would hold the run; what was read so far still counts.
      if (expired()) return false
    }
  }

  // A first poll before CloudTrail can have delivered anything is wasted; a verify job that starts
  // long after the probes (a later job) polls at once.
  if (opts.pollIntervalMs === undefined && age() < nextPollWait(schedule, 0, 0)) {
    await pause(untilDeadline(nextPollWait(schedule, age(), random())))
  }
  for (;;) {
    const completed = await poll()
    result.polls += 1
    // Pages read before an interruption still count.
    const matches = matchRecords(want.probes, [...records.values()], { windowMs: opts.matchWindowMs })
    // The record set only grows, so each poll's matching replaces the last: a weak candidate may turn
    // ambiguous when a disagreeing record arrives, and a request-id match replaces both.
    matches.forEach((m, i) => {
      if (m) result.foundAfterMs[i] ??= now() - started
      result.matches[i] = m
    })
    result.waitedMs = now() - started
    const missing = want.probes.filter((_, i) => !result.matches[i]).map(probeLabel)
    const unsettled = want.probes.filter((p, i) => !settled(p, result.matches[i]))
    opts.onProgress?.({
      found: want.probes.length - missing.length,
      expected: want.probes.length,
      missing,
      settling: want.probes
        .filter((p, i) => result.matches[i] && !settled(p, result.matches[i]))
        .map(probeLabel),
      waitedMs: result.waitedMs,
      calls: result.calls
    })
    if (signal?.aborted && !result.failure && missing.length > 0) {
      stopWith('DeadlineExceeded', abortReason(signal).message)
    }
    if (result.failure || unsettled.length === 0 || expired()) return result
    if (completed) result.lastError = undefined
    await pause(untilDeadline(nextWait()))
  }
}
