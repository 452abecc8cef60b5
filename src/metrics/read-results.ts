import type { Measure, MetricsTarget, QueryIndex } from './queries.js'

/** What GetMetricData said about one target: per measure, the sum in its window (undefined: no datapoint). */
export type Sums = Partial<Record<Measure, number>>

/** The output fields this reads, as the SDK parses them (untrusted: checked here). */
export interface MetricDataOutput {
  MetricDataResults?: Array<{
    Id?: string
    Timestamps?: Date[]
    Values?: number[]
    StatusCode?: string
  }>
  NextToken?: string
}

const MAX_POINTS_PER_RESULT = 10_000

/**
 * Pure: adds one page of results to the sums. Ids the request did not ask for, datapoints outside the target's
 * window, and values that are not finite non-negative numbers are ignored: a hostile or broken answer can only
 * make less data, never traffic that was not there. A `Forbidden` result is returned as such (denied per metric),
 * an `InternalError` one as failed (its missing datapoints must not read as "no traffic").
 */
export function addResults(
  sums: Map<string, Sums>,
  output: MetricDataOutput,
  index: QueryIndex,
  targets: ReadonlyMap<string, MetricsTarget>
): { forbidden: string[]; failed: string[] } {
  const forbidden: string[] = []
  const failed: string[] = []
  for (const result of (output.MetricDataResults ?? []).slice(0, index.size)) {
    const which = result.Id ? index.get(result.Id) : undefined
    const target = which ? targets.get(which.key) : undefined
    if (!which || !target) continue
    if (result.StatusCode === 'Forbidden') forbidden.push(which.key)
    // "InternalError indicates that an error occurred": no datapoints then is not "no traffic".
    if (result.StatusCode === 'InternalError') failed.push(which.key)
    const times = (result.Timestamps ?? []).slice(0, MAX_POINTS_PER_RESULT)
    const values = (result.Values ?? []).slice(0, MAX_POINTS_PER_RESULT)
    const start = target.window.start.getTime()
    const end = target.window.end.getTime()
    let total: number | undefined
    times.forEach((t, i) => {
      const at = t instanceof Date ? t.getTime() : Number.NaN
      const v = values[i]
      if (!Number.isFinite(at) || at < start || at >= end) return
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return
      total = (total ?? 0) + v
    })
    if (total === undefined) continue
    const mine = sums.get(which.key) ?? {}
    mine[which.measure] = (mine[which.measure] ?? 0) + total
    sums.set(which.key, mine)
  }
  return { forbidden, failed }
}
