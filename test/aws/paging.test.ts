import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { collectInventory } from '../../src/aws/inventory.js'
import { allPages, MAX_PAGES } from '../../src/aws/pages.js'
import { checkConfiguration } from '../../src/checks/check-configuration.js'
import { parseManifest } from '../../src/manifest/load.js'
import { demoScenario } from '../../demo/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'

/** Paging that cannot loop: v0 made 145,098 DescribeSubnets calls in 60 s on a repeated NextToken. */
let sim: SimulatedAws | undefined
const saved = { ...process.env }

beforeEach(() => {
  process.env = { ...saved }
})
afterEach(async () => {
  await sim?.close()
  sim = undefined
  process.env = { ...saved }
})

const MANIFEST = `
version: 1
region: ap-northeast-1
vpcs:
  - id: vpc-0a1b2c3d4e5f60718
    endpoints:
      - service: sns
        subnets: [subnet-0a1b2c3d4e5f6a001, subnet-0a1b2c3d4e5f6a002]
      - service: kms
`

describe('an EC2 that repeats its NextToken (simulator fault, real SDK paginators)', () => {
  it('stops on the second page; the fact is an error and the rules reading it are inconclusive', async () => {
    const scenario = structuredClone(demoScenario)
    scenario.repeatNextToken = ['ec2:DescribeVpcEndpoints', 'ec2:DescribeSubnets']
    sim = await startSimulatedAws(scenario)
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: sim.url,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_EC2_METADATA_DISABLED: 'true'
    })
    const manifest = parseManifest(MANIFEST, 'vpc-endpoints.yml')
    const inventory = await collectInventory(manifest, new AwsClientFactory())

    expect(sim.callCount('DescribeVpcEndpoints')).toBe(2)
    expect(sim.callCount('DescribeSubnets')).toBe(2)
    const [snap] = inventory.vpcs
    for (const fact of [snap!.endpoints, snap!.subnets]) {
      expect(fact).toMatchObject({ ok: false, problem: { kind: 'error', code: 'RepeatedNextToken' } })
    }
    if (!snap!.endpoints.ok) {
      expect(snap!.endpoints.problem.message).toBe(
        'EC2 returned the same NextToken twice (after 2 pages); stopped reading so the run cannot loop'
      )
    }

    const findings = checkConfiguration(manifest, inventory)
    const aboutEndpoints = findings.filter(f => f.service === 'sns' || f.service === 'kms')
    expect(aboutEndpoints.length).toBeGreaterThan(0)
    expect(aboutEndpoints.every(f => f.verdict === 'inconclusive')).toBe(true)
    expect(aboutEndpoints[0]!.message).toContain('same NextToken twice')
  })
})

describe('allPages', () => {
  it(`stops at ${MAX_PAGES} pages of fresh tokens`, async () => {
    let served = 0
    async function* endless() {
      for (;;) {
        served += 1
        yield { NextToken: `t${served}`, items: [served] }
      }
    }
    await expect(allPages(endless(), p => p.items)).rejects.toMatchObject({
      name: 'TooManyPages',
      message: `EC2 returned more than ${MAX_PAGES} pages; stopped reading (the page cap keeps the run bounded)`
    })
    expect(served).toBe(MAX_PAGES)
  })

  it('reads every page of a normal listing', async () => {
    async function* three() {
      yield { NextToken: 'a', items: [1] }
      yield { NextToken: 'b', items: [2] }
      yield { items: [3] }
    }
    expect(await allPages(three(), p => p.items)).toEqual([1, 2, 3])
  })
})
