import { describe, expect, it } from 'vitest'
import type { DnsAnswers } from '../../src/evidence/dns.js'
import { judgeDns } from '../../src/evidence/judge-dns.js'
import { link } from './fixtures.js'

const answers = (ipv4: string[], ipv6: string[] = [], error?: DnsAnswers['error']): DnsAnswers => ({
  host: 'sns.ap-northeast-1.amazonaws.com',
  servers: ['127.0.0.1:5353'],
  ipv4,
  ipv6,
  ...(error ? { error } : {})
})
const eni = {
  endpointId: 'vpce-01251def6b627a209',
  eniIps: ['10.30.134.227', '10.30.135.12', '2406:da14:0:1::a']
}

describe('judgeDns', () => {
  it('passes when every answer is an endpoint ENI address (A and AAAA)', () => {
    const f = judgeDns(
      link(),
      answers(['10.30.134.227', '10.30.135.12'], ['2406:da14:0000:0001:0:0:0:a']),
      eni
    )
    expect(f).toMatchObject({
      ruleId: 'dns-resolves-to-endpoint',
      verdict: 'pass',
      endpointId: 'vpce-01251def6b627a209'
    })
  })

  it('fails listing the answers outside the ENI addresses', () => {
    const f = judgeDns(link(), answers(['10.30.134.227', '52.119.160.5']), eni)
    expect(f.verdict).toBe('fail')
    expect(f.message).toContain('52.119.160.5')
    expect(f.message).not.toMatch(/resolves to .*10\.30\.134\.227.*\(the endpoint/)
    expect(f.evidence.outsideAnswers).toBe('52.119.160.5')
  })

  it('says when the outside answers are private (another endpoint or a resolver rewrite)', () => {
    const f = judgeDns(link(), answers(['10.99.0.7']), eni)
    expect(f.verdict).toBe('fail')
    expect(f.message).toMatch(/private addresses that are not the endpoint/)
  })

  it('skips Gateway endpoints, private-dns: false and inbound-resolver-only endpoints', () => {
    expect(judgeDns(link({ type: 'Gateway', service: 's3' }), answers(['52.219.0.1']), {}).verdict).toBe(
      'skipped'
    )
    expect(judgeDns(link({ privateDns: false }), answers(['52.219.0.1']), eni).verdict).toBe('skipped')
    expect(
      judgeDns(link(), answers(['52.219.0.1']), { ...eni, privateDnsOnlyForInboundResolverEndpoint: true })
        .verdict
    ).toBe('skipped')
  })

  it('is inconclusive on NXDOMAIN, timeouts and unknown ENI addresses', () => {
    const nx = judgeDns(link(), answers([], [], { code: 'ENOTFOUND', message: 'queryA ENOTFOUND' }), eni)
    expect(nx.verdict).toBe('inconclusive')
    expect(nx.message).toMatch(/NXDOMAIN/)
    expect(judgeDns(link(), answers([], [], { code: 'ETIMEOUT', message: 't' }), eni).verdict).toBe(
      'inconclusive'
    )
    const unknown = judgeDns(link(), answers(['10.30.134.227']), {
      eniIpsProblem: 'ec2:DescribeNetworkInterfaces failed'
    })
    expect(unknown.verdict).toBe('inconclusive')
    expect(unknown.message).toContain('ec2:DescribeNetworkInterfaces')
  })
})
