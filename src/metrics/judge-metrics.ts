import { endpointFinding } from '../evidence/evidence-finding.js'
import type { FactProblem } from '../model/fact.js'
import type { Finding, Verdict } from '../model/finding.js'
import type { EndpointLink } from '../evidence/probe-record.js'
import { formatMs } from '../core/deadline.js'
import type { MetricsTarget } from './queries.js'
import type { Sums } from './read-results.js'
import { formatWindow } from './window.js'
import { GET_METRIC_DATA_ACTION, type MetricsRuleId } from './metrics-rules.js'

/**
 * "No datapoint" counts as "no traffic" only this long after the last probe. AWS documents one-minute
 * publishing but no delay (cloudwatch-privatelink-metrics-facts.json): this is vpce-proof's choice, and
 * before it a missing datapoint is "not published yet" (inconclusive).
 */
export const NO_TRAFFIC_AFTER_MS = 5 * 60_000

const RULE: MetricsRuleId = 'privatelink-metrics-show-traffic'

export interface TargetState {
  target: MetricsTarget
  link: EndpointLink
  sums?: Sums
  /** The read failed for good (denied) or, at the end, the last error of a poll that never succeeded. */
  problem?: FactProblem
  /** Datapoints answered at least once (the question was asked and answered). */
  answered: boolean
}

/** Whether more polling can change the verdict of this target. */
export function decided(state: TargetState, now: number, noTrafficAfterMs = NO_TRAFFIC_AFTER_MS): boolean {
  if (state.problem?.kind === 'denied') return true
  const s = state.sums ?? {}
  const traffic = (s.connections ?? 0) + (s.bytes ?? 0) > 0
  const subnetSeen = !state.target.subnetId || (s.subnetConnections ?? 0) + (s.subnetBytes ?? 0) > 0
  if (traffic && subnetSeen) return true
  return state.answered && now >= state.target.window.lastProbeAt + noTrafficAfterMs
}

function n(v: number | undefined): string {
  return v === undefined ? 'none' : String(Math.round(v))
}

/** `1 new connection, 307 bytes` */
function volume(connections: number | undefined, bytes: number | undefined): string {
  const c = connections === undefined ? 'no' : n(connections)
  return `${c} new connection${connections === 1 ? '' : 's'}, ${n(bytes)} bytes`
}

/** Pure: the finding of one target once polling stopped (decided, deadline or timeout). */
export function judgeMetrics(
  state: TargetState,
  now: number,
  waitedMs: number,
  noTrafficAfterMs = NO_TRAFFIC_AFTER_MS
): Finding {
  const { target, link } = state
  const s = state.sums ?? {}
  const minutes = formatWindow(target.window)
  const evidence = {
    endpointId: target.endpointId,
    window: `${target.window.start.toISOString()}/${target.window.end.toISOString()}`,
    newConnections: s.connections,
    bytesProcessed: s.bytes,
    packetsDropped: s.dropped,
    rstPacketsReceived: s.resets,
    ...(target.subnetId
      ? {
          subnetId: target.subnetId,
          subnetNewConnections: s.subnetConnections,
          subnetBytesProcessed: s.subnetBytes
        }
      : {})
  }
  const finding = (
    verdict: Verdict,
    message: string,
    extra: Record<string, string | number | undefined> = {}
  ) => metricsFinding(link, verdict, message, { ...evidence, ...extra }, target.endpointId)

  if (!state.answered && state.problem) {
    const p = state.problem
    const what =
      p.kind === 'denied'
        ? `${GET_METRIC_DATA_ACTION} was denied (${p.code}): grant it (resource *) to read the endpoint\u2019s PrivateLink metrics`
        : `GetMetricData failed (${p.code}: ${p.message.slice(0, 200)}); ${GET_METRIC_DATA_ACTION} is the call, it is retried on the next run`
    return finding(
      'inconclusive',
      `Could not read the PrivateLink metrics of ${target.endpointId}: ${what}.`,
      {
        action: GET_METRIC_DATA_ACTION,
        code: p.code
      }
    )
  }
  if (!state.answered) {
    return finding(
      'inconclusive',
      `No GetMetricData answer for ${target.endpointId} before the time ran out (waited ${formatMs(waitedMs)}).`,
      { action: GET_METRIC_DATA_ACTION }
    )
  }
  const traffic = (s.connections ?? 0) + (s.bytes ?? 0) > 0
  const drops = (s.dropped ?? 0) > 0 || (s.resets ?? 0) > 0
  const counts = volume(s.connections, s.bytes)
  const subnetPart = target.subnetId
    ? ` On the runner\u2019s subnet ${target.subnetId}: ${volume(s.subnetConnections, s.subnetBytes)}.`
    : ''
  if (traffic) {
    if (drops) {
      return finding(
        'warn',
        `${target.endpointId} carried traffic in the probe\u2019s minutes ${minutes} (${counts}), but it also dropped packets: PacketsDropped ${n(s.dropped)}, RstPacketsReceived ${n(s.resets)}.${subnetPart}`
      )
    }
    if (target.subnetId && (s.subnetConnections ?? 0) + (s.subnetBytes ?? 0) === 0) {
      return finding(
        'warn',
        `${target.endpointId} carried traffic in the probe\u2019s minutes ${minutes} (${counts}), but no datapoint carries the Subnet Id of the runner\u2019s subnet ${target.subnetId}, where it has a network interface: the probe may have used another zone\u2019s interface, or another client made the traffic.`
      )
    }
    return finding(
      'pass',
      `${target.endpointId} carried traffic in the probe\u2019s minutes ${minutes}: ${counts} (AWS/PrivateLinkEndpoints, Sum per minute).${subnetPart} The metrics count the endpoint\u2019s connections, not which client made them.`
    )
  }
  const drop = drops ? ` PacketsDropped ${n(s.dropped)}, RstPacketsReceived ${n(s.resets)}.` : ''
  if (now >= target.window.lastProbeAt + noTrafficAfterMs) {
    return finding(
      'fail',
      `No traffic through ${target.endpointId} in the probe\u2019s minutes ${minutes}: no NewConnections or BytesProcessed datapoint ${formatMs(now - target.window.lastProbeAt)} after the last probe. AWS publishes a datapoint for each minute the endpoint received traffic, so the probe went around this endpoint.${drop}`
    )
  }
  return finding(
    'inconclusive',
    `PrivateLink metrics for ${target.endpointId} not published yet for the probe\u2019s minutes ${minutes} (waited ${formatMs(waitedMs)}; AWS publishes one-minute datapoints and documents no delay; vpce-proof reads "no datapoint" as "no traffic" ${formatMs(noTrafficAfterMs)} after the last probe). Raise evidence-timeout, or run mode: verify later.${drop}`,
    { reason: 'not-published-yet' }
  )
}

/** A finding of this rule on the endpoint's manifest line; empty evidence values are left out. */
export function metricsFinding(
  link: EndpointLink,
  verdict: Verdict,
  message: string,
  evidence: Record<string, string | number | undefined>,
  endpointId?: string
): Finding {
  return endpointFinding(link, RULE, verdict, message, evidence, endpointId)
}
