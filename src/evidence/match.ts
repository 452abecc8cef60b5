import { normaliseEventName, type CloudTrailRecord } from './cloudtrail-record.js'
import type { ProbeRecord } from './probe-record.js'

/**
 * `requestId`: the record's requestID is the id the service returned to the probe (the proof).
 * `weak`: the record has no requestID (or the probe got none), so it was matched by event source, event
 * name and time; good evidence, but not tied to the exact request.
 */
export interface ProbeMatch {
  record: CloudTrailRecord
  match: 'requestId' | 'weak'
}

export interface MatchOptions {
  /** How far a weak match's eventTime may be from the probe's sentAt (clock skew plus CloudTrail rounding). */
  windowMs?: number
}

export const DEFAULT_MATCH_WINDOW_MS = 90_000

function timeOf(iso: string | undefined): number | undefined {
  if (!iso) return undefined
  const t = Date.parse(iso)
  return Number.isNaN(t) ? undefined : t
}

/**
 * For each probe (same order), its record among `records`, or undefined. Each record is used once;
 * request ids decide first, the weak fallback only uses records no probe's request id claims.
 */
export function matchRecords(
  probes: readonly ProbeRecord[],
  records: readonly CloudTrailRecord[],
  options: MatchOptions = {}
): (ProbeMatch | undefined)[] {
  const windowMs = options.windowMs ?? DEFAULT_MATCH_WINDOW_MS
  const byRequestId = new Map<string, CloudTrailRecord>()
  for (const r of records) if (r.requestID && !byRequestId.has(r.requestID)) byRequestId.set(r.requestID, r)
  const result: (ProbeMatch | undefined)[] = probes.map(p => {
    const r = p.requestId ? byRequestId.get(p.requestId) : undefined
    return r ? { record: r, match: 'requestId' } : undefined
  })
  const used = new Set<CloudTrailRecord>(result.flatMap(m => (m ? [m.record] : [])))
  const probeIds = new Set(probes.flatMap(p => (p.requestId ? [p.requestId] : [])))
  const order = probes.map((p, i) => i).sort((a, b) => probes[a]!.sentAt.localeCompare(probes[b]!.sentAt))
  for (const i of order) {
    if (result[i]) continue
    const probe = probes[i]!
    const sent = timeOf(probe.sentAt)
    if (sent === undefined) continue
    let best: { record: CloudTrailRecord; distance: number } | undefined
    for (const r of records) {
      if (used.has(r)) continue
      if (r.requestID && (probe.requestId || probeIds.has(r.requestID))) continue
      if (r.eventSource !== probe.eventSource) continue
      if (!r.eventName || normaliseEventName(r.eventName) !== normaliseEventName(probe.eventName)) continue
      const t = timeOf(r.eventTime)
      if (t === undefined) continue
      const distance = Math.abs(t - sent)
      if (distance > windowMs) continue
      if (!best || distance < best.distance) best = { record: r, distance }
    }
    if (best) {
      used.add(best.record)
      result[i] = { record: best.record, match: 'weak' }
    }
  }
  return result
}
