import type { Finding } from '../../src/model/finding.js'
import type { RunReport } from '../../src/core/run-report.js'
import { report } from './fixtures.js'

const RULES = [
  'endpoint-exists',
  'endpoint-available',
  'endpoint-type-matches',
  'private-dns-enabled',
  'endpoint-in-subnets',
  'traffic-via-endpoint',
  'source-ip-private'
] as const
const FAILING = ['private-dns-enabled', 'traffic-via-endpoint', 'source-ip-private'] as const

/**
 * 630 findings like a large real run: 90 declared endpoints × 7 checks, 66 failures spread over three
 * rules (22 endpoints), long evidence on every finding, multi-byte text in the messages.
 */
export function manyFindingsReport(): RunReport {
  const findings: Finding[] = []
  for (let e = 0; e < 90; e++) {
    const endpointId = `vpce-${(0x0a00000000 + e).toString(16).padStart(17, '0')}`
    for (const ruleId of RULES) {
      const fails = e % 4 === 1 && e < 88 && (FAILING as readonly string[]).includes(ruleId)
      findings.push({
        ruleId,
        verdict: fails ? 'fail' : 'pass',
        message: fails
          ? `${ruleId} failed for ${endpointId} (svc${e}, エンドポイント ${e}): traffic left through 203.0.113.${e}.`
          : `${ruleId} holds for ${endpointId} (svc${e}).`,
        location: { file: 'infra/vpc-endpoints.yml', line: 10 + e * 6, column: 9 },
        vpcId: 'vpc-0123456789abcdef0',
        region: 'ap-northeast-1',
        service: `svc${e}`,
        endpointId,
        evidence: {
          vpc: 'vpc-0123456789abcdef0',
          endpoint: endpointId,
          eventId: `0a1b2c3d-4e5f-4a6b-8c7d-${e.toString(16).padStart(12, '0')}`,
          requestId: `9f0c3c4e-0d2a-5b8e-9a7c-${e.toString(16).padStart(12, '0')}`,
          sourceIPAddress: `203.0.113.${e}`,
          'route-table': `rtb-${(0x0b00000000 + e).toString(16).padStart(17, '0')}`,
          subnet: `subnet-${(0x0c00000000 + e).toString(16).padStart(17, '0')}`,
          note: 'x'.repeat(90)
        }
      })
    }
  }
  return report(findings, { failOn: ['fail', 'inconclusive'] })
}
