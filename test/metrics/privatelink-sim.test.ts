import { afterEach, describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/finding.js'
import { harness, KMS, metricsScenario, SNS, SUBNET_A, SUBNET_B, inVpc, type Harness } from './fixture.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

function metric(findings: Finding[], service: string): Finding {
  const f = findings.find(x => x.ruleId === 'privatelink-metrics-show-traffic' && x.service === service)
  if (!f) throw new Error(`no metrics finding for ${service}: ${JSON.stringify(findings, null, 2)}`)
  return f
}

describe('PrivateLink metrics through the real CloudWatch client', () => {
  it('passes the endpoint the probe went through and fails the one it went around, in one call', async () => {
    h = await harness(metricsScenario())
    const { findings } = await h.run()
    const sns = metric(findings, 'sns')
    expect(sns.verdict).toBe('pass')
    expect(sns.endpointId).toBe(SNS)
    expect(Number(sns.evidence.newConnections)).toBeGreaterThanOrEqual(1)
    expect(Number(sns.evidence.bytesProcessed)).toBeGreaterThan(0)
    expect(sns.evidence.subnetId).toBe(SUBNET_A)
    expect(Number(sns.evidence.subnetNewConnections)).toBeGreaterThanOrEqual(1)
    const kms = metric(findings, 'kms')
    expect(kms.verdict).toBe('fail')
    expect(kms.message).toMatch(/No traffic through vpce-0b2c3d4e5f6a7b8c9/)
    expect(metric(findings, 's3').verdict).toBe('skipped')
    expect(metric(findings, 's3').message).toMatch(/gateway endpoints/)
    // The first poll decides SNS; KMS needs the no-traffic wait, so more polls, each one batched call.
    expect(h.sim.callCount('GetMetricData')).toBeGreaterThanOrEqual(1)
    expect(h.aws.calls['cloudwatch:GetMetricData']).toBe(h.sim.callCount('GetMetricData'))
  })

  it('is inconclusive, naming the wait, while the datapoints are not published yet', async () => {
    h = await harness(metricsScenario({ privateLinkMetrics: { delayMs: 60_000 } }))
    const { findings } = await h.run({ timeoutMs: 600, noTrafficAfterMs: 5 * 60_000 })
    const sns = metric(findings, 'sns')
    expect(sns.verdict).toBe('inconclusive')
    expect(sns.evidence.reason).toBe('not-published-yet')
    expect(sns.message).toMatch(/not published yet/)
    expect(sns.message).toMatch(/documents no delay/)
    expect(h.sim.callCount('GetMetricData')).toBeGreaterThan(1)
  })

  it('polls until the datapoints appear', async () => {
    h = await harness(
      metricsScenario({ privateLinkMetrics: { delayMs: 700, subnetIds: { [SNS]: SUBNET_A } } })
    )
    const { findings } = await h.run({ noTrafficAfterMs: 5 * 60_000 })
    expect(metric(findings, 'sns').verdict).toBe('pass')
    expect(h.sim.callCount('GetMetricData')).toBeGreaterThan(1)
  })

  it('is inconclusive naming cloudwatch:GetMetricData when it is denied, and asks once', async () => {
    h = await harness(metricsScenario({ deny: ['cloudwatch:GetMetricData'] }))
    const { findings } = await h.run()
    for (const service of ['sns', 'kms']) {
      const f = metric(findings, service)
      expect(f.verdict).toBe('inconclusive')
      expect(f.message).toMatch(/cloudwatch:GetMetricData was denied \(AccessDenied\)/)
      expect(f.evidence.action).toBe('cloudwatch:GetMetricData')
    }
    expect(h.sim.callCount('GetMetricData')).toBe(1)
  })

  it('rides out throttling with the SDK retries', async () => {
    h = await harness(metricsScenario({ throttleFirst: { GetMetricData: 2 } }))
    const { findings } = await h.run()
    expect(metric(findings, 'sns').verdict).toBe('pass')
    expect(h.aws.attempts['cloudwatch:GetMetricData']).toBeGreaterThanOrEqual(3)
  })

  it('is inconclusive, never a pass, when every call is throttled', async () => {
    h = await harness(metricsScenario({ throttleFirst: { GetMetricData: Number.MAX_SAFE_INTEGER } }))
    const { findings } = await h.run({ timeoutMs: 800 })
    const sns = metric(findings, 'sns')
    expect(sns.verdict).toBe('inconclusive')
    expect(sns.message).toMatch(/Throttling/)
    expect(sns.message).toMatch(/cloudwatch:GetMetricData/)
  })

  it('ends within its budget when CloudWatch never answers', async () => {
    h = await harness(metricsScenario({ faults: { 'cloudwatch:GetMetricData': 'hang' } }), {
      timeouts: { connectMs: 300, attemptMs: 200, idleMs: 200, callMs: 400 }
    })
    const started = Date.now()
    const { findings } = await h.run({ timeoutMs: 1_000 })
    expect(Date.now() - started).toBeLessThan(4_000)
    const sns = metric(findings, 'sns')
    expect(sns.verdict).toBe('inconclusive')
    expect(sns.message).toMatch(/no answer from http:\/\/127\.0\.0\.1:\d+/)
  })

  it('warns with the numbers when the endpoint dropped or reset packets', async () => {
    h = await harness(
      metricsScenario({
        privateLinkMetrics: { packetsDropped: { [SNS]: 3 }, rstPacketsReceived: { [SNS]: 1 } }
      })
    )
    const sns = metric((await h.run()).findings, 'sns')
    expect(sns.verdict).toBe('warn')
    expect(sns.message).toMatch(/PacketsDropped 3, RstPacketsReceived 1/)
  })

  it('warns when the traffic is not on the runner subnet\u2019s dimension', async () => {
    h = await harness(metricsScenario({ privateLinkMetrics: { subnetIds: { [SNS]: SUBNET_B } } }), {
      location: inVpc(SUBNET_A)
    })
    const sns = metric((await h.run({ noTrafficAfterMs: 300 })).findings, 'sns')
    expect(sns.verdict).toBe('warn')
    expect(sns.message).toMatch(new RegExp(`runner\u2019s subnet ${SUBNET_A}`))
  })

  it('reads the endpoint dimension only when the runner subnet is not known', async () => {
    h = await harness(metricsScenario(), { location: inVpc() })
    const sns = metric((await h.run()).findings, 'sns')
    expect(sns.verdict).toBe('pass')
    expect(sns.evidence.subnetId).toBeUndefined()
    expect(KMS).toMatch(/^vpce-/)
  })
})

describe('what the metrics do not read', () => {
  it('skips an endpoint the probe\u2019s name did not resolve to (no wait, no cost)', async () => {
    h = await harness(metricsScenario())
    const elsewhere = {
      ...h.ledger,
      probes: h.ledger.probes.map(p => ({ ...p, dns: { ...p.dns, ipv4: ['52.119.160.5'] } }))
    }
    const { findings } = await h.run({ ledger: elsewhere })
    for (const service of ['sns', 'kms']) {
      const f = metric(findings, service)
      expect(f.verdict).toBe('skipped')
      expect(f.message).toMatch(/resolved to 52\.119\.160\.5/)
    }
    expect(h.sim.callCount('GetMetricData')).toBe(0)
  })
})
