import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { collectInventory } from '../../src/aws/inventory.js'
import { checkConfiguration } from '../../src/checks/check-configuration.js'
import type { Manifest, VpcDeclaration } from '../../src/manifest/types.js'
import { maxPerSecond } from '../../sim/core/call-log.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { SimScenario, SimVpc } from '../../sim/scenario.js'
import { recordAttemptsAfter } from '../clock/attempt-times.js'
import { skippingClock } from '../clock/skipping-clock.js'

/** EC2 pacing through the real EC2 SDK client against the simulator; the rate measured at the bucket's grants. */
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

/**
 * The bucket's clock: simulated time (its waits are skipped), and real timers for the call budgets, which
 * only ever see the short real time of a call. The rate is measured where it is decided, at the grants on
 * this clock: arrivals at the simulator bunch whenever the machine stalls, and a rate counted there
 * failed on a loaded machine.
 */
function bucketClock() {
  const clock = skippingClock()
  return {
    ...clock,
    setTimer: (fire: () => void, ms: number) => {
      const timer = setTimeout(fire, ms)
      timer.unref()
      return { cancel: () => clearTimeout(timer) }
    }
  }
}

/**
 * The clock's time of every EC2 HTTP attempt as it leaves the bucket: a middleware right after the
 * factory's pacing one, inside the SDK's retry loop, so retries are timed too.
 */
async function grantTimes(aws: AwsClientFactory, now: () => number): Promise<number[]> {
  const ec2 = await aws.ec2For({ region: REGION })
  return recordAttemptsAfter(ec2, 'vpceProofAttemptPacing', now)
}

describe('EC2 requests paced per account and region', () => {
  // 50 VPCs make 107 EC2 requests (7 shared reads, 2 attribute reads per VPC): with a bucket of 20 and 20
  // a second, at most 40 may go in any second (the pacer keeps a 10% margin: 18 and 18 a second).
  const limits = { burst: 20, refillPerSecond: 20 }

  it('keeps a 50-VPC manifest within the configured rate in every second of its clock', async () => {
    const { scenario, manifest } = world(50, 'Interface')
    await start(scenario)
    const clock = bucketClock()
    const aws = new AwsClientFactory({ ec2Limits: limits, clock })
    const granted = await grantTimes(aws, clock.now)
    const inventory = await collectInventory(manifest, aws)
    expect(inventory.vpcs.every(v => v.endpoints.ok && v.enableDnsSupport.ok)).toBe(true)
    // Every request went through the bucket: each attempt the simulator saw was granted and counted.
    expect(ec2Times().length).toBe(107)
    expect(granted.length).toBe(107)
    expect(Object.values(aws.attempts).reduce((a, b) => a + b, 0)).toBe(107)
    expect(maxPerSecond(granted)).toBeLessThanOrEqual(limits.burst + limits.refillPerSecond)
    // The bucket waited (about 5 s of its clock), so the bound above was reached by pacing.
    expect(clock.skipped()).toBeGreaterThan(3_000)
  })

  it('without pacing the same manifest exceeds that rate (what the pacing prevents)', async () => {
    const { scenario, manifest } = world(50, 'Interface')
    await start(scenario)
    const clock = bucketClock()
    const aws = new AwsClientFactory({ ec2Limits: null, clock })
    const granted = await grantTimes(aws, clock.now)
    await collectInventory(manifest, aws)
    expect(granted.length).toBe(107)
    expect(maxPerSecond(granted)).toBeGreaterThan(limits.burst + limits.refillPerSecond)
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
