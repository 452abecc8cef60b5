import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveHost } from '../../src/evidence/dns.js'
import { judgeDns } from '../../src/evidence/judge-dns.js'
import { link } from '../evidence/fixtures.js'
import { startDnsmasq, type Dnsmasq } from '../../sim/dns/dnsmasq.js'

let dns: Dnsmasq
beforeAll(async () => {
  dns = await startDnsmasq({
    records: [
      { host: 'sns.ap-northeast-1.amazonaws.com', ipv4: ['10.30.134.227', '10.30.135.12'] },
      { host: 'kms.ap-northeast-1.amazonaws.com', ipv4: ['52.119.160.5'] },
      { host: 'logs.ap-northeast-1.amazonaws.com', ipv4: ['10.30.134.40'], ipv6: ['2406:da14:0:1::40'] }
    ]
  })
})
afterAll(() => dns?.stop())

describe('resolveHost against a real DNS server (dnsmasq)', () => {
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

  it('times out (inconclusive) when the server does not answer', async () => {
    const silent = await resolveHost('sns.ap-northeast-1.amazonaws.com', {
      servers: ['127.0.0.1:9'],
      timeoutMs: 200,
      tries: 1
    })
    expect(silent.error?.code).toMatch(/ECONNREFUSED|ETIMEOUT/)
  })
})
