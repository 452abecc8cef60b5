import {
  DescribeRouteTablesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  paginateDescribeVpcEndpoints
} from '@aws-sdk/client-ec2'
import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import type { RetryStrategyV2 } from '@smithy/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { interfaceEndpoint } from '../../sim/defaults.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { SimScenario } from '../../sim/scenario.js'
import { demoScenario, FAKE_CREDENTIALS, REGION } from './helpers.js'

const SERVICES = [
  'sqs',
  'kms',
  'logs',
  'ssm',
  'secretsmanager',
  'ecr.api',
  'ecr.dkr',
  'sts',
  'monitoring',
  'events'
]

function manyEndpoints(extra: Partial<SimScenario> = {}): SimScenario {
  const scenario = demoScenario(extra)
  const vpc = scenario.vpcs[0]!
  for (const service of SERVICES) {
    vpc.endpoints.push(
      interfaceEndpoint({ region: REGION, service, subnetIds: ['subnet-0aaa1111111111111'] })
    )
  }
  return scenario
}

describe('EC2 paging, throttling and denial, with AWS_ENDPOINT_URL pointing the SDK at the simulator', () => {
  let sim: SimulatedAws | undefined
  let ec2: EC2Client | undefined
  const saved = process.env.AWS_ENDPOINT_URL

  async function start(scenario: SimScenario, retryStrategy?: RetryStrategyV2) {
    sim = await startSimulatedAws(scenario)
    process.env.AWS_ENDPOINT_URL = sim.url
    // No `endpoint` option: the SDK must find the simulator through the standard environment variable.
    ec2 = new EC2Client({
      region: REGION,
      credentials: FAKE_CREDENTIALS,
      ...(retryStrategy ? { retryStrategy } : {})
    })
    return { sim, ec2 }
  }

  beforeEach(() => {
    sim = undefined
    ec2 = undefined
  })

  afterEach(async () => {
    ec2?.destroy()
    await sim?.close()
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL
    else process.env.AWS_ENDPOINT_URL = saved
  })

  it('pages DescribeVpcEndpoints at the scenario maximum until every endpoint is seen', async () => {
    const { sim, ec2 } = await start(manyEndpoints({ ec2MaxPageSize: 5 }))
    const pages: string[][] = []
    for await (const page of paginateDescribeVpcEndpoints({ client: ec2 }, {})) {
      pages.push((page.VpcEndpoints ?? []).map(e => e.VpcEndpointId ?? ''))
    }
    expect(pages.map(p => p.length)).toEqual([5, 5, 2])
    expect(new Set(pages.flat()).size).toBe(12)
    expect(sim.callCount('ec2:DescribeVpcEndpoints')).toBe(3)
  })

  it('honours MaxResults from the paginator page size, below the scenario maximum', async () => {
    const { ec2 } = await start(manyEndpoints({ ec2MaxPageSize: 5 }))
    const sizes: number[] = []
    for await (const page of paginateDescribeVpcEndpoints({ client: ec2, pageSize: 4 }, {})) {
      sizes.push(page.VpcEndpoints?.length ?? 0)
    }
    expect(sizes).toEqual([4, 4, 4])
  })

  it('rejects a forged token and a token reused with other filters', async () => {
    const { ec2 } = await start(manyEndpoints({ ec2MaxPageSize: 5 }))
    await expect(
      ec2.send(new DescribeVpcEndpointsCommand({ NextToken: 'not-a-token' }))
    ).rejects.toMatchObject({
      name: 'InvalidPaginationToken',
      $metadata: { httpStatusCode: 400 }
    })
    const first = await ec2.send(new DescribeVpcEndpointsCommand({}))
    expect(first.NextToken).toBeTruthy()
    await expect(
      ec2.send(
        new DescribeVpcEndpointsCommand({
          NextToken: first.NextToken,
          Filters: [{ Name: 'vpc-endpoint-type', Values: ['Interface'] }]
        })
      )
    ).rejects.toMatchObject({ name: 'InvalidPaginationToken' })
  })

  it('rejects a DescribeRouteTables MaxResults below the documented minimum of 5', async () => {
    const { ec2 } = await start(demoScenario())
    await expect(ec2.send(new DescribeRouteTablesCommand({ MaxResults: 2 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue'
    })
  })

  it('throttles the first calls with RequestLimitExceeded; the SDK retries and then succeeds', async () => {
    // The SDK's standard retries (3 attempts), without their backoff delay.
    const { sim, ec2 } = await start(
      demoScenario({ throttleFirst: { 'ec2:DescribeVpcEndpoints': 2 } }),
      new ConfiguredRetryStrategy(3, 0)
    )
    const out = await ec2.send(new DescribeVpcEndpointsCommand({}))
    expect(out.VpcEndpoints).toHaveLength(2)
    expect(out.$metadata.attempts).toBe(3)
    expect(sim.callCount('DescribeVpcEndpoints')).toBe(3)
    expect(sim.calls.map(c => c.status)).toEqual([503, 503, 200])
  })

  it('surfaces a denied action as UnauthorizedOperation, without retrying it', async () => {
    const { sim, ec2 } = await start(demoScenario({ deny: ['ec2:DescribeRouteTables'] }))
    const error = await ec2.send(new DescribeRouteTablesCommand({})).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'UnauthorizedOperation',
      message: 'You are not authorized to perform this operation.',
      $metadata: { httpStatusCode: 403 }
    })
    expect((error as { $metadata: { requestId?: string } }).$metadata.requestId).toBe(sim.calls[0]?.requestId)
    expect(sim.callCount('DescribeRouteTables')).toBe(1)
    expect(sim.trail()[0]?.record).toMatchObject({
      eventName: 'DescribeRouteTables',
      errorCode: 'Client.UnauthorizedOperation',
      requestID: sim.calls[0]?.requestId
    })
    await expect(ec2.send(new DescribeVpcEndpointsCommand({}))).resolves.toBeTruthy()
  })
})
