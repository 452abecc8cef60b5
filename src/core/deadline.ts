/**
 * One deadline for the whole run. Every loop, poll, sleep and request takes its `signal`; when it fires,
 * what was decided stays and the rest becomes `inconclusive` ("ran out of time after …"), and the
 * reporting still gets `REPORT_RESERVE` to write every channel.
 */

/** `timeout` / `--timeout` default: well under a GitHub job's 6 h limit and any sane CI budget. */
export const DEFAULT_RUN_TIMEOUT_MS = 20 * 60_000

/** Time kept back from `evidence-timeout` for judging and the reports: a quarter, at most one minute. */
export function reportReserveMs(remainingMs: number): number {
  return Math.min(60_000, Math.floor(remainingMs / 4))
}

/** `evidence-timeout` clamped so that waiting for CloudTrail still leaves time to report. */
export function clampEvidenceTimeout(evidenceTimeoutMs: number, remainingMs: number): number {
  return Math.max(0, Math.min(evidenceTimeoutMs, remainingMs - reportReserveMs(remainingMs)))
}

/** The error every deadline-aborted wait and request ends with. */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded'
}

export function isDeadlineExceeded(error: unknown): error is DeadlineExceeded {
  return error instanceof Error && error.name === 'DeadlineExceeded'
}

export interface Deadline {
  readonly signal: AbortSignal
  readonly timeoutMs: number
  /** Milliseconds since the run started. */
  elapsedMs(): number
  remainingMs(): number
  /** "ran out of time after 20m00s (timeout 20m00s)" */
  reason(): string
  /** Stops the timer (the run finished first). */
  dispose(): void
}

export interface DeadlineOptions {
  now?: () => number
  /** Replaces setTimeout (tests fire it by hand). */
  setTimer?: (fire: () => void, ms: number) => { cancel(): void }
}

export function startDeadline(timeoutMs: number, options: DeadlineOptions = {}): Deadline {
  const now = options.now ?? Date.now
  const started = now()
  const controller = new AbortController()
  const reason = () => `ran out of time after ${formatMs(now() - started)} (timeout ${formatMs(timeoutMs)})`
  const fire = () => controller.abort(new DeadlineExceeded(reason()))
  const timer = (options.setTimer ?? realTimer)(fire, timeoutMs)
  return {
    signal: controller.signal,
    timeoutMs,
    elapsedMs: () => now() - started,
    remainingMs: () => Math.max(0, started + timeoutMs - now()),
    reason,
    dispose: () => timer.cancel()
  }
}

function realTimer(fire: () => void, ms: number): { cancel(): void } {
  const t = setTimeout(fire, ms)
  // The deadline must never be what keeps the process alive.
  t.unref()
  return { cancel: () => clearTimeout(t) }
}

/** The signal's own reason when it is a deadline, else a generic DeadlineExceeded. */
export function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason
  if (r instanceof Error) return r
  return new DeadlineExceeded(typeof r === 'string' ? r : 'the run was stopped')
}

/** Throws the deadline's error when the signal has fired (call between steps of a loop). */
export function throwIfExpired(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal)
}

/** Wraps a sleep so the signal ends it early (rejecting with the deadline's error). */
export function abortableSleep(
  sleep: (ms: number) => Promise<void>,
  signal: AbortSignal | undefined
): (ms: number) => Promise<void> {
  if (!signal) return sleep
  return ms => raceSignal(sleep(ms), signal)
}

/** Settles with the promise, or rejects with the deadline's error when the signal fires first. */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(abortReason(signal))
  let onAbort = (): void => undefined
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortReason(signal))
    signal.addEventListener('abort', onAbort, { once: true })
  })
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort))
}

/** `45s`, `2m05s`, `250ms` */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`
  const s = Math.round(ms / 1000)
  const m = Math.floor(s / 60)
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`
}
