import type { Log } from './log.js'
import { formatMs, type Deadline } from './deadline.js'

/** A CI log silent for longer looks hung (and some runners kill silent steps): never stay quiet 30 s
 * (a line after 20 s of silence, checked every ~7 s, so no gap exceeds 27 s). */
export const HEARTBEAT_MS = 20_000

export interface Heartbeat {
  /** The log to use: anything written through it counts as a sign of life. */
  log: Log
  /** What the run is waiting for now, named in the heartbeat line. */
  phase(what: string): void
  stop(): void
}

export interface HeartbeatOptions {
  everyMs?: number
  now?: () => number
  /** Replaces setInterval (tests tick it by hand). */
  setTicker?: (tick: () => void, ms: number) => { cancel(): void }
}

/**
 * Prints "Still waiting: reading the EC2 inventory (1m10s of 20m00s)" whenever nothing else was logged
 * for `everyMs`, so every wait (an AWS call near its timeout, CloudTrail polling) shows progress.
 */
export function startHeartbeat(inner: Log, deadline: Deadline, options: HeartbeatOptions = {}): Heartbeat {
  const now = options.now ?? Date.now
  const everyMs = options.everyMs ?? HEARTBEAT_MS
  let last = now()
  let phase = 'starting'
  const touch = <A extends unknown[]>(fn: (...a: A) => void) => {
    return (...a: A) => {
      last = now()
      fn(...a)
    }
  }
  const log: Log = {
    info: touch(m => inner.info(m)),
    notice: touch(m => inner.notice(m)),
    warning: touch((m, at) => inner.warning(m, at))
  }
  // Ticks at a third of the period, so a gap never exceeds everyMs by more than that third.
  const ticker = (options.setTicker ?? realTicker)(
    () => {
      if (now() - last < everyMs) return
      log.info(
        `Still waiting: ${phase} (${formatMs(deadline.elapsedMs())} of ${formatMs(deadline.timeoutMs)}).`
      )
    },
    Math.max(1, Math.floor(everyMs / 3))
  )
  return { log, phase: what => (phase = what), stop: () => ticker.cancel() }
}

function realTicker(tick: () => void, ms: number): { cancel(): void } {
  const t = setInterval(tick, ms)
  t.unref()
  return { cancel: () => clearInterval(t) }
}
