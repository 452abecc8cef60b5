import { describe, expect, it } from 'vitest'
import { recomputeVerdict, REPORT_INTEGRITY_RULE } from '../../src/report/published-report.js'
import { mixedReport } from './fixtures.js'

/** mixedReport: 1 fail, 1 inconclusive, 1 warn, 2 pass; fail-on fail, result fail. */
describe('mode: publish recomputes the verdict from the findings', () => {
  it('keeps an honest artifact as it is under the same fail-on', () => {
    const honest = mixedReport()
    expect(recomputeVerdict(honest, ['fail'])).toEqual(honest)
  })

  it("judges with the publisher's fail-on, not the artifact's, and says so", () => {
    const lenient = { ...mixedReport(), failOn: [], result: 'pass' as const }
    const judged = recomputeVerdict(lenient, ['fail', 'warn'])
    expect(judged).toMatchObject({ result: 'fail', failOn: ['fail', 'warn'] })
    expect(judged.findings.map(f => f.ruleId)).not.toContain(REPORT_INTEGRITY_RULE)
    expect(judged.notes[0]).toBe(
      "Verdict recomputed with this workflow's fail-on (fail,warn); the artifact said none."
    )
  })

  it('adds a failing report-consistent finding when the stated result or counts disagree, whatever fail-on says', () => {
    const forged = {
      ...mixedReport(),
      result: 'pass' as const,
      counts: { pass: 2, fail: 0, warn: 1, inconclusive: 0, skipped: 0 }
    }
    const judged = recomputeVerdict(forged, [])
    expect(judged.result).toBe('fail')
    expect(judged.counts).toEqual({ pass: 2, fail: 2, warn: 1, inconclusive: 1, skipped: 0 })
    const [first] = judged.findings
    expect(first).toMatchObject({ ruleId: REPORT_INTEGRITY_RULE, verdict: 'fail' })
    expect(first?.message).toContain('it counts 0 fail but holds 1')
    expect(first?.message).toContain(
      'it says result "pass" although its findings under its own fail-on (fail) give "fail"'
    )
  })

  it('fails an artifact that decided nothing, even when it leaves out that it did and fail-on is lenient', () => {
    const base = mixedReport()
    const findings = base.findings.map(f => ({ ...f, verdict: 'inconclusive' as const }))
    const silent = {
      ...base,
      findings,
      failOn: [],
      result: 'pass' as const,
      counts: { pass: 0, fail: 0, warn: 0, inconclusive: findings.length, skipped: 0 }
    }
    const judged = recomputeVerdict(silent, [])
    expect(judged.findings.map(f => f.ruleId)).not.toContain(REPORT_INTEGRITY_RULE)
    expect(judged.result).toBe('fail')
    expect(judged.undecided).toMatch(/^[a-z-]+/)
  })

  it('keeps an undecided artifact red without calling it altered', () => {
    const base = mixedReport()
    const findings = base.findings.map(f => ({ ...f, verdict: 'skipped' as const }))
    const undecided = {
      ...base,
      findings,
      failOn: [],
      result: 'fail' as const,
      undecided: 'ec2:DescribeVpcs: no answer within 45s',
      counts: { pass: 0, fail: 0, warn: 0, inconclusive: 0, skipped: findings.length }
    }
    const judged = recomputeVerdict(undecided, [])
    expect(judged.findings.map(f => f.ruleId)).not.toContain(REPORT_INTEGRITY_RULE)
    expect(judged).toMatchObject({ result: 'fail', undecided: 'ec2:DescribeVpcs: no answer within 45s' })
  })
})
