import type { SimEndpoint, SimScenario } from '../scenario.js'

/**
 * AWS/PrivateLinkEndpoints as the simulator derives it from the traffic it served: every call whose path
 * goes through one of the scenario's Interface endpoints adds one new connection and its bytes to that
 * endpoint's minute (AWS publishes only for minutes with traffic, and nothing for gateway endpoints). A
 * datapoint is readable `privateLinkMetrics.delayMs` after the call (AWS documents one-minute publishing
 * and no delay). The dimension names contain spaces, as AWS's do.
 */
export interface MetricCall {
  at: number
  endpointId: string
  serviceName: string
  vpcId: string
  subnetId?: string
  bytes: number
}

export interface DimensionFilter {
  Name: string
  Value: string
}

export class PrivateLinkMetricStore {
  private readonly calls: MetricCall[] = []

  record(call: MetricCall): void {
    if (this.calls.length < 100_000) this.calls.push(call)
  }

  /** Per-minute values of one metric, for the exact dimension set asked (CloudWatch matches all dimensions). */
  series(
    scenario: SimScenario,
    metricName: string,
    dimensions: readonly DimensionFilter[],
    stat: string,
    start: number,
    end: number,
    now: number
  ): Array<{ minute: number; value: number }> {
    const delay = scenario.privateLinkMetrics?.delayMs ?? 0
    const dims = new Map(dimensions.map(d => [d.Name, d.Value]))
    const subnetLevel = dims.has('Subnet Id')
    if (dims.size !== (subnetLevel ? 5 : 4) || dims.get('Endpoint Type') !== 'Interface') return []
    const byMinute = new Map<number, number[]>()
    for (const c of this.calls) {
      if (c.at + delay > now) continue
      if (
        dims.get('VPC Endpoint Id') !== c.endpointId ||
        dims.get('Service Name') !== c.serviceName ||
        dims.get('VPC Id') !== c.vpcId ||
        (subnetLevel && dims.get('Subnet Id') !== c.subnetId)
      )
        continue
      const minute = Math.floor(c.at / 60_000) * 60_000
      if (minute < start || minute >= end) continue
      const value = valueOf(scenario, metricName, c)
      if (value === undefined) continue
      byMinute.set(minute, [...(byMinute.get(minute) ?? []), value])
    }
    return [...byMinute.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([minute, values]) => {
        const value = aggregate(stat, values)
        return value === undefined ? [] : [{ minute, value }]
      })
  }
}

function valueOf(scenario: SimScenario, metricName: string, c: MetricCall): number | undefined {
  const faults = scenario.privateLinkMetrics
  switch (metricName) {
    case 'NewConnections':
    case 'ActiveConnections':
      return 1
    case 'BytesProcessed':
      return c.bytes
    case 'PacketsDropped':
      return faults?.packetsDropped?.[c.endpointId]
    case 'RstPacketsReceived':
      return faults?.rstPacketsReceived?.[c.endpointId]
    default:
      return undefined
  }
}

function aggregate(stat: string, values: number[]): number | undefined {
  if (values.length === 0) return undefined
  switch (stat) {
    case 'Sum':
      return values.reduce((a, b) => a + b, 0)
    case 'SampleCount':
      return values.length
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length
    case 'Maximum':
      return Math.max(...values)
    case 'Minimum':
      return Math.min(...values)
    default:
      return undefined
  }
}

/** The scenario endpoint a call's traffic went through, when it is an Interface endpoint (else no metrics). */
export function interfaceEndpoint(
  scenario: SimScenario,
  endpointId: string | undefined
): { endpoint: SimEndpoint; vpcId: string } | undefined {
  if (!endpointId) return undefined
  for (const vpc of scenario.vpcs)
    for (const endpoint of vpc.endpoints)
      if (endpoint.id === endpointId && endpoint.type === 'Interface') return { endpoint, vpcId: vpc.id }
  return undefined
}
