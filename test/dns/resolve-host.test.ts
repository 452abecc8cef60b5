import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveHost } from '../../src/evidence/dns.js'
import { judgeDns } from '../../src/evidence/judge-dns.js'
import { link } from '../evidence/fixtures.js'
import { startDnsServer, type DnsServer } from '../../sim/dns/server.js'

const MANY_IPS = Array.from({ length: 120 }, (_, i) => `10.30.${140 + Math.floor(i / 100)}.${(i % 100) + 1}`)

let dns: DnsServer
beforeAll(async () => {
  dns = await startDnsServer({
    records: [
      { host: 'sns.ap-northeast-1.amazonaws.com', ipv4: ['10.30.134.227', '10.30.135.12'] },
      { host: 'kms.ap-northeast-1.amazonaws.com', ipv4: ['52.119.160.5'] },
      { host: 'logs.ap-northeast-1.amazonaws.com', ipv4: ['10.30.134.40'], ipv6: ['2406:da14:0:1::40'] },
      // More addresses than fit a UDP answer: the client must retry over TCP.
      { host: 'sqs.ap-northeast-1.amazonaws.com', ipv4: MANY_IPS }
    ]
  })
})
afterAll(() => dns?.stop())

describe('resolveHost against a real DNS server on loopback (UDP and TCP)', () => {
  it('returns every A and AAAA answer of the given servers', async () => {
    const sns = await resolveHost('sns.ap-northeast-1.amazonaws.com', { servers: [dns.server] })
    expect(sns.ipv4.sort()).toEqual(['10.30.134.227', '10.30.135.12'])
    expect(sns.servers).toEqual([dns.server])
    const logs = await resolveHost('logs.ap-northeast-1.amazonaws.com', { servers: [dns.server] })
    expect(logs).toMatchObject({ ipv4: ['10.30.134.40'], ipv6: ['2406:da14:0:1::40'] })
    expect(logs.error).toBeUndefined()
  })

  it('reports NXDOMAIN as an error, not an exception', async () => {
    const nx = await resolveHost('nothing.ap-northeast-1.amazonaws.com', { servers: [dns.server] })
    expect(nx.error?.code).toBe('ENOTFOUND')
    expect(judgeDns(link(), nx, { eniIps: ['10.30.134.227'] }).verdict).toBe('inconclusive')
  })

  it('judges a public answer outside the ENI addresses as a failure', async () => {
    const kms = await resolveHost('kms.ap-northeast-1.amazonaws.com', { servers: [dns.server] })
    const f = judgeDns(link({ service: 'kms' }), kms, { eniIps: ['10.30.140.9'] })
    expect(f.verdict).toBe('fail')
    expect(f.message).toContain('52.119.160.5')
    const sns = await resolveHost('sns.ap-northeast-1.amazonaws.com', { servers: [dns.server] })
    expect(judgeDns(link(), sns, { eniIps: ['10.30.134.227', '10.30.135.12'] }).verdict).toBe('pass')
  })

  it('reads an answer too large for UDP over TCP, as from a real resolver', async () => {
    const before = dns.queries.tcp
    const sqs = await resolveHost('sqs.ap-northeast-1.amazonaws.com', { servers: [dns.server] })
    expect(sqs.error).toBeUndefined()
    expect(sqs.ipv4.sort()).toEqual([...MANY_IPS].sort())
    expect(dns.queries.tcp).toBeGreaterThan(before)
  })

  it('gives NODATA (no addresses, ENODATA) for a known name without that record type', async () => {
    const sns = await resolveHost('sns.ap-northeast-1.amazonaws.com', { servers: [dns.server] })
    expect(sns.ipv6).toEqual([])
    expect(sns.error).toBeUndefined()
    const onlyV6 = await startDnsServer({ records: [{ host: 'v6.amazonaws.com', ipv6: ['2406:da14::1'] }] })
    try {
      expect(await resolveHost('v6.amazonaws.com', { servers: [onlyV6.server] })).toMatchObject({
        ipv4: [],
        ipv6: ['2406:da14::1']
      })
    } finally {
      await onlyV6.stop()
    }
  })

  it('times out (inconclusive) when the server does not answer', async () => {
    const silent = await resolveHost('sns.ap-northeast-1.amazonaws.com', {
      servers: ['127.0.0.1:9'],
      timeoutMs: 200,
      tries: 1
    })
    expect(silent.error?.code).toMatch(/ECONNREFUSED|ETIMEOUT/)
  })
})
