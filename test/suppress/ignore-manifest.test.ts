import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src/manifest/load.js'
import { FILE, lines, problemsOf } from '../manifest/helpers.js'

/** A VPC with sns and kms (lines 1-9), then the `ignore:` lines given, from line 10. */
function withIgnore(...ignoreLines: string[]): string {
  return lines(
    'version: 1',
    'region: ap-northeast-1',
    'vpcs:',
    '  - id: vpc-0123456789abcdef0',
    '    endpoints:',
    '      - service: sns',
    '      - service: kms',
    '  - id: vpc-0123456789abcdef1',
    '    endpoints: []',
    'ignore:',
    ...ignoreLines
  )
}

describe('ignore: entries in the manifest', () => {
  it('loads an entry with its scope, reason, end date and line', () => {
    const manifest = parseManifest(
      withIgnore(
        '  - rule: private-dns-enabled',
        '    vpc: vpc-0123456789abcdef0',
        '    service: kms',
        '    reason: "KMS private DNS off until the resolver migration (NET-1234)"',
        '    expires: 2027-03-31'
      ),
      FILE
    )
    expect(manifest.ignore).toEqual([
      {
        rule: 'private-dns-enabled',
        vpc: 'vpc-0123456789abcdef0',
        service: 'kms',
        reason: 'KMS private DNS off until the resolver migration (NET-1234)',
        expires: '2027-03-31',
        location: { file: FILE, line: 11, column: 5 }
      }
    ])
  })

  it('names an unknown rule id at its line with the id meant', () => {
    const [problem] = problemsOf(
      withIgnore('  - rule: private-dns-enabld', '    service: kms', '    reason: known')
    )
    expect(problem).toMatchObject({
      line: 11,
      column: 11,
      path: 'ignore[0].rule',
      message: 'unknown rule "private-dns-enabld" (did you mean `private-dns-enabled`?)'
    })
  })

  it('requires a reason, a scope and a real date, each at its place', () => {
    const problems = problemsOf(
      withIgnore(
        '  - rule: private-dns-enabled',
        '    service: kms',
        '    reason: "  "',
        '  - rule: vpc-dns-support',
        '    vpc: vpc-0123456789abcdef1',
        '    reason: the old name',
        '  - rule: vpc-dns-support-enabled',
        '    reason: everywhere',
        '  - rule: vpc-dns-support-enabled',
        '    vpc: vpc-0123456789abcdef1',
        '    reason: later',
        '    expires: 2027-02-30',
        '  - rule: vpc-dns-support-enabled',
        '    vpc: vpc-0123456789abcdef1',
        '    reason: no date'
      )
    )
    const at = problems.map(p => `${p.line}:${p.column} ${p.path}: ${p.message}`)
    expect(at).toEqual([
      '13:13 ignore[0].reason: expected a reason: say why this exception is accepted (and who accepted it), got "  "',
      '14:11 ignore[1].rule: unknown rule "vpc-dns-support" (did you mean `vpc-dns-support-enabled`?)',
      expect.stringMatching(/^17:11 ignore\[2\]\.rule: an ignore entry needs a scope/),
      '22:14 ignore[3].expires: expected a real calendar date as YYYY-MM-DD',
      '23:11 ignore[4].rule: this ignore entry repeats an earlier one (same rule and scope); keep one (first declared on line 19)'
    ])
  })

  it('refuses a scope that could never apply, and rules that guard the policy', () => {
    const problems = problemsOf(
      withIgnore(
        '  - rule: private-dns-enabled',
        '    vpc: vpc-0123456789abcdef9',
        '    reason: typo in the VPC',
        '  - rule: private-dns-enabled',
        '    vpc: vpc-0123456789abcdef0',
        '    service: kmss',
        '    reason: typo in the service',
        '  - rule: policy-not-weakened',
        '    vpc: vpc-0123456789abcdef0',
        '    reason: let me'
      )
    )
    expect(problems.map(p => p.message)).toEqual([
      'VPC vpc-0123456789abcdef9 is not declared in `vpcs`, so this entry could never apply (did you mean `vpc-0123456789abcdef0`?)',
      'service kmss is not declared in vpc-0123456789abcdef0, so this entry could never apply (did you mean `kms`?)',
      'rule policy-not-weakened cannot be suppressed: it guards the policy itself (see docs/manifest.md#ignore)'
    ])
  })
})
