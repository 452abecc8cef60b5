import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { collectInventory } from '../../src/aws/inventory.js'
import { checkConfiguration } from '../../src/checks/check-configuration.js'
import type { Manifest, VpcDeclaration } from '../../src/manifest/types.js'
import { maxPerSecond } from '../../sim/core/call-log.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { SimScenario, SimVpc } from '../../sim/scenario.js'

/** EC2 pacing through the real EC2 SDK client against the simulator, measured on the simulator's side. */
const REGION = 'ap-northeast-1'
let sim: SimulatedAws
const saved = { ...process.env }

beforeEach(() => {
  process.env = { ...saved }
})
afterEach(async () => {
  await sim?.close()
  process.env = { ...saved }
})

async function start(scenario: SimScenario) {
  sim = await startSimulatedAws(scenario)
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true'
  })
}

/** `count` VPCs with one endpoint each: Interface with private DNS, or Gateway (s3). */
function world(count: number, type: 'Interface' | 'Gateway'): { scenario: SimScenario; manifest: Manifest } {
  const vpcs: SimVpc[] = []
  const declared: VpcDeclaration[] = []
  for (let v = 0; v < count; v += 1) {
    const n = String(v).padStart(3, '0')
    const subnet = `subnet-0c1b2c3d4e5f6a${n}`
    const rtb = `rtb-0c1b2c3d4e5f6b${n}`
    const service = type === 'Interface' ? 'sns' : 's3'
    vpcs.push({
      id: `vpc-0c1b2c3d4e5f60${n}`,
      region: REGION,
      cidr: '10.0.0.0/16',
      subnets: [{ id: subnet, cidr: '10.0.1.0/24' }],
      routeTables: [{ id: rtb, main: true }],
      endpoints: [
        {
          id: `vpce-0c1b2c3d4e5f6${n}`,
          serviceName: `com.amazonaws.${REGION}.${service}`,
          type,
          ...(type === 'Interface'
            ? { subnetIds: [subnet], privateDnsEnabled: true }
            : { routeTableIds: [rtb] })
        }
      ]
    })
    declared.push({
      id: `vpc-0c1b2c3d4e5f60${n}`,
      region: REGION,
      location: { file: 'pacing.yml', line: 3 + v, column: 5 },
      endpoints: [
        {
          service,
          serviceName: `com.amazonaws.${REGION}.${service}`,
          type,
          privateDns: type === 'Interface',
          subnets: [],
          routeTables: [],
          location: { file: 'pacing.yml', line: 4 + v, column: 9 }
        }
      ]
    })
  }
  return {
    scenario: { accountId: '123456789012', region: REGION, vpcs },
    manifest: { file: 'pacing.yml', version: 1, vpcs: declared }
  }
}

const ec2Times = () => sim.calls.filter(c => c.service === 'ec2').map(c => c.at)

describe('EC2 requests paced per account and region', () => {
  // A small bucket so the test is quick (about 5 s): 50 VPCs make 107 EC2 requests (7 shared reads, 2
  // attribute reads per VPC). At most 40 may arrive in any second; the pacer's 10% margin absorbs the
  // bunching of arrivals on a loaded machine.
  const limits = { burst: 20, refillPerSecond: 20 }

  it('keeps a 50-VPC manifest within the configured rate in every second, at the simulator', async () => {
    const { scenario, manifest } = world(50, 'Interface')
    await start(scenario)
    const aws = new AwsClientFactory({ ec2Limits: limits })
    const inventory = await collectInventory(manifest, aws)
    expect(inventory.vpcs.every(v => v.endpoints.ok && v.enableDnsSupport.ok)).toBe(true)
    expect(ec2Times().length).toBe(107)
    expect(maxPerSecond(ec2Times())).toBeLessThanOrEqual(limits.burst + limits.refillPerSecond)
  })

  it('without pacing the same manifest exceeds that rate (what the pacing prevents)', async () => {
    const { scenario, manifest } = world(50, 'Interface')
    await start(scenario)
    await collectInventory(manifest, new AwsClientFactory({ ec2Limits: null }))
    expect(maxPerSecond(ec2Times())).toBeGreaterThan(limits.burst + limits.refillPerSecond)
  })

  it('counts every HTTP attempt, the SDK retries of a throttled call included, beside the operations', async () => {
    const { scenario, manifest } = world(1, 'Interface')
    await start({ ...scenario, throttleFirst: { DescribeVpcs: 2 } })
    const aws = new AwsClientFactory({ ec2Limits: limits, retryStrategy: new ConfiguredRetryStrategy(4, 0) })
    const inventory = await collectInventory(manifest, aws)
    expect(inventory.vpcs[0]!.vpc.ok).toBe(true)
    expect(aws.calls['ec2:DescribeVpcs']).toBe(1)
    expect(aws.attempts['ec2:DescribeVpcs']).toBe(3)
    expect(Object.values(aws.attempts).reduce((a, b) => a + b, 0)).toBe(sim.calls.length)
  })

  it('reads DescribeVpcAttribute only for VPCs relying on private DNS, and no DNS rule turns inconclusive', async () => {
    const { scenario, manifest } = world(3, 'Gateway')
    await start(scenario)
    const inventory = await collectInventory(manifest, new AwsClientFactory())
    expect(sim.callCount('DescribeVpcAttribute')).toBe(0)
    const findings = checkConfiguration(manifest, inventory)
    expect(findings.filter(f => f.ruleId.startsWith('vpc-dns') && f.verdict !== 'skipped')).toEqual([])
    expect(findings.filter(f => f.verdict === 'inconclusive')).toEqual([])
  })
})
