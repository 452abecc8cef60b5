import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src/manifest/load.js'
import { diffPolicy, isWeakening } from '../../src/policy/diff.js'
import { policyDiffFindings } from '../../src/policy/policy-findings.js'

const FILE = '.github/vpc-endpoints.yml'
const manifest = (...lines: string[]) => parseManifest(`${lines.join('\n')}\n`, FILE)

const BASE = manifest(
  'version: 1',
  'region: ap-northeast-1',
  'vpcs:',
  '  - id: vpc-0123456789abcdef0',
  '    account: "123456789012"',
  '    endpoints:',
  '      - service: sns',
  '        type: Interface',
  '        id: vpce-01251def6b627a209',
  '        subnets: [subnet-0aaaaaaa, subnet-0bbbbbbb]',
  '      - service: s3',
  '        type: Gateway',
  '        route-tables: [rtb-0aaaaaaa, rtb-0bbbbbbb]'
)

describe('diffPolicy', () => {
  it('finds nothing between a manifest and itself', () => {
    const diff = diffPolicy(BASE, BASE)
    expect(diff).toEqual({ added: [], removed: [], weakened: [] })
    expect(isWeakening(diff)).toBe(false)
  })

  it('reports every removed endpoint when the PR empties the list, on the head line of `endpoints`', () => {
    const head = manifest(
      'version: 1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    account: "123456789012"',
      '    endpoints: []'
    )
    const diff = diffPolicy(BASE, head)
    expect(diff.removed.map(c => c.what)).toEqual([
      'endpoint sns (Interface) removed from vpc-0123456789abcdef0',
      'endpoint s3 (Gateway) removed from vpc-0123456789abcdef0'
    ])
    expect(diff.removed.map(c => c.location.line)).toEqual([6, 6])
    expect(isWeakening(diff)).toBe(true)
  })

  it('names each relaxed setting at its own line of the head manifest', () => {
    const head = manifest(
      'version: 1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    endpoints:',
      '      - service: sns',
      '        type: Interface',
      '        private-dns: false',
      '        probe: false',
      '        subnets: [subnet-0aaaaaaa]',
      '      - service: s3',
      '        type: Gateway',
      '        route-tables: [rtb-0bbbbbbb]'
    )
    const diff = diffPolicy(BASE, head)
    expect(diff.removed).toEqual([])
    expect(diff.weakened.map(c => [c.what, c.location.line])).toEqual([
      ['account 123456789012 → (no longer asserted)', 4],
      ['sns: private-dns true → false', 8],
      ['sns: probe (default) → false', 9],
      ['sns: id vpce-01251def6b627a209 → (any endpoint of the service)', 6],
      ['sns: 1 subnet dropped (subnet-0bbbbbbb)', 10],
      ['s3: 1 route table dropped (rtb-0aaaaaaa)', 13]
    ])
  })

  it('lists added endpoints and VPCs as added, not as weakenings', () => {
    const head = manifest(
      'version: 1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    account: "123456789012"',
      '    endpoints:',
      '      - service: sns',
      '        type: Interface',
      '        id: vpce-01251def6b627a209',
      '        subnets: [subnet-0aaaaaaa, subnet-0bbbbbbb, subnet-0ccccccc]',
      '      - service: s3',
      '        type: Gateway',
      '        route-tables: [rtb-0aaaaaaa, rtb-0bbbbbbb]',
      '      - service: sqs',
      '        type: Interface',
      '  - id: vpc-0fedcba9876543210',
      '    endpoints:',
      '      - service: kms',
      '        type: Interface'
    )
    const diff = diffPolicy(BASE, head)
    expect(isWeakening(diff)).toBe(false)
    expect(diff.added.map(c => [c.what, c.location.line])).toEqual([
      ['endpoint sqs (Interface) added to vpc-0123456789abcdef0', 14],
      ['VPC vpc-0fedcba9876543210 (ap-northeast-1) added with 1 endpoint', 16]
    ])
    const shown = policyDiffFindings(diff)
    expect(shown.findings).toEqual([])
    expect(shown.notes.join('\n')).toMatch(/checked after merge.*sqs.*vpc-0fedcba9876543210/)
  })

  it('treats a removed VPC and a changed role as weakenings, shown as warn findings', () => {
    const head = manifest(
      'version: 1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0fedcba9876543210',
      '    role-arn: arn:aws:iam::999999999999:role/other',
      '    endpoints: []'
    )
    const base = manifest(
      'version: 1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0fedcba9876543210',
      '    endpoints: []',
      '  - id: vpc-0123456789abcdef0',
      '    endpoints: []'
    )
    const { findings } = policyDiffFindings(diffPolicy(base, head))
    expect(findings.map(f => [f.ruleId, f.verdict, f.location.line, f.message.split(':')[0]])).toEqual([
      ['policy-not-weakened', 'warn', 1, 'This pull request weakens the policy'],
      ['policy-not-weakened', 'warn', 5, 'This pull request weakens the policy']
    ])
    expect(findings[0]!.message).toContain(
      'VPC vpc-0123456789abcdef0 (ap-northeast-1) and its 0 endpoints removed'
    )
    expect(findings[1]!.message).toContain('role-arn (none) → arn:aws:iam::999999999999:role/other')
  })
})
