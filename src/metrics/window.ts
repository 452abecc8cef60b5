import type { ProbeRecord } from '../evidence/probe-record.js'

/** A probe's minutes as CloudWatch stamps them: one-minute datapoints at the start of each minute. */
export interface ProbeWindow {
  /** Inclusive, on a whole minute. */
  start: Date
  /** Exclusive, on a whole minute. */
  end: Date
  /** When the last probe ended (AWS's clock when it answered): "no traffic" is measured from here. */
  lastProbeAt: number
}

const MINUTE = 60_000

/**
 * The minutes of a VPC's probes, one minute of margin each side (the runner's clock, or AWS's where the
 * answer's Date header gave it, may be off by seconds against the minute boundary). Undefined: no probes.
 */
export function probeWindow(probes: readonly ProbeRecord[]): ProbeWindow | undefined {
  const times = probes.flatMap(p => {
    const at = Date.parse(p.serviceDate ?? p.sentAt)
    return Number.isFinite(at) ? [{ from: at, to: at + Math.max(0, p.durationMs) }] : []
  })
  if (times.length === 0) return undefined
  const first = Math.min(...times.map(t => t.from))
  const last = Math.max(...times.map(t => t.to))
  return {
    start: new Date(Math.floor(first / MINUTE) * MINUTE - MINUTE),
    end: new Date(Math.floor(last / MINUTE) * MINUTE + 2 * MINUTE),
    lastProbeAt: last
  }
}

/** `12:03–12:06 UTC` */
export function formatWindow(w: Pick<ProbeWindow, 'start' | 'end'>): string {
  const hhmm = (d: Date) => d.toISOString().slice(11, 16)
  return `${hhmm(w.start)}\u2013${hhmm(w.end)} UTC`
}
