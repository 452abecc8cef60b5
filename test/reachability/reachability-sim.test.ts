import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { afterEach, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { startDeadline, type Deadline } from '../../src/core/deadline.js'
import type { Finding } from '../../src/model/finding.js'
import type { SimScenario } from '../../sim/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import {
  ENDPOINT_SG,
  KMS,
  RUNNER_ENI,
  S3,
  SNS,
  SUBNET_A,
  VPC,
  fakeClock,
  reachScenario,
  runAgainst,
  type RunOpts
} from './fixtures.js'

/**
 * Reachability Analyzer through the real EC2 client against the simulator's network-insights operations
 * (EC2 query/XML): found, not found with AWS's explanation, still running at the deadline, denied calls,
 * a delete that is refused, and a server that never answers. Every test checks what was left behind.
 */
let sim: SimulatedAws | undefined
const saved = { ...process.env }
afterEach(async () => {
  await sim?.close()
  sim = undefined
  process.env = { ...saved }
})

const paths = (findings: Finding[]) => findings.filter(f => f.ruleId === 'reachability-path-found')
const byEndpoint = (findings: Finding[], id: string) => paths(findings).find(f => f.endpointId === id)
const leftovers = (findings: Finding[]) => findings.filter(f => f.ruleId === 'reachability-resources-deleted')

describe('Reachability Analyzer against the simulator', () => {
  it('passes a found path with its hops (route table, endpoint) and deletes every path and analysis', async () => {
    sim = await startSimulatedAws(reachScenario())
    const r = await runAgainst(sim, { clock: fakeClock() })
    const sns = byEndpoint(r.findings, SNS)!
    expect(sns.verdict).toBe('pass')
    expect(sns.message).toContain(`the runner's network interface ${RUNNER_ENI} to ${SNS} on TCP 443`)
    expect(sns.networkPath?.map(h => h.kind)).toEqual([
      'network-interface',
      'security-group',
      'route-table',
      'network-interface',
      'security-group',
      'vpc-endpoint'
    ])
    expect(sns.networkPath?.[0]).toMatchObject({ id: RUNNER_ENI, subnetId: SUBNET_A, vpcId: VPC })
    expect(sns.networkPath?.at(-1)).toMatchObject({ id: SNS, kind: 'vpc-endpoint' })
    expect(sns.evidence['network-insights-path']).toMatch(/^nip-/)
    expect(sns.evidence['network-insights-analysis']).toMatch(/^nia-/)
    // Gateway: the runner subnet's table routes the S3 prefix list to the endpoint.
    const s3 = byEndpoint(r.findings, S3)!
    expect(s3.verdict).toBe('pass')
    expect(s3.networkPath?.find(h => h.kind === 'route-table')).toMatchObject({
      id: 'rtb-0a1b2c3d4e5f6b001',
      route: { destination: expect.stringMatching(/^pl-/), target: S3 }
    })
    expect(s3.message).toContain(`rtb-0a1b2c3d4e5f6b001 (pl-`)
    expect(r.analyses).toBe(3)
    expect(sim.networkInsightsCreated()).toEqual({ paths: 3, analyses: 3 })
    expect(sim.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
    expect(leftovers(r.findings)).toEqual([])
    // One batched poll per account and region, not one per analysis.
    expect(sim.callCount('DescribeNetworkInsightsAnalyses')).toBe(1)
    expect(r.notes.join(' ')).toContain(
      '3 analyses run (AWS charges for each), every path and analysis deleted again'
    )
  })

  it('fails a blocked path with the explanation turned into what to change', async () => {
    sim = await startSimulatedAws(
      reachScenario({
        reachability: {
          sources: { [RUNNER_ENI]: { subnetId: SUBNET_A } },
          outcomes: {
            [KMS]: {
              found: false,
              explanations: [
                {
                  code: 'ENI_SG_RULES_MISMATCH',
                  direction: 'ingress',
                  networkInterfaceId: 'eni-0a1b2c3d4e5f6e099',
                  securityGroupIds: [ENDPOINT_SG],
                  subnetId: SUBNET_A,
                  vpcId: VPC
                }
              ]
            }
          }
        }
      })
    )
    const r = await runAgainst(sim, { clock: fakeClock() })
    const kms = byEndpoint(r.findings, KMS)!
    expect(kms.verdict).toBe('fail')
    expect(kms.message).toBe(
      `Reachability Analyzer found no path from the runner's network interface ${RUNNER_ENI} to ${KMS} on TCP 443: ` +
        `the security group ${ENDPOINT_SG} of eni-0a1b2c3d4e5f6e099 allows no inbound TCP 443 from the source: add an inbound HTTPS rule for the runner's subnet CIDR or security group (ENI_SG_RULES_MISMATCH).`
    )
    expect(kms.evidence['explanation-codes']).toBe('ENI_SG_RULES_MISMATCH')
    expect(byEndpoint(r.findings, SNS)!.verdict).toBe('pass')
    expect(sim.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
  })

  it('is inconclusive (never no path) when the analysis itself failed, quoting AWS', async () => {
    sim = await startSimulatedAws(
      reachScenario({
        reachability: {
          sources: { [RUNNER_ENI]: { subnetId: SUBNET_A } },
          outcomes: { [SNS]: { failed: 'The request failed due to insufficient Tiros permissions.' } }
        }
      })
    )
    const r = await runAgainst(sim, { clock: fakeClock() })
    const sns = byEndpoint(r.findings, SNS)!
    expect(sns.verdict).toBe('inconclusive')
    expect(sns.message).toContain('insufficient Tiros permissions')
    expect(sns.message).toContain('vpce-proof iam-policy --reachability')
    expect(sim.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
  })

  it("AWS's text is data: a hostile status message reaches the finding on one line, capped", async () => {
    const hostile = `denied\n::error file=x::pwned\r\u001b[31m<img src=x>${'A'.repeat(5000)}`
    sim = await startSimulatedAws(
      reachScenario({
        reachability: {
          sources: { [RUNNER_ENI]: { subnetId: SUBNET_A } },
          outcomes: { [SNS]: { failed: hostile } }
        }
      })
    )
    const r = await runAgainst(sim, { clock: fakeClock() })
    const sns = byEndpoint(r.findings, SNS)!
    expect(sns.verdict).toBe('inconclusive')
    for (const c of ['\n', '\r', '\u001b']) expect(sns.message).not.toContain(c)
    expect(sns.message.length).toBeLessThan(1600)
  })

  it('still running when the wait ends: inconclusive, and path and analysis are deleted', async () => {
    sim = await startSimulatedAws(
      reachScenario({
        reachability: { analysisDelayMs: 10 * 60_000, sources: { [RUNNER_ENI]: { subnetId: SUBNET_A } } }
      })
    )
    const clock = fakeClock()
    // The run's deadline on the same clock: 90 s, so the wait keeps the cleanup and report reserves.
    const deadline = startDeadline(90_000, { now: clock.now, setTimer: () => ({ cancel: () => undefined }) })
    const r = await runAgainst(sim, { clock, deadline, waitMs: 10 * 60_000 })
    for (const f of paths(r.findings)) {
      expect(f.verdict).toBe('inconclusive')
      expect(f.message).toMatch(/had not finished .* after 50s/)
    }
    // 90 s less a fifth for the cleanup and a quarter for the report: the wait stops at 49.5 s, and the
    // cleanup is done long before the deadline.
    expect(deadline.elapsedMs()).toBeGreaterThanOrEqual(49_500)
    expect(deadline.remainingMs()).toBeGreaterThan(18_000)
    expect(sim.networkInsightsCreated()).toEqual({ paths: 3, analyses: 3 })
    expect(sim.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
  })

  it('CreateNetworkInsightsPath denied: inconclusive naming the action, nothing created', async () => {
    sim = await startSimulatedAws(reachScenario({ deny: ['ec2:CreateNetworkInsightsPath'] }))
    const r = await runAgainst(sim, { clock: fakeClock() })
    for (const f of paths(r.findings)) {
      expect(f.verdict).toBe('inconclusive')
      expect(f.message).toContain('ec2:CreateNetworkInsightsPath was denied (UnauthorizedOperation)')
      expect(f.evidence['missing-permission']).toBe('ec2:CreateNetworkInsightsPath')
    }
    expect(sim.callCount('StartNetworkInsightsAnalysis')).toBe(0)
    expect(r.analyses).toBe(0)
    expect(sim.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
  })

  it('StartNetworkInsightsAnalysis denied: inconclusive, and the path it made is deleted', async () => {
    sim = await startSimulatedAws(reachScenario({ deny: ['ec2:StartNetworkInsightsAnalysis'] }))
    const r = await runAgainst(sim, { clock: fakeClock() })
    expect(paths(r.findings).map(f => f.verdict)).toEqual(['inconclusive', 'inconclusive', 'inconclusive'])
    expect(paths(r.findings)[0]!.message).toContain('ec2:StartNetworkInsightsAnalysis was denied')
    expect(sim.networkInsightsCreated().paths).toBe(3)
    expect(sim.callCount('DeleteNetworkInsightsPath')).toBe(3)
    expect(sim.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
  })

  it('DescribeNetworkInsightsAnalyses denied: inconclusive naming it, everything deleted', async () => {
    sim = await startSimulatedAws(reachScenario({ deny: ['ec2:DescribeNetworkInsightsAnalyses'] }))
    const r = await runAgainst(sim, { clock: fakeClock() })
    for (const f of paths(r.findings)) {
      expect(f.verdict).toBe('inconclusive')
      expect(f.evidence['missing-permission']).toBe('ec2:DescribeNetworkInsightsAnalyses')
    }
    expect(sim.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
  })

  it('deletes refused: a warning names each path and analysis left, with the command to delete it', async () => {
    sim = await startSimulatedAws(
      reachScenario({ deny: ['ec2:DeleteNetworkInsightsAnalysis', 'ec2:DeleteNetworkInsightsPath'] })
    )
    const r = await runAgainst(sim, { clock: fakeClock() })
    // The verdicts stand: the answer was read before the cleanup.
    expect(paths(r.findings).map(f => f.verdict)).toEqual(['pass', 'pass', 'pass'])
    const left = sim.networkInsightsLeft()
    expect(left.paths).toHaveLength(3)
    expect(left.analyses).toHaveLength(3)
    const warnings = leftovers(r.findings)
    expect(warnings.map(w => w.verdict)).toEqual(['warn', 'warn', 'warn'])
    const text = warnings.map(w => w.message).join('\n')
    for (const id of [...left.paths, ...left.analyses]) expect(text).toContain(id)
    expect(text).toContain(
      `aws ec2 delete-network-insights-analysis --region ap-northeast-1 --network-insights-analysis-id ${left.analyses[0]}`
    )
    expect(text).toContain('ec2:DeleteNetworkInsightsPath was denied (UnauthorizedOperation)')
    expect(r.notes.join(' ')).toContain('3 endpoints left a path or analysis behind')
    // What is left carries the run's tag, so it can be found by hand.
    const { EC2Client, DescribeNetworkInsightsAnalysesCommand } = await import('@aws-sdk/client-ec2')
    const ec2 = new EC2Client({ region: 'ap-northeast-1', endpoint: sim.url })
    const out = await ec2.send(
      new DescribeNetworkInsightsAnalysesCommand({ NetworkInsightsAnalysisIds: left.analyses })
    )
    expect(out.NetworkInsightsAnalyses?.[0]?.Tags).toEqual(
      expect.arrayContaining([{ Key: 'vpce-proof:run', Value: '4242-1' }])
    )
  })

  it('throttled calls are retried by the SDK and still decide', async () => {
    sim = await startSimulatedAws(
      reachScenario({ throttleFirst: { CreateNetworkInsightsPath: 2, DescribeNetworkInsightsAnalyses: 1 } })
    )
    // The SDK's own retries, with their number (standard mode: 6 attempts) and no backoff delay.
    const deadline = startDeadline(120_000)
    const factory = new AwsClientFactory({
      signal: deadline.signal,
      ec2Limits: null,
      retryStrategy: new ConfiguredRetryStrategy(6, 0)
    })
    const r = await runAgainst(sim, { clock: fakeClock(), deadline, factory })
    expect(paths(r.findings).map(f => f.verdict)).toEqual(['pass', 'pass', 'pass'])
    expect(sim.callCount('CreateNetworkInsightsPath')).toBe(3 + 2)
    expect(sim.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
  })

  it('an answer missing its optional elements (status, NetworkPathFound) never passes', async () => {
    sim = await startSimulatedAws(
      reachScenario({ faults: { DescribeNetworkInsightsAnalyses: 'drop-optional' } })
    )
    const r = await runAgainst(sim, { clock: fakeClock() })
    expect(paths(r.findings).map(f => f.verdict)).toEqual(['inconclusive', 'inconclusive', 'inconclusive'])
    expect(sim.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
  })
})

/**
 * Servers that never answer are waited out on real sockets: these cases run at once, each against a
 * simulator of its own that its factory is pointed at (AWS_ENDPOINT_URL is one per process).
 */
async function alone(scenario: SimScenario, deadline: Deadline = startDeadline(120_000)) {
  const own = await startSimulatedAws(scenario)
  const factory = new AwsClientFactory({ signal: deadline.signal, ec2Limits: null, endpoint: own.url })
  return {
    own,
    run: (opts: RunOpts) => runAgainst(own, { ...opts, deadline, factory }),
    close: () => own.close()
  }
}

describe('Reachability Analyzer against a simulator that never answers', () => {
  it.concurrent(
    'a poll that never answers ends at the wait, inconclusive, and the cleanup still deletes everything',
    async () => {
      const a = await alone(reachScenario({ faults: { DescribeNetworkInsightsAnalyses: 'hang' } }))
      try {
        const started = Date.now()
        const r = await a.run({ waitMs: 1_000 })
        expect(Date.now() - started).toBeLessThan(10_000)
        for (const f of paths(r.findings)) {
          expect(f.verdict).toBe('inconclusive')
          expect(f.message).toMatch(/ec2:DescribeNetworkInsightsAnalyses failed|had not finished/)
        }
        expect(a.own.callCount('DescribeNetworkInsightsAnalyses')).toBeGreaterThan(0)
        expect(a.own.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
      } finally {
        await a.close()
      }
    }
  )

  it.concurrent('a create whose answer was lost is recovered by its ClientToken and deleted', async () => {
    const a = await alone(reachScenario({ faults: { CreateNetworkInsightsPath: 'hang' } }))
    // The first create arrives (and AWS makes the path) but never answers; then the fault clears.
    const clear = setInterval(() => {
      if (a.own.callCount('CreateNetworkInsightsPath') >= 3) a.own.scenario.faults = {}
    }, 20)
    try {
      const r = await a.run({ waitMs: 1_000 }).finally(() => clearInterval(clear))
      for (const f of paths(r.findings)) expect(f.verdict).toBe('inconclusive')
      expect(a.own.networkInsightsCreated().paths).toBe(3)
      expect(a.own.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
      expect(leftovers(r.findings)).toEqual([])
    } finally {
      await a.close()
    }
  })

  it.concurrent('a start whose answer was lost: the analysis is found by its path and deleted', async () => {
    const a = await alone(reachScenario({ faults: { StartNetworkInsightsAnalysis: 'hang' } }))
    const clear = setInterval(() => {
      if (a.own.callCount('StartNetworkInsightsAnalysis') >= 3) a.own.scenario.faults = {}
    }, 20)
    try {
      const r = await a.run({ waitMs: 1_000 }).finally(() => clearInterval(clear))
      for (const f of paths(r.findings)) expect(f.verdict).toBe('inconclusive')
      expect(a.own.networkInsightsCreated()).toEqual({ paths: 3, analyses: 3 })
      expect(a.own.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
      // An analysis that may have started is counted as one AWS charges for.
      expect(r.analyses).toBe(3)
    } finally {
      await a.close()
    }
  })

  it.concurrent(
    'a create that never answers at all is reported as possibly left behind, with the tag to find it',
    async () => {
      const a = await alone(
        reachScenario({ faults: { CreateNetworkInsightsPath: 'hang' } }),
        startDeadline(4_000)
      )
      try {
        const r = await a.run({ waitMs: 600 })
        const warnings = leftovers(r.findings)
        expect(warnings).toHaveLength(3)
        expect(warnings[0]!.message).toContain('may exist')
        expect(warnings[0]!.message).toContain('vpce-proof:run=4242-1')
        // What the simulator holds is exactly what the report says may be there.
        expect(a.own.networkInsightsLeft().paths).toHaveLength(3)
      } finally {
        await a.close()
      }
    }
  )
})
