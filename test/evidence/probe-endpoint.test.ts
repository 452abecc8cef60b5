import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endpointVariant, serviceHost } from '../../src/evidence/probe-endpoint.js'
import { serviceProbes, standardHost } from '../../src/evidence/probe-table.js'
import { endpointOverride, sendProbe } from '../../src/evidence/send-probe.js'
import { startDnsServer, type DnsServer } from '../../sim/dns/server.js'
import { dnsResolver } from '../../src/evidence/dns.js'
import { link } from './fixtures.js'

describe('the probe host follows the SDK endpoint settings and partition data', () => {
  it('uses the partition DNS suffix of the region (China, GovCloud) instead of a fixed amazonaws.com', () => {
    expect(standardHost('sns', 'ap-northeast-1')).toBe('sns.ap-northeast-1.amazonaws.com')
    expect(standardHost('sns', 'cn-north-1')).toBe('sns.cn-north-1.amazonaws.com.cn')
    expect(standardHost('kms', 'us-gov-west-1')).toBe('kms.us-gov-west-1.amazonaws.com')
  })

  it('gives the FIPS and dual-stack hosts when AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT say so', () => {
    const fips = { AWS_USE_FIPS_ENDPOINT: 'true' }
    const dual = { AWS_USE_DUALSTACK_ENDPOINT: 'true' }
    expect(standardHost('kms', 'us-east-1', fips)).toBe('kms-fips.us-east-1.amazonaws.com')
    expect(standardHost('sns', 'us-east-1', dual)).toBe('sns.us-east-1.api.aws')
    expect(standardHost('sns', 'us-east-1', { ...fips, ...dual })).toBe('sns-fips.us-east-1.api.aws')
    expect(standardHost('s3', 'us-east-1', dual)).toBe('s3.dualstack.us-east-1.amazonaws.com')
    expect(standardHost('s3', 'us-east-1', { ...fips, ...dual })).toBe(
      's3-fips.dualstack.us-east-1.amazonaws.com'
    )
    expect(standardHost('ecr.api', 'us-east-1', fips)).toBe('ecr-fips.us-east-1.amazonaws.com')
    expect(standardHost('sns', 'cn-north-1', dual)).toBe('sns.cn-north-1.api.amazonwebservices.com.cn')
    expect(standardHost('sns', 'us-east-1', { AWS_USE_FIPS_ENDPOINT: 'false' })).toBe(
      'sns.us-east-1.amazonaws.com'
    )
  })

  it('rejects a setting the SDK would reject, naming the variable', () => {
    expect(() => endpointVariant({ AWS_USE_FIPS_ENDPOINT: 'yes' })).toThrow(
      /^AWS_USE_FIPS_ENDPOINT: .*got yes/
    )
    expect(() =>
      serviceHost({ hostPrefix: 'sns' }, 'us-east-1', { fips: false, dualStack: false })
    ).not.toThrow()
  })

  it('drops AWS_ENDPOINT_URL* when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true, as the SDK does', () => {
    expect(endpointOverride('sns', { AWS_ENDPOINT_URL_SNS: 'http://x' })).toBe('http://x')
    expect(
      endpointOverride('sns', {
        AWS_ENDPOINT_URL_SNS: 'http://x',
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'
      })
    ).toBeUndefined()
  })
})

describe('a FIPS probe through real DNS', () => {
  let server: Server
  let base: string
  let dns: DnsServer
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'x-amzn-RequestId': 'rid-fips' })
      res.end('<ListKeysResponse/>')
    })
    await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    dns = await startDnsServer({
      records: [
        { host: 'kms.us-east-1.amazonaws.com', ipv4: ['10.0.1.78'] },
        { host: 'kms-fips.us-east-1.amazonaws.com', ipv4: ['10.0.1.90'] }
      ]
    })
  })
  afterAll(async () => {
    await dns.stop()
    await new Promise<void>(ok => server.close(() => ok()))
  })

  it('records and resolves the FIPS hostname the workload SDK would call', async () => {
    const record = await sendProbe({
      probe: serviceProbes('kms')!.probes[0]!,
      link: link({ region: 'us-east-1', service: 'kms', serviceName: 'com.amazonaws.us-east-1.kms' }),
      credentials: { accessKeyId: 'ASIAEXAMPLEPROBE0001', secretAccessKey: 'x' },
      env: { AWS_ENDPOINT_URL_KMS: base, AWS_USE_FIPS_ENDPOINT: 'true' },
      resolve: dnsResolver({ servers: [dns.server] })
    })
    expect(record.host).toBe('kms-fips.us-east-1.amazonaws.com')
    expect(record.dns.ipv4).toEqual(['10.0.1.90'])
    expect(record.requestId).toBe('rid-fips')
    expect(record.serviceDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/)
  })
})
