import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DnsAnswers } from '../../src/evidence/dns.js'
import { parseProbeResponse } from '../../src/evidence/probe-response.js'
import { serviceProbes } from '../../src/evidence/probe-table.js'
import { endpointOverride, sendProbe } from '../../src/evidence/send-probe.js'
import { link } from './fixtures.js'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

const credentials = {
  accessKeyId: 'ASIAEXAMPLEPROBE0001',
  secretAccessKey: 'never-in-any-record-or-log',
  sessionToken: 'session-token-value'
}
const resolve = async (host: string): Promise<DnsAnswers> => ({
  host,
  servers: [],
  ipv4: ['10.0.1.5'],
  ipv6: []
})

let server: Server
let base: string
const seen: Seen[] = []
let reply: (req: Seen) => { status: number; headers?: Record<string, string>; body: string }

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const s = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString()
      }
      seen.push(s)
      const r = reply(s)
      res.writeHead(r.status, r.headers ?? {})
      res.end(r.body)
    })
  })
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>(ok => server.close(() => ok())))

const spec = (service: string) => serviceProbes(service)!.probes[0]!

describe('endpointOverride', () => {
  it('follows the SDK: service-specific variable first, then AWS_ENDPOINT_URL', () => {
    expect(
      endpointOverride('secretsmanager', {
        AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://a',
        AWS_ENDPOINT_URL: 'http://b'
      })
    ).toBe('http://a')
    expect(endpointOverride('monitoring', { AWS_ENDPOINT_URL_CLOUDWATCH: 'http://c' })).toBe('http://c')
    expect(endpointOverride('ecr.api', { AWS_ENDPOINT_URL_ECR: 'http://e' })).toBe('http://e')
    expect(
      endpointOverride('elasticloadbalancing', { AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://l' })
    ).toBe('http://l')
    expect(endpointOverride('sns', { AWS_ENDPOINT_URL: 'http://b' })).toBe('http://b')
    expect(endpointOverride('sns', {})).toBeUndefined()
  })
})

describe('sendProbe', () => {
  it('signs a query-protocol call with SigV4 and records the request id from the header', async () => {
    reply = () => ({
      status: 200,
      headers: { 'x-amzn-RequestId': 'rid-header-1' },
      body: '<ListTopicsResponse/>'
    })
    const record = await sendProbe({
      probe: spec('sns'),
      link: link(),
      credentials,
      env: { AWS_ENDPOINT_URL_SNS: base },
      resolve
    })
    const req = seen.at(-1)!
    expect(req.method).toBe('POST')
    expect(req.body).toBe('Action=ListTopics&Version=2010-03-31')
    expect(req.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEPROBE0001\/\d{8}\/ap-northeast-1\/sns\/aws4_request, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/
    )
    expect(req.headers['x-amz-security-token']).toBe('session-token-value')
    expect(req.headers.host).toBe(new URL(base).host)
    expect(record).toMatchObject({
      service: 'sns',
      operation: 'ListTopics',
      host: 'sns.ap-northeast-1.amazonaws.com',
      url: `${base}/`,
      httpStatus: 200,
      requestId: 'rid-header-1',
      accessKeyId: 'ASIAEXAMPLEPROBE0001',
      region: 'ap-northeast-1',
      dns: { ipv4: ['10.0.1.5'] },
      link: { vpcId: 'vpc-0123456789abcdef0', location: { line: 7 } }
    })
    expect(Date.parse(record.sentAt)).not.toBeNaN()
    expect(JSON.stringify(record)).not.toContain(credentials.secretAccessKey)
    expect(JSON.stringify(record)).not.toContain(credentials.sessionToken)
  })

  it('sends JSON protocol calls with X-Amz-Target and the ECR signing name', async () => {
    reply = () => ({ status: 200, headers: { 'x-amzn-requestid': 'rid-ecr' }, body: '{"repositories":[]}' })
    const record = await sendProbe({
      probe: spec('ecr.api'),
      link: link({ service: 'ecr.api' }),
      credentials,
      env: { AWS_ENDPOINT_URL: base },
      resolve
    })
    const req = seen.at(-1)!
    expect(req.headers['x-amz-target']).toBe('AmazonEC2ContainerRegistry_V20150921.DescribeRepositories')
    expect(req.headers['content-type']).toBe('application/x-amz-json-1.1')
    expect(req.body).toBe('{}')
    expect(req.headers.authorization).toContain('/ap-northeast-1/ecr/aws4_request')
    expect(record.host).toBe('api.ecr.ap-northeast-1.amazonaws.com')
    expect(record.requestId).toBe('rid-ecr')
  })

  it('keeps a denied probe as evidence: status, error code and request id', async () => {
    reply = () => ({
      status: 403,
      headers: {
        'x-amzn-requestid': 'rid-denied',
        'x-amzn-errortype': 'AccessDeniedException:http://internal/'
      },
      body: '{"__type":"AccessDeniedException","message":"not authorized"}'
    })
    const record = await sendProbe({
      probe: spec('kms'),
      link: link({ service: 'kms' }),
      credentials,
      env: { AWS_ENDPOINT_URL: base },
      resolve
    })
    expect(record).toMatchObject({
      httpStatus: 403,
      errorCode: 'AccessDeniedException',
      requestId: 'rid-denied'
    })
  })

  it('reads an EC2 request id from the body when no header carries one', async () => {
    reply = () => ({
      status: 200,
      body: '<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId></DescribeRegionsResponse>'
    })
    const record = await sendProbe({
      probe: spec('ec2'),
      link: link({ service: 'ec2' }),
      credentials,
      env: { AWS_ENDPOINT_URL: base },
      resolve
    })
    expect(record.requestId).toBe('59dbff89-35bd-4eac-99ed-be587EXAMPLE')
  })

  it('records a network failure instead of throwing', async () => {
    const closed = createServer()
    await new Promise<void>(ok => closed.listen(0, '127.0.0.1', ok))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>(ok => closed.close(() => ok()))
    const record = await sendProbe({
      probe: spec('sts'),
      link: link({ service: 'sts' }),
      credentials,
      env: { AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${port}` },
      resolve
    })
    expect(record.networkError?.code).toBe('ECONNREFUSED')
    expect(record.httpStatus).toBeUndefined()
  })

  it('records a timeout when the service does not answer', async () => {
    reply = () => ({ status: 200, body: '' })
    const hang = createServer(() => undefined)
    await new Promise<void>(ok => hang.listen(0, '127.0.0.1', ok))
    try {
      const record = await sendProbe({
        probe: spec('sts'),
        link: link({ service: 'sts' }),
        credentials,
        env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${(hang.address() as AddressInfo).port}` },
        resolve,
        timeoutMs: 200
      })
      expect(record.networkError?.code).toBe('TIMEOUT')
    } finally {
      hang.closeAllConnections()
      await new Promise<void>(ok => hang.close(() => ok()))
    }
  })
})

describe('parseProbeResponse', () => {
  it('prefers the SDK header order and falls back to the body', () => {
    expect(parseProbeResponse(200, { 'x-amz-request-id': 's3-id' }, '').requestId).toBe('s3-id')
    expect(
      parseProbeResponse(200, {}, '<R><ResponseMetadata><RequestId>q-id</RequestId></ResponseMetadata></R>')
        .requestId
    ).toBe('q-id')
    expect(parseProbeResponse(400, {}, '{"__type":"com.amazonaws.x#ThrottlingException"}').errorCode).toBe(
      'ThrottlingException'
    )
    expect(
      parseProbeResponse(
        403,
        {},
        '<ErrorResponse><Error><Code>AuthorizationError</Code><Message>no</Message></Error><RequestId>e</RequestId></ErrorResponse>'
      )
    ).toEqual({ requestId: 'e', errorCode: 'AuthorizationError', errorMessage: 'no' })
  })
})
