import { describe, expect, it } from 'vitest'
import { buildJunit } from '../../src/report/junit.js'
import { finding, mixedReport, report } from './fixtures.js'
import { junitErrors } from './junit-schema.js'

describe('JUnit XML', () => {
  it('validates against the JUnit schema, one testcase per finding, mapped like the exit code', async () => {
    const r = mixedReport()
    const xml = buildJunit({ ...r, failOn: ['fail', 'inconclusive'] })
    expect(await junitErrors(xml)).toEqual([])
    expect(xml.match(/<testcase /g)).toHaveLength(r.findings.length)
    expect(xml).toContain(
      '<testsuites name="vpce-proof infra/vpc-endpoints.yml" tests="5" failures="1" errors="1"'
    )
    expect(xml).toMatch(/<failure type="fail" message="vpce-01251def6b627a209 has no network interface/)
    expect(xml).toMatch(/<error type="inconclusive" message="CloudTrail did not deliver/)
    expect(xml).toContain('infra/vpc-endpoints.yml:10:11: vpce-01251def6b627a209 has no network interface')
    expect(xml).toContain('How to fix:')
  })

  it('a warning or inconclusive not in fail-on passes; a suppressed failure is skipped with its reason', async () => {
    const suppressed = finding({
      verdict: 'fail',
      service: 'kms',
      suppressed: {
        reason: 'NET-1234',
        expires: '2027-03-31',
        location: { file: 'm.yml', line: 30, column: 5 }
      }
    })
    const xml = buildJunit(report([...mixedReport().findings, suppressed], { failOn: ['fail'] }))
    expect(await junitErrors(xml)).toEqual([])
    expect(xml).toContain('failures="1" errors="0"')
    expect(xml).toContain('<skipped>suppressed (fail) until 2027-03-31 by m.yml:30: NET-1234</skipped>')
  })

  it('hostile strings stay text: markup is escaped, characters XML cannot hold are dropped', async () => {
    const hostile = finding({
      verdict: 'fail',
      message: 'a"b<c>&d</failure><x/>\u0000\u001b[31m\ud800 end',
      service: 'k"ms<',
      evidence: { vpce: ']]><!--' }
    })
    const xml = buildJunit(report([hostile]))
    expect(await junitErrors(xml)).toEqual([])
    expect(xml).not.toContain('<x/>')
    expect(xml.includes('\u0000') || xml.includes('\u001b')).toBe(false)
    expect(xml).toContain('a&quot;b&lt;c&gt;&amp;d&lt;/failure&gt;&lt;x/&gt;[31m end')
  })

  it('the schema is really applied: a testcase without a name is rejected', async () => {
    const broken = buildJunit(mixedReport()).replace(/<testcase name="[^"]*"/, '<testcase')
    expect((await junitErrors(broken)).join('\n')).toMatch(/attribute 'name' is required/)
  })
})
