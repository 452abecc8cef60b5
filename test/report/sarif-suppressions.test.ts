import { describe, expect, it } from 'vitest'
import { buildSarif } from '../../src/report/sarif/build.js'
import { renderText } from '../../src/report/text-report.js'
import { renderReportMarkdown } from '../../src/report/markdown/render.js'
import { planAnnotations } from '../../src/report/annotations.js'
import { finding, mixedReport, report } from './fixtures.js'
import { sarifValidator } from './sarif-schema.js'

const suppressed = finding({
  verdict: 'fail',
  service: 'kms',
  endpointId: 'vpce-0123456789abcdef9',
  message: 'Private DNS is off for vpce-0123456789abcdef9.',
  suppressed: {
    reason: 'resolver migration <b>NET-1234</b>',
    expires: '2027-03-31',
    location: { file: 'infra/vpc-endpoints.yml', line: 30, column: 5 }
  }
})
const withSuppressed = () => report([...mixedReport().findings, suppressed], { suppressed: 1 })

describe('a suppressed finding in every channel', () => {
  it('SARIF: the result keeps its level and carries an accepted inSource suppression with the reason', () => {
    const sarif = buildSarif(withSuppressed()) as { runs: { results: Record<string, unknown>[] }[] }
    const validate = sarifValidator()
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true)
    const result = sarif.runs[0]?.results.find(r =>
      (r.message as { text: string }).text.includes('vpce-0123456789abcdef9')
    )
    expect(result).toMatchObject({
      level: 'error',
      suppressions: [
        {
          kind: 'inSource',
          justification: 'resolver migration <b>NET-1234</b> (until 2027-03-31)',
          location: { physicalLocation: { region: { startLine: 30, startColumn: 5 } } }
        }
      ]
    })
  })

  it('text: listed after the failures as SUPPRESSED FAIL with its reason, and counted apart', () => {
    const text = renderText(withSuppressed())
    const lines = text.split('\n')
    const at = lines.findIndex(l => l.includes('SUPPRESSED FAIL'))
    expect(at).toBeGreaterThan(lines.findIndex(l => l.includes(': FAIL ')))
    expect(lines[at + 1]).toBe(
      '      suppressed until 2027-03-31 by infra/vpc-endpoints.yml:30: resolver migration <b>NET-1234</b>'
    )
    expect(text).toMatch(/, 1 suppressed \(fail-on: fail\)$/)
  })

  it('Markdown: folded apart from the table, with the reason escaped', () => {
    const md = renderReportMarkdown(withSuppressed())
    const folded = md.slice(md.indexOf('<details><summary>🔕'))
    expect(folded).toContain('1 suppressed finding')
    expect(md).toMatch(/^## .*vpce-proof: .*, 1 suppressed\n/)
    expect(folded).toContain('resolver migration &lt;b&gt;NET-1234&lt;/b&gt;')
    expect(md.slice(0, md.indexOf('<details><summary>🔕'))).not.toContain('vpce-0123456789abcdef9.')
  })

  it('annotations: a notice, not an error', () => {
    const { shown } = planAnnotations(withSuppressed())
    const a = shown.find(x => x.message.includes('vpce-0123456789abcdef9'))
    expect(a?.level).toBe('notice')
    expect(a?.message).toMatch(
      /^Suppressed \(fail\) until 2027-03-31 by infra\/vpc-endpoints.yml:30: resolver/
    )
  })
})
