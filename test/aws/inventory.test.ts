import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { collectInventory } from '../../src/aws/inventory.js'
import { checkConfiguration } from '../../src/checks/check-configuration.js'
import { parseManifest } from '../../src/manifest/load.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { SimScenario } from '../../sim/scenario.js'
import { demoScenario } from '../../demo/scenario.js'

/**
 * The inventory through the real EC2 and STS SDK clients, reaching the simulated AWS the standard way
 * (AWS_ENDPOINT_URL), with real pagination, throttling and authorization errors.
 */
let sim: SimulatedAws
const saved = { ...process.env }

async function start(scenario: SimScenario) {
  sim = await startSimulatedAws(structuredClone(scenario))
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true'
  })
}

beforeEach(() => {
  process.env = { ...saved }
})
afterEach(async () => {
  await sim?.close()
  process.env = { ...saved }
})

const MANIFEST = `
version: 1
region: ap-northeast-1
vpcs:
  - id: vpc-0a1b2c3d4e5f60718
    account: "123456789012"
    endpoints:
      - service: sns
        subnets: [subnet-0a1b2c3d4e5f6a001, subnet-0a1b2c3d4e5f6a002]
      - service: kms
      - service: s3
        type: Gateway
        subnets: [subnet-0a1b2c3d4e5f6a001, subnet-0a1b2c3d4e5f6a002]
`

function manifest() {
  return parseManifest(MANIFEST, 'vpc-endpoints.yml')
}

describe('inventory through the real SDK', () => {
  it('reads every fact the checks need and finds the demo problems', async () => {
    await start(demoScenario)
    const aws = new AwsClientFactory()
    const inventory = await collectInventory(manifest(), aws)
    const [snap] = inventory.vpcs
    expect(snap!.enableDnsSupport).toEqual({ ok: true, value: true })
    expect(snap!.endpoints.ok && snap!.endpoints.value.map(e => e.id).sort()).toEqual([
      'vpce-0a1b2c3d4e5f6d001',
      'vpce-0a1b2c3d4e5f6d002',
      'vpce-0a1b2c3d4e5f6d003',
      'vpce-0a1b2c3d4e5f6d004'
    ])
    expect(
      snap!.networkInterfaces.ok && snap!.networkInterfaces.value.flatMap(n => n.privateIpAddresses).sort()
    ).toEqual(['10.0.1.10', '10.0.1.11', '10.0.1.12', '10.0.2.10'])
    expect(snap!.callerAccount).toEqual({ ok: true, value: '123456789012' })

    const failed = checkConfiguration(manifest(), inventory)
      .filter(f => f.verdict !== 'pass')
      .map(f => [f.ruleId, f.verdict, f.service ?? f.endpointId])
    expect(failed).toEqual([
      ['private-dns-enabled', 'fail', 'kms'],
      ['gateway-route-present', 'fail', 's3'],
      ['endpoint-declared', 'warn', 'vpce-0a1b2c3d4e5f6d004']
    ])
  })

  it('reads all pages, and the call count does not grow with the endpoints', async () => {
    const many = structuredClone(demoScenario)
    const vpc = many.vpcs[0]!
    for (let i = 0; i < 23; i++) {
      vpc.endpoints.push({
        id: `vpce-0a1b2c3d4e5f7${String(i).padStart(4, '0')}`,
        serviceName: `com.amazonaws.ap-northeast-1.extra${i}`,
        type: 'Interface',
        subnetIds: ['subnet-0a1b2c3d4e5f6a001']
      })
    }
    await start({ ...many, ec2MaxPageSize: 5 })
    const inventory = await collectInventory(manifest(), new AwsClientFactory())
    const snap = inventory.vpcs[0]!
    expect(snap.endpoints.ok && snap.endpoints.value.length).toBe(27)
    // 27 endpoints at 5 a page: 6 pages; ENIs likewise. One call per page, never one per endpoint.
    expect(sim.callCount('DescribeVpcEndpoints')).toBe(6)
    expect(sim.callCount('DescribeNetworkInterfaces')).toBe(6)
    expect(sim.callCount('DescribeVpcAttribute')).toBe(2)
  })

  it('retries a throttled call and then succeeds', async () => {
    await start({ ...demoScenario, throttleFirst: { 'ec2:DescribeVpcEndpoints': 2 } })
    // The factory's own retry settings, backoff included (about 1 s of waiting): the one test that fails
    // when the factory stops retrying (other throttle tests pass their own zero-delay strategy).
    const inventory = await collectInventory(manifest(), new AwsClientFactory())
    expect(inventory.vpcs[0]!.endpoints.ok).toBe(true)
    expect(sim.callCount('DescribeVpcEndpoints')).toBe(3)
  })

  it('turns a denied call into inconclusive findings naming the IAM action', async () => {
    await start({ ...demoScenario, deny: ['ec2:DescribeRouteTables'] })
    const inventory = await collectInventory(manifest(), new AwsClientFactory())
    expect(inventory.vpcs[0]!.routeTables).toMatchObject({
      ok: false,
      problem: { kind: 'denied', action: 'ec2:DescribeRouteTables', code: 'UnauthorizedOperation' }
    })
    const s3 = checkConfiguration(manifest(), inventory).filter(
      f => f.service === 's3' && f.ruleId === 'gateway-route-present'
    )
    expect(s3.map(f => f.verdict)).toEqual(['inconclusive'])
    expect(s3[0]!.message).toContain('ec2:DescribeRouteTables')
  })

  it('assumes the role a VPC names, with the caller credentials', async () => {
    await start(demoScenario)
    const text = MANIFEST.replace(
      'account: "123456789012"',
      'account: "123456789012"\n    role-arn: arn:aws:iam::123456789012:role/vpce-proof'
    )
    const aws = new AwsClientFactory()
    await collectInventory(parseManifest(text, 'm.yml'), aws)
    expect(sim.callCount('AssumeRole')).toBe(1)
    const ec2Keys = new Set(sim.calls.filter(c => c.service === 'ec2').map(c => c.accessKeyId))
    expect([...ec2Keys].every(k => k?.startsWith('ASIA'))).toBe(true)
  })
})
