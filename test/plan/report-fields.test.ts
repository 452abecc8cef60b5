import { describe, expect, it } from 'vitest'
import { findingFingerprint } from '../../src/report/sarif/build.js'
import { runReportSchema } from '../../src/report/report-schema.js'
import { finding, report } from '../report/fixtures.js'

/** A prediction stays a prediction in every channel: its own SARIF alert, and through mode: publish. */
describe('predicted findings in the report', () => {
  const live = finding({ verdict: 'fail', fixedByPlan: true })
  const planned = finding({ verdict: 'pass', phase: 'planned', message: 'After apply: Private DNS is on.' })

  it('a prediction has its own fingerprint, so it neither closes nor reopens the live alert', () => {
    expect(findingFingerprint(planned)).not.toBe(findingFingerprint(live))
    expect(findingFingerprint(finding())).toBe(findingFingerprint(live))
  })

  it('phase and fixedByPlan survive the JSON report read back by mode: publish; anything else is refused', () => {
    const parsed = runReportSchema.parse(report([live, planned]))
    expect(parsed.findings.map(f => [f.phase, f.fixedByPlan])).toEqual([
      [undefined, true],
      ['planned', undefined]
    ])
    expect(runReportSchema.safeParse(report([finding({ phase: 'live' as 'planned' })])).success).toBe(false)
  })
})
