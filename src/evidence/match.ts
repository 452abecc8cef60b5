import { normaliseEventName, type CloudTrailRecord } from './cloudtrail-record.js'
import type { ProbeRecord } from './probe-record.js'

/**
 * `requestId`: the record's requestID is the id the service returned to the probe (the proof).
 * `weak`: no request id to compare, so the record was chosen by event source, event name and time; every
 * candidate in the probe's window tells the same story (same vpcEndpointId and source address).
 * `ambiguous`: several candidates in the window disagree, so no record can be called the probe's.
 */
export type ProbeMatch =
  | { record: CloudTrailRecord; match: 'requestId' }
  | { record: CloudTrailRecord; match: 'weak'; candidates: number }
  | { match: 'ambiguous'; candidates: CloudTrailRecord[]; window: TimeWindow }

export interface TimeWindow {
  /** ISO times, on the service's clock when the probe recorded its response's Date header. */
  from: string
  to: string
  clock: 'service' | 'runner'
}

export interface MatchOptions {
  /** Half-width of a weak match's window when the probe has no service Date (runner clock only). */
  windowMs?: number
  /** Allowance around the service-clock window: Date header and eventTime are both whole seconds. */
  skewMs?: number
}

/** Runner clock only: the runner's clock may be minutes off, so the window must be wide. */
export const DEFAULT_MATCH_WINDOW_MS = 90_000
/**
 * Service clock: the Date header is truncated to the second (true answer time in [D, D+1 s)), and so is
 * CloudTrail's eventTime; 2 s covers both roundings. Nothing here depends on the runner's clock.
 */
export const SERVICE_CLOCK_SKEW_MS = 2_000

function timeOf(iso: string | undefined): number | undefined {
  if (!iso) return undefined
  const t = Date.parse(iso)
  return Number.isNaN(t) ? undefined : t
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/**
 * The eventTimes a probe's own record can have. With the service's Date header D: the call arrived after
 * D − duration and before the answer, so [D − duration − skew, D + skew]. Without it: ±windowMs around
 * the runner's send time.
 */
export function matchWindow(probe: ProbeRecord, options: MatchOptions = {}): TimeWindow | undefined {
  const serviceDate = timeOf(probe.serviceDate)
  if (serviceDate !== undefined) {
    const skew = options.skewMs ?? SERVICE_CLOCK_SKEW_MS
    return {
      from: new Date(serviceDate - Math.max(0, probe.durationMs) - skew).toISOString(),
      to: new Date(serviceDate + skew).toISOString(),
      clock: 'service'
    }
  }
  const sent = timeOf(probe.sentAt)
  if (sent === undefined) return undefined
  const half = options.windowMs ?? DEFAULT_MATCH_WINDOW_MS
  return {
    from: new Date(sent - half).toISOString(),
    to: new Date(sent + half).toISOString(),
    clock: 'runner'
  }
}

/** What a record says about the path: two records with the same story cannot lead to different verdicts. */
function story(r: CloudTrailRecord): string {
  return `${r.vpcEndpointId?.trim() ?? ''}\u0000${r.sourceIPAddress?.trim() ?? ''}\u0000${r.vpcEndpointAccountId?.trim() ?? ''}`
}

/**
 * For each probe (same order), its record among `records`, or undefined. A requestID match
 * (case-insensitive) always wins. Otherwise the candidates are the records of the probe's event source and
 * name inside its window (`matchWindow`) that no probe's request id claims and whose own requestID does
 * not contradict the probe's (a different id is a different call). All candidates agreeing → `weak`; any
 * disagreement → `ambiguous`, never the first one found.
 */
export function matchRecords(
  probes: readonly ProbeRecord[],
  records: readonly CloudTrailRecord[],
  options: MatchOptions = {}
): (ProbeMatch | undefined)[] {
  const byRequestId = new Map<string, CloudTrailRecord>()
  for (const r of records) {
    const key = r.requestID?.toLowerCase()
    if (key && !byRequestId.has(key)) byRequestId.set(key, r)
  }
  const claimed = new Set<CloudTrailRecord>()
  const result: (ProbeMatch | undefined)[] = probes.map(p => {
    const r = p.requestId ? byRequestId.get(p.requestId.toLowerCase()) : undefined
    if (!r) return undefined
    claimed.add(r)
    return { record: r, match: 'requestId' }
  })
  const probeIds = probes.flatMap(p => (p.requestId ? [p.requestId] : []))

  probes.forEach((probe, i) => {
    if (result[i]) return
    const window = matchWindow(probe, options)
    if (!window) return
    const from = Date.parse(window.from)
    const to = Date.parse(window.to)
    const candidates = records.filter(r => {
      if (claimed.has(r)) return false
      if (r.requestID) {
        // The probe has its own id and this record another: somebody else's call (or an earlier probe's).
        if (probe.requestId) return false
        if (probeIds.some(id => sameId(id, r.requestID!))) return false
      }
      if (r.eventSource !== probe.eventSource) return false
      if (!r.eventName || normaliseEventName(r.eventName) !== normaliseEventName(probe.eventName))
        return false
      const t = timeOf(r.eventTime)
      return t !== undefined && t >= from && t <= to
    })
    if (candidates.length === 0) return
    if (new Set(candidates.map(story)).size > 1) {
      result[i] = { match: 'ambiguous', candidates, window }
      return
    }
    result[i] = { record: candidates[0]!, match: 'weak', candidates: candidates.length }
  })
  return result
}
