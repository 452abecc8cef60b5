import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/finding.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { SimScenario } from '../../sim/scenario.js'
import { configurationRun, useSimulator } from '../monotonicity/run.js'
import { EDGE_MANIFEST, edgeScenario } from '../monotonicity/scenarios.js'

/**
 * The individual truths of issue 7, each through the real SDK against the simulator: partial permissions
 * and odd answers never produce a pass, and no rule vanishes.
 */
let sim: SimulatedAws
beforeAll(async () => {
  sim = await startSimulatedAws(edgeScenario())
  useSimulator(sim.url)
})
afterAll(async () => sim?.close())

function serve(more: Partial<SimScenario> = {}) {
  sim.scenario = { ...edgeScenario(), ...more }
}
beforeEach(() => serve())

const of = (findings: Finding[], ruleId: string, service?: string) =>
  findings.filter(f => f.ruleId === ruleId && (service === undefined || f.service === service))

describe('a declared subnet of another VPC', () => {
  it('fails gateway-route-present with DescribeSubnets allowed', async () => {
    const findings = of(await configurationRun(EDGE_MANIFEST), 'gateway-route-present', 's3')
    expect(findings.find(f => f.evidence.subnet === 'subnet-0e1e1e1e1e1e1eb01')).toMatchObject({
      verdict: 'fail',
      message: 'Subnet subnet-0e1e1e1e1e1e1eb01 is not in vpc-0e1e1e1e1e1e1e001.'
    })
  })

  it('is inconclusive, never a pass, with DescribeSubnets denied', async () => {
    serve({ deny: ['ec2:DescribeSubnets'] })
    const findings = of(await configurationRun(EDGE_MANIFEST), 'gateway-route-present', 's3')
    expect(findings.map(f => f.verdict)).toEqual(['inconclusive'])
    expect(findings[0]!.message).toContain('Grant ec2:DescribeSubnets')
  })
})

describe('routes more specific than the gateway endpoint route', () => {
  it('names every target type of the shadowing routes', async () => {
    const [f] = of(await configurationRun(EDGE_MANIFEST), 'gateway-route-not-shadowed', 's3')
    expect(f!.verdict).toBe('fail')
    expect(f!.evidence['shadowing-routes']).toBe(
      '52.219.4.0/24 → transit gateway tgw-0e1e1e1e1e1e1e001, 52.219.8.0/24 → peering connection pcx-0e1e1e1e1e1e1e001, 52.219.9.0/24 → instance i-0e1e1e1e1e1e1e001'
    )
  })

  it('is inconclusive, never missing, with DescribePrefixLists denied', async () => {
    serve({ deny: ['ec2:DescribePrefixLists'] })
    const findings = of(await configurationRun(EDGE_MANIFEST), 'gateway-route-not-shadowed', 's3')
    expect(findings.map(f => f.verdict)).toEqual(['inconclusive'])
    expect(findings[0]!.evidence['missing-permission']).toBe('ec2:DescribePrefixLists')
  })

  it('is inconclusive when the prefix list comes back without its CIDRs', async () => {
    serve({ faults: { 'ec2:DescribePrefixLists': 'drop-optional' } })
    const [f] = of(await configurationRun(EDGE_MANIFEST), 'gateway-route-not-shadowed', 's3')
    expect(f).toMatchObject({ verdict: 'inconclusive' })
    expect(f!.message).toContain('without its CIDRs')
  })
})

describe('drift', () => {
  it.each([
    ['denied', { deny: ['ec2:DescribeVpcEndpoints'] }],
    ['throttled past retries', { throttleFirst: { 'ec2:DescribeVpcEndpoints': 1e9 } }]
  ])('endpoint-declared is inconclusive when DescribeVpcEndpoints is %s', async (_, more) => {
    serve(more)
    const findings = of(await configurationRun(EDGE_MANIFEST), 'endpoint-declared')
    expect(findings.map(f => f.verdict)).toEqual(['inconclusive'])
  })

  it('warns about the undeclared endpoint when it can read them', async () => {
    const findings = of(await configurationRun(EDGE_MANIFEST), 'endpoint-declared')
    expect(findings.map(f => [f.verdict, f.endpointId])).toEqual([['warn', 'vpce-0e1e1e1e1e1e1ed04']])
  })
})

describe('a pinned id that serves another service', () => {
  it('is one fail naming both services, and the other checks are skipped saying why', async () => {
    const sns = (await configurationRun(EDGE_MANIFEST)).filter(f => f.service === 'sns')
    expect(sns.map(f => [f.ruleId, f.verdict])).toEqual([
      ['endpoint-exists', 'fail'],
      ['endpoint-available', 'skipped'],
      ['endpoint-type-matches', 'skipped'],
      ['private-dns-enabled', 'skipped']
    ])
    expect(sns[0]!.message).toContain('com.amazonaws.ap-northeast-1.sqs')
    expect(sns[0]!.message).toContain('com.amazonaws.ap-northeast-1.sns')
    expect(sns[1]!.message).toBe(
      'Not checked: the pinned endpoint vpce-0e1e1e1e1e1e1ed02 serves com.amazonaws.ap-northeast-1.sqs, not com.amazonaws.ap-northeast-1.sns.'
    )
  })
})

describe('VPC DNS hostnames off', () => {
  it("fails the interface endpoint's own private-DNS line, and the VPC-level rule", async () => {
    const findings = await configurationRun(EDGE_MANIFEST)
    const [kms] = of(findings, 'private-dns-enabled', 'kms')
    expect(kms).toMatchObject({ verdict: 'fail', location: { line: 13 } })
    expect(kms!.message).toContain('enableDnsHostnames off')
    expect(of(findings, 'vpc-dns-hostnames-enabled').map(f => f.verdict)).toEqual(['fail'])
  })
})

describe('a blackhole endpoint route', () => {
  it('fails gateway-route-active; shadowing on that table is still checked', async () => {
    const findings = await configurationRun(EDGE_MANIFEST)
    expect(of(findings, 'gateway-route-active', 'dynamodb').map(f => f.verdict)).toEqual(['fail'])
    expect(of(findings, 'gateway-route-not-shadowed', 'dynamodb').map(f => f.verdict)).toEqual(['pass'])
  })
})
