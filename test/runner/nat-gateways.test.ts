import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { collectInventory } from '../../src/aws/inventory.js'
import { parseManifest } from '../../src/manifest/load.js'
import type { SimNatGateway, SimScenario } from '../../sim/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'

/** DescribeNatGateways through the real EC2 client: filtered by VPC, every page, public IPs kept. */
let sim: SimulatedAws
const saved = { ...process.env }
beforeEach(() => {
  process.env = { ...saved }
})
afterEach(async () => {
  await sim?.close()
  process.env = { ...saved }
})

const VPC = 'vpc-0123456789abcdef0'
const OTHER = 'vpc-0fff0000000000000'

function scenario(over: Partial<SimScenario> = {}): SimScenario {
  const nats = (vpc: string, n: number): SimNatGateway[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `nat-0${vpc.slice(-4)}${String(i).padStart(12, '0')}`,
      subnetId: 'subnet-0a1111111111111aa',
      publicIps: [`198.51.100.${i + 1}`]
    }))
  const vpc = (id: string, n: number) => ({
    id,
    region: 'ap-northeast-1',
    cidr: '10.0.0.0/16',
    subnets: [{ id: 'subnet-0a1111111111111aa', cidr: '10.0.1.0/24' }],
    routeTables: [{ id: 'rtb-0a1b2c3d4e5f60002', main: true }],
    endpoints: [],
    natGateways: nats(id, n)
  })
  const main = vpc(VPC, 7)
  main.natGateways.push({
    id: 'nat-0private000000000',
    subnetId: 'subnet-0a1111111111111aa',
    publicIps: [],
    connectivityType: 'private'
  })
  return { accountId: '123456789012', region: 'ap-northeast-1', vpcs: [main, vpc(OTHER, 2)], ...over }
}

const manifest = () =>
  parseManifest(
    `version: 1\nregion: ap-northeast-1\nvpcs:\n  - id: ${VPC}\n    endpoints:\n      - service: sns\n`,
    'm.yml'
  )

async function inventory(s: SimScenario) {
  sim = await startSimulatedAws(s)
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true'
  })
  return (await collectInventory(manifest(), new AwsClientFactory())).vpcs[0]!
}

describe('NAT gateways in the inventory', () => {
  it("reads every page of the VPC's NAT gateways and keeps their public IPs", async () => {
    const snap = await inventory(scenario({ ec2MaxPageSize: 5 }))
    expect(sim.callCount('DescribeNatGateways')).toBe(2)
    expect(snap.natGateways?.ok).toBe(true)
    if (!snap.natGateways?.ok) return
    expect(snap.natGateways.value).toHaveLength(8)
    expect(snap.natGateways.value.flatMap(n => n.publicIps)).toEqual(
      Array.from({ length: 7 }, (_, i) => `198.51.100.${i + 1}`)
    )
    expect(snap.natGateways.value.at(-1)).toMatchObject({ connectivityType: 'private', publicIps: [] })
  })

  it('keeps a denied DescribeNatGateways as an unknown fact naming the action', async () => {
    const snap = await inventory(scenario({ deny: ['ec2:DescribeNatGateways'] }))
    expect(snap.natGateways).toMatchObject({
      ok: false,
      problem: { kind: 'denied', action: 'ec2:DescribeNatGateways' }
    })
  })
})
