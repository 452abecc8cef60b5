import { afterEach, describe, expect, it } from 'vitest'
import { batches, MAX_QUERIES_PER_CALL, type MetricsTarget } from '../../src/metrics/queries.js'
import type { SimScenario } from '../../sim/scenario.js'
import { harness, REGION, type Harness } from './fixture.js'

const window = {
  start: new Date('2026-01-01T00:00:00Z'),
  end: new Date('2026-01-01T00:03:00Z'),
  lastProbeAt: 0
}
const target = (i: number, subnet = false): MetricsTarget => ({
  key: `e${i}`,
  region: REGION,
  vpcId: 'vpc-0123456789abcdef0',
  endpointId: `vpce-${String(i).padStart(17, '0')}`,
  serviceName: `com.amazonaws.${REGION}.sns`,
  ...(subnet ? { subnetId: 'subnet-0a1111111111111aa' } : {}),
  window
})

describe('GetMetricData batches', () => {
  it('keeps one call per region until the 500-query limit, and never splits an endpoint', () => {
    expect(batches(Array.from({ length: 83 }, (_, i) => target(i, true)))).toHaveLength(1)
    const split = batches(Array.from({ length: 84 }, (_, i) => target(i, true)))
    expect(split.map(b => b.queries.length)).toEqual([498, 6])
    for (const b of split) expect(b.queries.length).toBeLessThanOrEqual(MAX_QUERIES_PER_CALL)
    for (const q of split.flatMap(b => b.queries)) expect(q.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/)
  })

  it('names the dimensions as AWS does, with spaces', () => {
    const [b] = batches([target(0, true)])
    const dims = b!.queries.map(q => q.MetricStat.Metric.Dimensions.map(d => d.Name))
    expect(dims[0]).toEqual(['Endpoint Type', 'Service Name', 'VPC Endpoint Id', 'VPC Id'])
    expect(dims[4]).toEqual(['Endpoint Type', 'Service Name', 'VPC Endpoint Id', 'VPC Id', 'Subnet Id'])
    expect(b!.queries.map(q => q.MetricStat.Metric.MetricName)).toEqual([
      'NewConnections',
      'BytesProcessed',
      'PacketsDropped',
      'RstPacketsReceived',
      'NewConnections',
      'BytesProcessed'
    ])
  })
})

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('GetMetricData split past the limit, against the simulator', () => {
  it('asks for 130 endpoints in two calls and reads the second call as well as the first', async () => {
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')
    const vpcs = Array.from({ length: 130 }, (_, i) => ({
      id: `vpc-0${hex(i, 16)}`,
      region: REGION,
      cidr: '10.0.0.0/16',
      subnets: [{ id: `subnet-0${hex(i, 16)}`, cidr: '10.0.1.0/24' }],
      routeTables: [{ id: `rtb-0${hex(i, 16)}`, main: true }],
      endpoints: [
        {
          id: `vpce-0${hex(i, 16)}`,
          serviceName: `com.amazonaws.${REGION}.sns`,
          type: 'Interface' as const,
          privateDnsEnabled: true,
          subnetIds: [`subnet-0${hex(i, 16)}`]
        }
      ]
    }))
    // The simulator sends SNS traffic through the first VPC's endpoint: the manifest lists it last, so it
    // lands in the second call.
    const scenario: SimScenario = { accountId: '123456789012', region: REGION, vpcs }
    const manifest = `version: 1\nregion: ${REGION}\nvpcs:\n${[...vpcs]
      .reverse()
      .map(v => `  - id: ${v.id}\n    endpoints:\n      - service: sns\n`)
      .join('')}`
    h = await harness(scenario, { manifest, location: { kind: 'unknown', detail: 'test' } })
    const { findings } = await h.run({ noTrafficAfterMs: 0 })
    const metrics = findings.filter(f => f.ruleId === 'privatelink-metrics-show-traffic')
    expect(metrics).toHaveLength(130)
    expect(metrics.find(f => f.vpcId === vpcs[0]!.id)?.verdict).toBe('pass')
    expect(metrics.filter(f => f.verdict === 'fail')).toHaveLength(129)
    expect(h.sim.callCount('GetMetricData')).toBe(2)
  }, 30_000)
})
