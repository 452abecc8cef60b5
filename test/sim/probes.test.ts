import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import { afterEach, describe, expect, it } from 'vitest'
import { interfaceEndpoint } from '../../sim/defaults.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { SimScenario } from '../../sim/scenario.js'
import { clientConfig, demoScenario, FAKE_CREDENTIALS, REGION, signedFetch } from './helpers.js'

const SNS_VPCE = 'vpce-01251def6b627a209'
const S3_VPCE = 'vpce-0a1b2c3d4e5f60718'
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }
const json = (version: string, target: string) => ({
  'content-type': `application/x-amz-json-${version}`,
  'x-amz-target': target
})

describe('probe services', () => {
  let sim: SimulatedAws | undefined
  afterEach(async () => sim?.close())

  async function start(overrides: Partial<SimScenario> = {}) {
    sim = await startSimulatedAws(demoScenario(overrides))
    return sim
  }

  const snsListTopics = (url: string) =>
    signedFetch(url, { service: 'sns', headers: FORM, body: 'Action=ListTopics&Version=2010-03-31' })
  const kmsListKeys = (url: string) =>
    signedFetch(url, { service: 'kms', headers: json('1.1', 'TrentService.ListKeys'), body: '{}' })

  /** The records CloudTrail wrote for the given request id. */
  const recordsFor = (s: SimulatedAws, requestId: string | null) =>
    s.trail().filter(e => e.record.requestID === requestId)

  it('SNS ListTopics through the endpoint: LookupEvents returns a record with that vpce and the response request id', async () => {
    const s = await start()
    const res = await snsListTopics(s.url)
    expect(res.status).toBe(200)
    const body = await res.text()
    expect(body).toContain('<ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">')
    expect(body).toContain('<ListTopicsResult><Topics/></ListTopicsResult>')
    const requestId = res.headers.get('x-amzn-requestid')
    expect(body).toContain(`<RequestId>${requestId}</RequestId>`)

    const trail = new CloudTrailClient(clientConfig(s.url))
    const out = await trail.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'sns.amazonaws.com' }]
      })
    )
    trail.destroy()
    expect(out.Events).toHaveLength(1)
    const record = JSON.parse(out.Events?.[0]?.CloudTrailEvent ?? '{}')
    expect(record).toMatchObject({
      eventSource: 'sns.amazonaws.com',
      eventName: 'ListTopics',
      requestID: requestId,
      vpcEndpointId: SNS_VPCE,
      vpcEndpointAccountId: '123456789012',
      sourceIPAddress: '10.0.1.25',
      userIdentity: { accessKeyId: FAKE_CREDENTIALS.accessKeyId },
      tlsDetails: { clientProvidedHostHeader: `sns.${REGION}.amazonaws.com` }
    })
  })

  it('KMS ListKeys over NAT: recorded without vpcEndpointId, from a public address', async () => {
    const s = await start({ traffic: { kms: { via: 'nat' } } })
    const res = await kmsListKeys(s.url)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ Keys: [], Truncated: false })
    const [entry] = recordsFor(s, res.headers.get('x-amzn-requestid'))
    expect(entry?.record.eventName).toBe('ListKeys')
    expect(entry?.record.sourceIPAddress).toBe('203.0.113.10')
    expect(entry?.record).not.toHaveProperty('vpcEndpointId')
    expect(entry?.record).not.toHaveProperty('vpcEndpointAccountId')
  })

  it('S3 ListBuckets through the gateway endpoint: S3 request ids in headers and record', async () => {
    const s = await start()
    const res = await signedFetch(s.url, { service: 's3', method: 'GET', path: '/' })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(
      '<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
    )
    const requestId = res.headers.get('x-amz-request-id')
    expect(requestId).toMatch(/^[0-9A-F]{16}$/)
    const [entry] = recordsFor(s, requestId)
    expect(entry?.record).toMatchObject({
      eventName: 'ListBuckets',
      vpcEndpointId: S3_VPCE,
      additionalEventData: { 'x-amz-id-2': res.headers.get('x-amz-id-2') }
    })
  })

  it('Lambda ListFunctions (REST JSON): eventName carries the API version, no endpoint means internet', async () => {
    const s = await start()
    const res = await signedFetch(s.url, { service: 'lambda', method: 'GET', path: '/2015-03-31/functions' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ Functions: [] })
    const [entry] = recordsFor(s, res.headers.get('x-amzn-requestid'))
    expect(entry?.record.eventName).toBe('ListFunctions20150331')
    expect(entry?.record.vpcEndpointId).toBeUndefined()
  })

  it('records the endpoint the scenario says the traffic used, even when another was expected', async () => {
    const s = await start({ traffic: { sns: { via: 'endpoint', endpointId: 'vpce-0ffffffffffffffff' } } })
    const res = await snsListTopics(s.url)
    expect(recordsFor(s, res.headers.get('x-amzn-requestid'))[0]?.record.vpcEndpointId).toBe(
      'vpce-0ffffffffffffffff'
    )
  })

  it('answers the traffic path error and still records it; omitRequestId leaves requestID out', async () => {
    const s = await start({
      traffic: {
        sns: { via: 'endpoint', errorCode: 'AuthorizationError' },
        kms: { via: 'endpoint', omitRequestId: true }
      }
    })
    const denied = await snsListTopics(s.url)
    expect(denied.status).toBe(403)
    expect(await denied.text()).toContain('<Code>AuthorizationError</Code>')
    const [entry] = recordsFor(s, denied.headers.get('x-amzn-requestid'))
    expect(entry?.record.errorCode).toBe('AuthorizationError')
    expect(entry?.record.vpcEndpointId).toBe(SNS_VPCE)

    const res = await kmsListKeys(s.url)
    expect(res.status).toBe(200)
    const kms = s.trail().filter(e => e.record.eventSource === 'kms.amazonaws.com')
    expect(kms).toHaveLength(1)
    expect(kms[0]?.record).not.toHaveProperty('requestID')
  })

  it('records nothing for a service in cloudTrailDrops', async () => {
    const s = await start({ cloudTrailDrops: ['kms'] })
    expect((await kmsListKeys(s.url)).status).toBe(200)
    expect(s.trail()).toEqual([])
  })

  it('keeps SQS ListQueues as a data event that LookupEvents never returns', async () => {
    const s = await start()
    const res = await signedFetch(s.url, {
      service: 'sqs',
      headers: json('1.0', 'AmazonSQS.ListQueues'),
      body: '{}'
    })
    expect(res.status).toBe(200)
    expect(s.trail().map(e => [e.category, e.record.eventCategory])).toEqual([['data', 'Data']])
    const trail = new CloudTrailClient(clientConfig(s.url))
    const out = await trail.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ListQueues' }]
      })
    )
    trail.destroy()
    expect(out.Events).toEqual([])
  })

  it('answers CloudWatch DescribeAlarms in JSON 1.0, query and rpcv2-cbor', async () => {
    const s = await start()
    const viaJson = await signedFetch(s.url, {
      service: 'monitoring',
      headers: json('1.0', 'GraniteServiceVersion20100801.DescribeAlarms'),
      body: '{}'
    })
    expect(await viaJson.json()).toEqual({ MetricAlarms: [], CompositeAlarms: [] })
    const viaQuery = await signedFetch(s.url, {
      service: 'monitoring',
      headers: FORM,
      body: 'Action=DescribeAlarms&Version=2010-08-01'
    })
    expect(await viaQuery.text()).toContain(
      '<DescribeAlarmsResult><MetricAlarms/><CompositeAlarms/></DescribeAlarmsResult>'
    )
    const viaCbor = await signedFetch(s.url, {
      service: 'monitoring',
      path: '/service/GraniteServiceVersion20100801/operation/DescribeAlarms',
      headers: {
        'smithy-protocol': 'rpc-v2-cbor',
        'content-type': 'application/cbor',
        accept: 'application/cbor'
      },
      body: new Uint8Array([0xa0])
    })
    expect(viaCbor.status).toBe(200)
    expect(viaCbor.headers.get('smithy-protocol')).toBe('rpc-v2-cbor')
    const bytes = new Uint8Array(await viaCbor.arrayBuffer())
    expect(bytes[0]! >> 5).toBe(5) // a CBOR map
    expect(s.trail().map(e => e.record.eventName)).toEqual([
      'DescribeAlarms',
      'DescribeAlarms',
      'DescribeAlarms'
    ])
  })

  it('maps the ecr signing name to the ecr.api endpoint', async () => {
    const scenario = demoScenario()
    const ecr = interfaceEndpoint({
      region: REGION,
      service: 'ecr.api',
      subnetIds: ['subnet-0aaa1111111111111']
    })
    scenario.vpcs[0]!.endpoints.push(ecr)
    sim = await startSimulatedAws(scenario)
    const res = await signedFetch(sim.url, {
      service: 'ecr',
      headers: json('1.1', 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories'),
      body: '{}'
    })
    expect(res.status).toBe(200)
    const [entry] = recordsFor(sim, res.headers.get('x-amzn-requestid'))
    expect(entry?.record).toMatchObject({ eventSource: 'ecr.amazonaws.com', vpcEndpointId: ecr.id })
    expect(entry?.record.tlsDetails?.clientProvidedHostHeader).toBe(`api.ecr.${REGION}.amazonaws.com`)
  })

  it('answers denial and throttling in the protocol error shape, and an unsigned request with 403', async () => {
    const s = await start({ deny: ['sns:ListTopics'], throttleFirst: { 'kms:ListKeys': 1 } })
    const denied = await snsListTopics(s.url)
    expect(denied.status).toBe(403)
    expect(await denied.text()).toMatch(
      /<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>AuthorizationError<\/Code>/
    )
    const throttled = await kmsListKeys(s.url)
    expect(throttled.status).toBe(400)
    expect(throttled.headers.get('x-amzn-errortype')).toBe('ThrottlingException')
    expect(await throttled.json()).toEqual({ __type: 'ThrottlingException', message: 'Rate exceeded' })
    expect((await kmsListKeys(s.url)).status).toBe(200)
    const unsigned = await fetch(s.url, { method: 'POST', body: 'Action=ListTopics' })
    expect(unsigned.status).toBe(403)
    expect(await unsigned.text()).toContain('MissingAuthenticationToken')
    // IAM denials are recorded with their error code; throttled and unsigned calls are not recorded.
    expect(s.trail().map(e => [e.record.eventName, e.record.errorCode])).toEqual([
      ['ListTopics', 'AuthorizationError'],
      ['ListKeys', undefined]
    ])
  })
})
