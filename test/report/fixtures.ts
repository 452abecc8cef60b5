import { countByVerdict, type Finding, type Verdict } from '../../src/model/finding.js'
import type { RunReport } from '../../src/core/run-report.js'

export const MANIFEST = 'infra/vpc-endpoints.yml'
export const VPC = 'vpc-0123456789abcdef0'
export const REGION = 'ap-northeast-1'

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'private-dns-enabled',
    verdict: 'pass',
    message: 'Private DNS is on for vpce-01251def6b627a209.',
    location: { file: MANIFEST, line: 7, column: 9 },
    vpcId: VPC,
    region: REGION,
    service: 'sns',
    endpointId: 'vpce-01251def6b627a209',
    evidence: { vpce: 'vpce-01251def6b627a209' },
    ...overrides
  }
}

export function report(findings: Finding[], overrides: Partial<RunReport> = {}): RunReport {
  const failOn: Verdict[] = overrides.failOn ?? ['fail']
  return {
    schemaVersion: 1,
    tool: { name: 'vpce-proof', version: '0.1.0' },
    manifestFile: MANIFEST,
    startedAt: '2025-01-15T01:02:03.000Z',
    finishedAt: '2025-01-15T01:04:05.000Z',
    failOn,
    result: findings.some(f => failOn.includes(f.verdict)) ? 'fail' : 'pass',
    counts: countByVerdict(findings),
    findings,
    notes: [],
    apiCalls: { 'ec2:DescribeVpcEndpoints': 1 },
    ...overrides
  }
}

/** A realistic mixed run: one VPC, an interface endpoint, a gateway endpoint and drift. */
export function mixedReport(): RunReport {
  return report(
    [
      finding(),
      finding({
        ruleId: 'endpoint-in-subnets',
        verdict: 'fail',
        message: 'vpce-01251def6b627a209 has no network interface in subnet-0bbb1111cccc22223.',
        location: { file: MANIFEST, line: 10, column: 11 },
        evidence: { vpce: 'vpce-01251def6b627a209', subnet: 'subnet-0bbb1111cccc22223' }
      }),
      finding({
        ruleId: 'gateway-route-present',
        verdict: 'pass',
        service: 's3',
        endpointId: 'vpce-0a1b2c3d4e5f60718',
        message: 'rtb-0aaa1111bbbb22223 routes pl-61a54008 to vpce-0a1b2c3d4e5f60718.',
        location: { file: MANIFEST, line: 13, column: 9 },
        evidence: { vpce: 'vpce-0a1b2c3d4e5f60718', rtb: 'rtb-0aaa1111bbbb22223' }
      }),
      finding({
        ruleId: 'endpoint-declared',
        verdict: 'warn',
        service: 'ssm',
        endpointId: 'vpce-0fedcba9876543210',
        message: 'vpce-0fedcba9876543210 (com.amazonaws.ap-northeast-1.ssm) is in the VPC but not declared.',
        location: { file: MANIFEST, line: 3, column: 5 },
        evidence: { vpce: 'vpce-0fedcba9876543210' }
      }),
      finding({
        ruleId: 'probe-recorded-through-endpoint',
        verdict: 'inconclusive',
        message: 'CloudTrail did not deliver the probe sns:ListTopics within 300 s.',
        evidence: {
          vpce: 'vpce-01251def6b627a209',
          requestId: '9f0c3c4e-0d2a-5b8e-9a7c-1f2e3d4c5b6a',
          eventId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
        }
      })
    ],
    {
      notes: [
        'vpc-0123456789abcdef0 (ap-northeast-1): all traffic evidence says this runner is outside the VPC. These checks are inconclusive, not failed.'
      ]
    }
  )
}
