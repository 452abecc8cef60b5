import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/finding.js'
import { judgeProbe } from '../../src/evidence/judge.js'
import { judgeDns } from '../../src/evidence/judge-dns.js'
import { OUTSIDE_VPC_KEY, OUTSIDE_VPC_VALUE, summariseOutsideVpc } from '../../src/evidence/outside-vpc.js'
import { SNS_VPCE, link, probe, record } from './fixtures.js'

const kmsLink = link({
  service: 'kms',
  serviceName: 'com.amazonaws.ap-northeast-1.kms',
  location: { file: 'vpc-endpoints.yml', line: 12, column: 9 }
})
const kmsProbe = probe({
  link: kmsLink,
  service: 'kms',
  operation: 'ListKeys',
  eventSource: 'kms.amazonaws.com',
  eventName: 'ListKeys',
  requestId: 'req-kms'
})

function evidenceFrom(opts: { sourceIp: string; vpce?: string; dnsAnswer: string }): Finding[] {
  const rec = (over: Parameters<typeof record>[0]) =>
    record({ sourceIPAddress: opts.sourceIp, vpcEndpointId: opts.vpce, ...over })
  return [
    ...judgeProbe(probe(), { record: rec({}), match: 'requestId' }, { endpointId: SNS_VPCE }),
    ...judgeProbe(
      kmsProbe,
      { record: rec({ eventID: 'ev-kms', requestID: 'req-kms' }), match: 'requestId' },
      { endpointId: 'vpce-0kms' }
    ),
    judgeDns(
      link(),
      { host: 'sns.ap-northeast-1.amazonaws.com', servers: [], ipv4: [opts.dnsAnswer], ipv6: [] },
      { eniIps: ['10.30.134.227'] }
    )
  ]
}

describe('summariseOutsideVpc', () => {
  it('says once, plainly, when all evidence says the runner is outside the VPC, and marks the findings', () => {
    const findings = evidenceFrom({ sourceIp: '203.0.113.10', dnsAnswer: '52.119.160.5' })
    const { findings: out, notes } = summariseOutsideVpc(findings)
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatch(
      /^vpc-0123456789abcdef0 \(ap-northeast-1\): all traffic evidence says this runner is outside the VPC/
    )
    expect(notes[0]).toContain('203.0.113.10')
    // No wall of failures: nothing was decided, and every folded finding is marked for reporters.
    expect(out.filter(f => f.verdict === 'fail')).toEqual([])
    const folded = out.filter(f => f.evidence[OUTSIDE_VPC_KEY] === OUTSIDE_VPC_VALUE)
    expect(folded.length).toBe(5)
    for (const f of folded) expect(f.verdict).toBe('inconclusive')
  })

  it('adds nothing when some evidence came through an endpoint', () => {
    const findings = evidenceFrom({ sourceIp: '203.0.113.10', dnsAnswer: '10.30.134.227' })
    const result = summariseOutsideVpc(findings)
    expect(result.notes).toEqual([])
    expect(result.findings).toEqual(findings)
  })

  it('adds nothing when traffic left through NAT from inside (private DNS answers elsewhere)', () => {
    const findings = evidenceFrom({ sourceIp: '203.0.113.10', dnsAnswer: '10.99.0.7' })
    expect(summariseOutsideVpc(findings).notes).toEqual([])
  })

  it('needs two signals: one bypassing gateway endpoint is not a runner outside the VPC', () => {
    const s3 = probe({
      link: link({ service: 's3', type: 'Gateway' }),
      service: 's3',
      operation: 'ListBuckets',
      requestId: 'r'
    })
    const findings = judgeProbe(
      s3,
      {
        record: record({ requestID: 'r', vpcEndpointId: undefined, sourceIPAddress: '203.0.113.10' }),
        match: 'requestId'
      },
      {}
    )
    expect(summariseOutsideVpc(findings).notes).toEqual([])
  })

  describe("with the runner location and the VPC's NAT gateways", () => {
    const outside = () => evidenceFrom({ sourceIp: '203.0.113.10', dnsAnswer: '52.119.160.5' })
    const unknown = { kind: 'unknown' as const, detail: 'instance metadata: no answer' }
    const nat = (ips: string[]) => ({
      ok: true as const,
      value: [{ id: 'nat-0abc', state: 'available', publicIps: ips }]
    })

    it("fails, never folds, records from one of the VPC's NAT gateway IPs (proof the caller is inside)", () => {
      const { findings, notes } = summariseOutsideVpc(outside(), {
        location: unknown,
        natGateways: () => nat(['203.0.113.10'])
      })
      expect(notes).toEqual([])
      const traffic = findings.filter(
        f => f.ruleId === 'traffic-via-endpoint' || f.ruleId === 'source-ip-private'
      )
      expect(traffic).toHaveLength(4)
      for (const f of traffic) {
        expect(f.verdict).toBe('fail')
        expect(f.message).toMatch(/^Left vpc-0123456789abcdef0 through its NAT gateway nat-0abc/)
        expect(f.evidence.natGatewayId).toBe('nat-0abc')
      }
    })

    it('keeps the fails of a runner measured inside the VPC', () => {
      const findings = outside()
      const result = summariseOutsideVpc(findings, {
        location: {
          kind: 'vpc',
          vpcId: 'vpc-0123456789abcdef0',
          privateIps: [],
          source: 'imds',
          detail: 'imds'
        },
        natGateways: () => undefined
      })
      expect(result.notes).toEqual([])
      expect(result.findings).toEqual(findings)
    })

    it('folds only when nothing answers, and says when the NAT gateways could not be read', () => {
      const { findings, notes } = summariseOutsideVpc(outside(), {
        location: unknown,
        natGateways: () => ({
          ok: false,
          problem: {
            kind: 'denied',
            action: 'ec2:DescribeNatGateways',
            code: 'UnauthorizedOperation',
            message: ''
          }
        })
      })
      expect(notes[0]).toContain('ec2:DescribeNatGateways was denied')
      expect(notes[0]).toContain('instance metadata: no answer')
      expect(findings.some(f => f.verdict === 'pass' && f.ruleId !== 'dns-resolves-to-endpoint')).toBe(false)
    })
  })
})
