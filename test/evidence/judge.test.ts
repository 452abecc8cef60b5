import { describe, expect, it } from 'vitest'
import { ruleById } from '../../src/catalogue.js'
import { judgeProbe, judgeUnprobed } from '../../src/evidence/judge.js'
import type { ProbeMatch } from '../../src/evidence/match.js'
import { ACCOUNT, SNS_VPCE, link, probe, record } from './fixtures.js'

const expected = { endpointId: SNS_VPCE, accountId: ACCOUNT, vpcCidrs: ['10.30.0.0/24'] }
const found = (
  over: Parameters<typeof record>[0] = {},
  match: 'requestId' | 'weak' = 'requestId'
): ProbeMatch =>
  match === 'weak' ? { record: record(over), match, candidates: 1 } : { record: record(over), match }
const byRule = (findings: ReturnType<typeof judgeProbe>) =>
  Object.fromEntries(findings.map(f => [f.ruleId, f]))

describe('judgeProbe', () => {
  it('passes a probe recorded with the declared endpoint and a private source', () => {
    const f = byRule(judgeProbe(probe(), found(), expected))
    expect(f['traffic-via-endpoint']).toMatchObject({
      verdict: 'pass',
      endpointId: SNS_VPCE,
      location: { file: 'vpc-endpoints.yml', line: 7, column: 9 },
      evidence: { eventId: 'ev-sns-1', requestId: 'req-sns-1', vpcEndpointId: SNS_VPCE, match: 'requestID' }
    })
    expect(f['source-ip-private']?.verdict).toBe('pass')
    expect(f['endpoint-account-matches']).toBeUndefined()
    for (const finding of Object.values(f)) expect(ruleById(finding.ruleId)?.kind).toBe('evidence')
  })

  it('fails "went around the endpoint" with event id, source IP and time when vpcEndpointId is missing', () => {
    const f = byRule(
      judgeProbe(probe(), found({ vpcEndpointId: undefined, sourceIPAddress: '203.0.113.10' }), expected)
    )
    const path = f['traffic-via-endpoint']!
    expect(path.verdict).toBe('fail')
    expect(path.message).toContain('went around the endpoint')
    expect(path.message).toContain('ev-sns-1')
    expect(path.message).toContain('203.0.113.10')
    expect(path.message).toContain('2024-06-04T23:12:50Z')
    expect(f['source-ip-private']).toMatchObject({
      verdict: 'fail',
      evidence: { sourceIPAddress: '203.0.113.10' }
    })
  })

  it("fails a record with another endpoint's id", () => {
    const f = byRule(judgeProbe(probe(), found({ vpcEndpointId: 'vpce-0aaaabbbbccccdddd' }), expected))
    expect(f['traffic-via-endpoint']?.verdict).toBe('fail')
    expect(f['traffic-via-endpoint']?.message).toMatch(
      /another endpoint, vpce-0aaaabbbbccccdddd, not the declared vpce-01251def6b627a209/
    )
  })

  it('treats `AWS Internal` or a service name in vpcEndpointId as not judgeable, not as a pass', () => {
    for (const value of ['AWS Internal', 'q.amazonaws.com']) {
      const f = byRule(judgeProbe(probe(), found({ vpcEndpointId: value }), expected))
      expect(f['traffic-via-endpoint']?.verdict).toBe('inconclusive')
      expect(f['traffic-via-endpoint']?.message).toContain(value)
    }
  })

  it('never passes a `vpce-` id it could not compare: the declared endpoint id is unknown', () => {
    const f = byRule(
      judgeProbe(probe(), found(), {
        endpointIdProblem: 'ec2:DescribeVpcEndpoints was denied: UnauthorizedOperation'
      })
    )
    expect(f['traffic-via-endpoint']).toMatchObject({ verdict: 'inconclusive', endpointId: SNS_VPCE })
    expect(f['traffic-via-endpoint']?.message).toMatch(/could not be compared/)
    expect(f['traffic-via-endpoint']?.message).toContain('ec2:DescribeVpcEndpoints was denied')
    expect(f['traffic-via-endpoint']?.message).toMatch(/Pin the endpoint's `id`/)
  })

  it('is inconclusive ("ambiguous: N records") when disagreeing records could each be the probe', () => {
    const a = record({ eventID: 'ev-a', requestID: undefined })
    const b = record({
      eventID: 'ev-b',
      requestID: undefined,
      vpcEndpointId: undefined,
      sourceIPAddress: '203.0.113.10'
    })
    const f = byRule(
      judgeProbe(
        probe({ requestId: undefined }),
        {
          match: 'ambiguous',
          candidates: [a, b],
          window: { from: '2024-06-04T23:12:48Z', to: '2024-06-04T23:12:52Z', clock: 'service' }
        },
        expected
      )
    )
    for (const rule of ['traffic-via-endpoint', 'source-ip-private']) {
      expect(f[rule]?.verdict).toBe('inconclusive')
      expect(f[rule]?.message).toMatch(/ambiguous: 2 records of sns\.amazonaws\.com ListTopics/)
      expect(f[rule]?.message).toContain('ev-a')
      expect(f[rule]?.message).toContain('ev-b')
    }
    expect(Object.values(f).some(x => x.verdict === 'pass')).toBe(false)
  })

  it('checks vpcEndpointAccountId against the expected account', () => {
    const ok = byRule(judgeProbe(probe(), found({ vpcEndpointAccountId: ACCOUNT }), expected))
    expect(ok['endpoint-account-matches']?.verdict).toBe('pass')
    const other = byRule(judgeProbe(probe(), found({ vpcEndpointAccountId: '777788889999' }), expected))
    expect(other['endpoint-account-matches']?.verdict).toBe('fail')
    expect(other['endpoint-account-matches']?.message).toContain('777788889999')
    const internal = byRule(judgeProbe(probe(), found({ vpcEndpointAccountId: 'AWS Internal' }), expected))
    expect(internal['endpoint-account-matches']).toBeUndefined()
  })

  it('judges the source address: public fails, VPC ranges pass, non-IP values are tolerated', () => {
    const verdict = (ip: string | undefined) =>
      byRule(judgeProbe(probe(), found({ sourceIPAddress: ip }), expected))['source-ip-private']?.verdict
    expect(verdict('10.30.0.160')).toBe('pass')
    expect(verdict('100.64.3.4')).toBe('pass')
    expect(verdict('54.240.197.1')).toBe('fail')
    expect(verdict('::ffff:54.240.197.1')).toBe('fail')
    expect(verdict('fd00:ec2::10')).toBe('pass')
    expect(verdict('2406:da14:abc::1')).toBe('inconclusive')
    expect(verdict('AWS Internal/3')).toBe('inconclusive')
    expect(verdict('q.amazonaws.com')).toBe('inconclusive')
    // AWS's documentation placeholder, not a parseable address.
    expect(verdict('172.01.01.001')).toBe('inconclusive')
    expect(verdict(undefined)).toBe('inconclusive')
    // A VPC may use a non-RFC 1918 range; its own addresses are not "public".
    const inVpc = judgeProbe(probe(), found({ sourceIPAddress: '198.19.4.5' }), {
      ...expected,
      vpcCidrs: ['198.19.0.0/16']
    })
    expect(byRule(inVpc)['source-ip-private']?.verdict).toBe('pass')
  })

  it('says a denied probe is still evidence and judges its record', () => {
    const denied = probe({ httpStatus: 403, errorCode: 'AuthorizationError' })
    const f = byRule(judgeProbe(denied, found({ errorCode: 'AuthorizationError' }), expected))
    expect(f['traffic-via-endpoint']?.verdict).toBe('pass')
    expect(f['traffic-via-endpoint']?.message).toMatch(
      /denied \(AuthorizationError; grant sns:ListTopics.*path is still evidence/
    )
  })

  it('labels a weak match', () => {
    const f = byRule(judgeProbe(probe(), found({ requestID: undefined }, 'weak'), expected))
    expect(f['traffic-via-endpoint']?.verdict).toBe('pass')
    expect(f['traffic-via-endpoint']?.evidence.match).toMatch(/^weak/)
    expect(f['traffic-via-endpoint']?.message).toMatch(/weaker evidence/)
  })

  it('is inconclusive with what to check when the record did not arrive in time', () => {
    const [f] = judgeProbe(probe(), { missing: true, waitedMs: 600_000 }, expected)
    expect(f).toMatchObject({ ruleId: 'cloudtrail-record-found', verdict: 'inconclusive' })
    expect(f!.message).toMatch(/not in CloudTrail after 10m00s/)
    expect(f!.message).toMatch(/Event history in ap-northeast-1/)
    expect(f!.message).toMatch(/cloudtrail:LookupEvents/)
  })

  it('names cloudtrail:LookupEvents when the lookup was denied', () => {
    const [f] = judgeProbe(
      probe(),
      {
        missing: true,
        waitedMs: 0,
        failure: {
          kind: 'denied',
          action: 'cloudtrail:LookupEvents',
          code: 'AccessDeniedException',
          message: 'no'
        }
      },
      expected
    )
    expect(f).toMatchObject({
      ruleId: 'cloudtrail-record-found',
      verdict: 'inconclusive',
      evidence: { iamAction: 'cloudtrail:LookupEvents' }
    })
    expect(f!.message).toMatch(/cloudtrail:LookupEvents was denied/)
  })

  it('does not wait for probes CloudTrail cannot have: no answer, or failed authentication', () => {
    const [net] = judgeProbe(
      probe({ httpStatus: undefined, networkError: { code: 'TIMEOUT', message: 'x' } }),
      { missing: true, waitedMs: 0 },
      expected
    )
    expect(net).toMatchObject({ ruleId: 'probe-answered', verdict: 'inconclusive' })
    expect(net!.message).toMatch(/security group allows HTTPS/)
    const [auth] = judgeProbe(
      probe({ httpStatus: 403, errorCode: 'InvalidClientTokenId' }),
      { missing: true, waitedMs: 0 },
      expected
    )
    expect(auth).toMatchObject({ ruleId: 'probe-answered', verdict: 'inconclusive' })
    expect(auth!.message).toMatch(/does not log requests that fail authentication/)
  })
})

describe('judgeUnprobed', () => {
  it("reports a skipped probe on the endpoint's line", () => {
    const f = judgeUnprobed({
      link: link({ service: 'sqs' }),
      kind: 'none',
      reason: 'SQS has no read-only call ... DNS checks only.'
    })
    expect(f).toMatchObject({
      ruleId: 'probe-answered',
      verdict: 'skipped',
      service: 'sqs',
      location: { line: 7 }
    })
  })
})
