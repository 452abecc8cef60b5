import { describe, expect, it } from 'vitest'
import { batches, type MetricsTarget } from '../../src/metrics/queries.js'
import { addResults, type Sums } from '../../src/metrics/read-results.js'

const start = new Date('2026-01-01T00:00:00Z')
const end = new Date('2026-01-01T00:03:00Z')
const target: MetricsTarget = {
  key: 'e0',
  region: 'ap-northeast-1',
  vpcId: 'vpc-0123456789abcdef0',
  endpointId: 'vpce-01251def6b627a209',
  serviceName: 'com.amazonaws.ap-northeast-1.sns',
  window: { start, end, lastProbeAt: start.getTime() }
}

describe('GetMetricData answers are untrusted', () => {
  it('adds only datapoints asked for, inside the window, with finite non-negative values', () => {
    const [batch] = batches([target])
    const sums = new Map<string, Sums>()
    const inWindow = new Date('2026-01-01T00:01:00Z')
    addResults(
      sums,
      {
        MetricDataResults: [
          { Id: 'e0_0', Timestamps: [inWindow, new Date('2026-01-01T00:09:00Z')], Values: [2, 1000] },
          { Id: 'e0_1', Timestamps: [inWindow, inWindow, inWindow], Values: [-5, Number.NaN, Infinity] },
          { Id: 'zz_9', Timestamps: [inWindow], Values: [99] },
          { Id: 'e0_2', Timestamps: ['soon' as unknown as Date], Values: [7] }
        ]
      },
      batch!.index,
      new Map([[target.key, target]])
    )
    expect(sums.get('e0')).toEqual({ connections: 2 })
  })

  it('reports a Forbidden result as such', () => {
    const [batch] = batches([target])
    const { forbidden } = addResults(
      new Map(),
      { MetricDataResults: [{ Id: 'e0_0', StatusCode: 'Forbidden' }] },
      batch!.index,
      new Map([[target.key, target]])
    )
    expect(forbidden).toEqual(['e0'])
  })
})

describe('a result AWS marks InternalError', () => {
  it('is returned as failed, so its missing datapoints never read as "no traffic"', () => {
    const [batch] = batches([target])
    const { failed } = addResults(
      new Map(),
      { MetricDataResults: [{ Id: 'e0_0', StatusCode: 'InternalError', Timestamps: [], Values: [] }] },
      batch!.index,
      new Map([[target.key, target]])
    )
    expect(failed).toEqual(['e0'])
  })
})
