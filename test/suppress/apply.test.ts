import { describe, expect, it } from 'vitest'
import { buildReport } from '../../src/core/build-report.js'
import type { IgnoreEntry } from '../../src/manifest/types.js'
import { applySuppressions } from '../../src/suppress/apply.js'
import { finding, MANIFEST, REGION, VPC } from '../report/fixtures.js'

const endpoint = (service: string) => ({
  service,
  serviceName: `com.amazonaws.${REGION}.${service}`,
  type: 'Interface' as const,
  privateDns: true,
  subnets: [],
  routeTables: [],
  location: { file: MANIFEST, line: 6, column: 9 }
})
const manifest = {
  vpcs: [
    {
      id: VPC,
      region: REGION,
      endpoints: [endpoint('kms'), endpoint('sns')],
      location: { file: MANIFEST, line: 4, column: 5 }
    }
  ]
}
const entry = (overrides: Partial<IgnoreEntry> = {}): IgnoreEntry => ({
  rule: 'private-dns-enabled',
  service: 'kms',
  reason: 'resolver migration (NET-1234)',
  expires: '2027-03-31',
  location: { file: MANIFEST, line: 30, column: 5 },
  ...overrides
})
const kmsFail = finding({ verdict: 'fail', service: 'kms', message: 'Private DNS is off for vpce-1.' })
const snsPass = finding({ verdict: 'pass', service: 'sns' })
const day = (iso: string) => new Date(`${iso}T00:00:00Z`)

function run(entries: IgnoreEntry[], now: Date) {
  const findings = applySuppressions(entries, [kmsFail, snsPass], now, manifest)
  return buildReport({
    manifestFile: MANIFEST,
    startedAt: now,
    finishedAt: now,
    failOn: ['fail', 'inconclusive'],
    findings
  })
}

describe('suppressions', () => {
  it('turn a failing finding into a suppressed one: the verdict stays, the run passes', () => {
    const report = run([entry()], day('2027-03-31'))
    expect(report.result).toBe('pass')
    expect(report.counts).toMatchObject({ fail: 0, pass: 1 })
    expect(report.suppressed).toBe(1)
    expect(report.findings[0]).toMatchObject({
      verdict: 'fail',
      suppressed: {
        reason: 'resolver migration (NET-1234)',
        expires: '2027-03-31',
        location: { line: 30 }
      }
    })
  })

  it('after the expiry day the finding fails again, with a warning at the entry', () => {
    const report = run([entry()], day('2027-04-01'))
    expect(report.result).toBe('fail')
    expect(report.counts).toMatchObject({ fail: 1, warn: 1 })
    expect(report.findings[0]?.suppressed).toBeUndefined()
    const warning = report.findings.find(f => f.ruleId === 'suppression-not-expired')
    expect(warning).toMatchObject({ verdict: 'warn', location: { file: MANIFEST, line: 30, column: 5 } })
    expect(warning?.message).toContain('expired on 2027-03-31')
  })

  it('an entry that matches nothing that failed is a warning at its line; a pass is never suppressed', () => {
    const report = run([entry({ service: 'sns' })], day('2027-01-01'))
    expect(report.result).toBe('fail')
    expect(report.findings.filter(f => f.suppressed)).toEqual([])
    const warning = report.findings.find(f => f.ruleId === 'suppression-matches')
    expect(warning).toMatchObject({ verdict: 'warn', location: { line: 30 } })
    expect(warning?.message).toContain('every finding in its scope passed (1)')
  })

  it('never suppresses an inconclusive finding: a check that could not be made stays undecided', () => {
    const undecided = {
      ...kmsFail,
      verdict: 'inconclusive' as const,
      message: 'ec2:DescribeVpcEndpoints was denied.'
    }
    const findings = applySuppressions([entry()], [undecided, snsPass], day('2027-01-01'), manifest)
    expect(findings).toEqual([undecided, snsPass])
  })

  it("leaves an entry about a VPC or service this run does not check (another shard's) alone", () => {
    const elsewhere = { vpcs: [{ ...manifest.vpcs[0]!, id: 'vpc-0123456789abcdef9' }] }
    const expired = entry({ vpc: VPC, expires: '2020-01-01' })
    expect(applySuppressions([expired], [kmsFail], day('2027-01-01'), elsewhere)).toEqual([kmsFail])
    const noKms = { vpcs: [{ ...manifest.vpcs[0]!, endpoints: [endpoint('sns')] }] }
    expect(applySuppressions([entry()], [snsPass], day('2027-01-01'), noKms)).toEqual([snsPass])
  })

  it('says nothing about an entry whose rule did not run (evidence off)', () => {
    const report = run([entry({ rule: 'traffic-via-endpoint' })], day('2027-01-01'))
    expect(report.findings.map(f => f.ruleId)).toEqual(['private-dns-enabled', 'private-dns-enabled'])
  })

  it('never suppresses outside the scope: another VPC, service or endpoint', () => {
    for (const scope of [
      { vpc: 'vpc-0123456789abcdef9' },
      { service: 'sns' },
      { endpoint: 'vpce-0123456789abcdef9' }
    ]) {
      const report = run([entry(scope)], day('2027-01-01'))
      expect(report.result, JSON.stringify(scope)).toBe('fail')
    }
  })
})
