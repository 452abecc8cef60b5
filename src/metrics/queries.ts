import type { ProbeWindow } from './window.js'

/** The namespace and dimension names as AWS spells them (with spaces: cloudwatch-privatelink-metrics-facts.json). */
export const NAMESPACE = 'AWS/PrivateLinkEndpoints'
export const DIM = {
  endpointType: 'Endpoint Type',
  serviceName: 'Service Name',
  endpointId: 'VPC Endpoint Id',
  vpcId: 'VPC Id',
  subnetId: 'Subnet Id'
} as const

/** GetMetricData accepts at most 500 MetricDataQuery structures per call (API reference). */
export const MAX_QUERIES_PER_CALL = 500

/** One declared Interface endpoint whose metrics are read. */
export interface MetricsTarget {
  /** Unique in the run, lowercase letters and digits: the query ids are built from it. */
  key: string
  region: string
  vpcId: string
  endpointId: string
  /** As the inventory names it: the Service Name dimension. */
  serviceName: string
  /** The runner's subnet when the endpoint has a network interface in it (the Subnet Id dimension). */
  subnetId?: string
  window: ProbeWindow
}

export type Measure = 'connections' | 'bytes' | 'dropped' | 'resets' | 'subnetConnections' | 'subnetBytes'

const METRIC: Record<Measure, string> = {
  connections: 'NewConnections',
  bytes: 'BytesProcessed',
  dropped: 'PacketsDropped',
  resets: 'RstPacketsReceived',
  subnetConnections: 'NewConnections',
  subnetBytes: 'BytesProcessed'
}

export interface MetricQuery {
  Id: string
  MetricStat: {
    Metric: { Namespace: string; MetricName: string; Dimensions: Array<{ Name: string; Value: string }> }
    Period: number
    Stat: string
  }
  ReturnData: boolean
}

/** Query id → which target and measure it answers. */
export type QueryIndex = Map<string, { key: string; measure: Measure }>

function measuresOf(target: MetricsTarget): Measure[] {
  const base: Measure[] = ['connections', 'bytes', 'dropped', 'resets']
  return target.subnetId ? [...base, 'subnetConnections', 'subnetBytes'] : base
}

/** Pure: the queries of one target (ids `<key>_<n>`: a lowercase letter first, as the API requires). */
export function queriesFor(target: MetricsTarget, index: QueryIndex): MetricQuery[] {
  return measuresOf(target).map((measure, n) => {
    const id = `${target.key}_${n}`
    index.set(id, { key: target.key, measure })
    const dimensions = [
      { Name: DIM.endpointType, Value: 'Interface' },
      { Name: DIM.serviceName, Value: target.serviceName },
      { Name: DIM.endpointId, Value: target.endpointId },
      { Name: DIM.vpcId, Value: target.vpcId },
      ...(measure.startsWith('subnet') && target.subnetId
        ? [{ Name: DIM.subnetId, Value: target.subnetId }]
        : [])
    ]
    return {
      Id: id,
      MetricStat: {
        Metric: { Namespace: NAMESPACE, MetricName: METRIC[measure], Dimensions: dimensions },
        Period: 60,
        Stat: 'Sum'
      },
      ReturnData: true
    }
  })
}

/**
 * Pure: targets in batches whose queries fit one call; a target's queries never straddle two calls, and a
 * region needs a second call only past the limit. Each batch spans its targets' windows.
 */
export function batches(
  targets: readonly MetricsTarget[],
  limit = MAX_QUERIES_PER_CALL
): Array<{ targets: MetricsTarget[]; queries: MetricQuery[]; index: QueryIndex; start: Date; end: Date }> {
  const out: Array<{
    targets: MetricsTarget[]
    queries: MetricQuery[]
    index: QueryIndex
    start: Date
    end: Date
  }> = []
  for (const target of targets) {
    const index: QueryIndex = new Map()
    const queries = queriesFor(target, index)
    let batch = out[out.length - 1]
    if (!batch || batch.queries.length + queries.length > limit) {
      batch = {
        targets: [],
        queries: [],
        index: new Map(),
        start: target.window.start,
        end: target.window.end
      }
      out.push(batch)
    }
    batch.targets.push(target)
    batch.queries.push(...queries)
    for (const [k, v] of index) batch.index.set(k, v)
    if (target.window.start < batch.start) batch.start = target.window.start
    if (target.window.end > batch.end) batch.end = target.window.end
  }
  return out
}
