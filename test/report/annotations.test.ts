import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/finding.js'
import { buildReport } from '../../src/core/build-report.js'
import { ANNOTATIONS_PER_LEVEL, planAnnotations } from '../../src/report/annotations.js'

function finding(line: number, verdict: Finding['verdict'], service = `svc${line}`): Finding {
  return {
    ruleId: 'endpoint-exists',
    verdict,
    message: `problem on line ${line}`,
    location: { file: 'vpc-endpoints.yml', line, column: 9 },
    vpcId: 'vpc-0123456789abcdef0',
    region: 'ap-northeast-1',
    service,
    evidence: {}
  }
}

function plan(
  findings: Finding[],
  opts: { annotatePasses?: boolean } | Finding['verdict'][] = {},
  failOn: Finding['verdict'][] = Array.isArray(opts) ? opts : ['fail']
) {
  const now = new Date()
  return planAnnotations(
    buildReport({
      manifestFile: 'vpc-endpoints.yml',
      startedAt: now,
      finishedAt: now,
      failOn,
      findings
    }),
    Array.isArray(opts) ? {} : opts
  )
}

describe('workflow-command annotations', () => {
  it('puts each failure on its manifest line as an error, warnings and inconclusive as warnings', () => {
    const { shown } = plan([finding(7, 'fail'), finding(9, 'warn'), finding(11, 'inconclusive')])
    expect(shown.map(a => [a.level, a.startLine])).toEqual([
      ['error', 7],
      ['warning', 9],
      ['warning', 11]
    ])
    expect(shown[2]!.message).toMatch(/^Inconclusive: /)
    expect(shown[0]!.title).toContain('endpoint-exists')
  })

  it('makes a verdict listed in fail-on an error, as in the check run, since it fails the step', () => {
    const { shown } = plan([finding(9, 'warn'), finding(11, 'inconclusive')], ['fail', 'warn'])
    expect(shown.map(a => [a.level, a.startLine])).toEqual([
      ['error', 9],
      ['warning', 11]
    ])
  })

  it('annotates no pass unless annotate-passes is on', () => {
    const { shown, hidden } = plan([
      finding(7, 'pass', 'sns'),
      finding(12, 'pass', 'kms'),
      finding(12, 'fail', 'kms')
    ])
    expect(shown.map(a => a.level)).toEqual(['error'])
    expect(hidden.notice).toBe(0)
  })

  it('with annotate-passes, gives an endpoint whose checks all passed one notice, none to one with a failure', () => {
    const { shown } = plan(
      [
        finding(7, 'pass', 'sns'),
        finding(7, 'skipped', 'sns'),
        finding(12, 'pass', 'kms'),
        finding(12, 'fail', 'kms')
      ],
      { annotatePasses: true }
    )
    expect(shown.filter(a => a.level === 'notice').map(a => [a.startLine, a.message])).toEqual([
      [7, '1 check passed for sns.']
    ])
  })

  it('stays within GitHub’s 10 per level per step and counts what did not fit', () => {
    const failures = Array.from({ length: 14 }, (_, i) => finding(10 + i, 'fail'))
    const { shown, hidden } = plan([...failures, finding(40, 'warn')])
    expect(shown.filter(a => a.level === 'error')).toHaveLength(ANNOTATIONS_PER_LEVEL)
    expect(shown.filter(a => a.level === 'warning')).toHaveLength(1)
    expect(hidden).toEqual({ error: 4, warning: 0, notice: 0 })
  })
})
