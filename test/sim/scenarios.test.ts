import {
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client
} from '@aws-sdk/client-ec2'
import { afterEach, describe, expect, it } from 'vitest'
import { bypassScenario } from '../../sim/scenarios/bypass.js'
import { healthyScenario } from '../../sim/scenarios/healthy.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { clientConfig, demoScenario, signedFetch } from './helpers.js'

const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }

async function observe(sim: SimulatedAws) {
  const ec2 = new EC2Client(clientConfig(sim.url))
  const endpoints = (await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints ?? []
  const tables = (await ec2.send(new DescribeRouteTablesCommand({}))).RouteTables ?? []
  ec2.destroy()
  const probe = await signedFetch(sim.url, {
    service: 'sns',
    headers: FORM,
    body: 'Action=ListTopics&Version=2010-03-31'
  })
  const requestId = probe.headers.get('x-amzn-requestid')
  const record = sim.trail().find(e => e.record.requestID === requestId)?.record
  return {
    snsPrivateDns: endpoints.find(e => e.ServiceName?.endsWith('.sns'))?.PrivateDnsEnabled,
    s3Routes: tables.flatMap(t => t.Routes ?? []).filter(r => r.DestinationPrefixListId).length,
    snsRecordEndpoint: record?.vpcEndpointId,
    snsSourceIp: record?.sourceIPAddress
  }
}

describe('named scenarios and escaping', () => {
  let sim: SimulatedAws | undefined
  afterEach(async () => sim?.close())

  it('healthy: private DNS on, S3 route present, probes recorded through the endpoint', async () => {
    sim = await startSimulatedAws({ ...healthyScenario(), cloudTrailDelayMs: 0 })
    expect(await observe(sim)).toEqual({
      snsPrivateDns: true,
      s3Routes: 1,
      snsRecordEndpoint: 'vpce-01251def6b627a209',
      snsSourceIp: '10.0.1.25'
    })
  })

  it('bypass: private DNS off, no S3 route, probes recorded from the NAT address without an endpoint', async () => {
    sim = await startSimulatedAws({ ...bypassScenario(), cloudTrailDelayMs: 0 })
    expect(await observe(sim)).toEqual({
      snsPrivateDns: false,
      s3Routes: 0,
      snsRecordEndpoint: undefined,
      snsSourceIp: '203.0.113.10'
    })
  })

  it('escapes scenario values in XML, so odd characters come back unchanged', async () => {
    const scenario = demoScenario()
    const odd = `zone<&>"'`
    scenario.vpcs[0]!.subnets[0]!.availabilityZone = odd
    sim = await startSimulatedAws(scenario)
    const ec2 = new EC2Client(clientConfig(sim.url))
    const out = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0aaa1111111111111'] }))
    ec2.destroy()
    expect(out.Subnets?.[0]?.AvailabilityZone).toBe(odd)
  })
})
