import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src/manifest/load.js'
import { diffPolicy } from '../../src/policy/diff.js'
import { policyDiffFindings } from '../../src/policy/policy-findings.js'
import { recomputeVerdict } from '../../src/report/published-report.js'
import { finding, report } from '../report/fixtures.js'
import { lines } from '../manifest/helpers.js'

const FILE = 'infra/vpc-endpoints.yml'
const base = lines(
  'version: 1',
  'region: ap-northeast-1',
  'vpcs:',
  '  - id: vpc-0123456789abcdef0',
  '    endpoints:',
  '      - service: kms'
)
const ignore = (expires: string) =>
  lines(
    'ignore:',
    '  - rule: private-dns-enabled',
    '    service: kms',
    '    reason: accepted by the platform team',
    `    expires: ${expires}`
  )

describe('a pull request cannot suppress its own failure', () => {
  it('an ignore entry the PR adds is a policy weakening at its line', () => {
    const diff = diffPolicy(parseManifest(base, FILE), parseManifest(base + ignore('2027-03-31'), FILE))
    const { findings } = policyDiffFindings(diff)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      ruleId: 'policy-not-weakened',
      verdict: 'warn',
      location: { line: 8 }
    })
    expect(findings[0]?.message).toContain('ignore entry added for private-dns-enabled (service kms)')
  })

  it('moving an entry’s expiry later is a weakening; earlier or the same is not', () => {
    const withEntry = parseManifest(base + ignore('2027-03-31'), FILE)
    const later = diffPolicy(withEntry, parseManifest(base + ignore('2027-09-30'), FILE))
    expect(policyDiffFindings(later).findings[0]?.message).toContain('expires 2027-03-31 → 2027-09-30')
    const earlier = diffPolicy(withEntry, parseManifest(base + ignore('2027-01-31'), FILE))
    expect(policyDiffFindings(earlier).findings).toEqual([])
  })
})

describe('mode: publish does not take suppressions from the artifact', () => {
  const forgedSuppression = { reason: 'trust me', location: { file: FILE, line: 1, column: 1 } }
  const forged = () => {
    const findings = [finding({ verdict: 'fail', service: 'kms', suppressed: forgedSuppression })]
    return report(findings, { result: 'pass', suppressed: 1 })
  }

  it('a forged artifact that marks its failure suppressed still fails, and the report says why', () => {
    const judged = recomputeVerdict(forged(), ['fail'], {
      entries: undefined,
      now: new Date(0),
      missing: 'not found'
    })
    expect(judged.result).toBe('fail')
    expect(judged.counts.fail).toBe(1)
    expect(judged.findings.every(f => !f.suppressed)).toBe(true)
    expect(judged.notes[0]).toContain('The artifact marks 1 finding suppressed')
  })

  it("the publisher's own manifest entries suppress, with the publisher's clock", () => {
    const own = parseManifest(base + ignore('2027-03-31'), FILE)
    const inTime = recomputeVerdict(forged(), ['fail'], {
      entries: own,
      now: new Date('2027-03-01T00:00:00Z')
    })
    expect(inTime.result).toBe('pass')
    expect(inTime.findings[0]?.suppressed?.reason).toBe('accepted by the platform team')
    const late = recomputeVerdict(forged(), ['fail'], { entries: own, now: new Date('2027-04-01T00:00:00Z') })
    expect(late.result).toBe('fail')
    expect(late.findings.map(f => f.ruleId)).toContain('suppression-not-expired')
  })
})
