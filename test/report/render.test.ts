import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/finding.js'
import { COMMENT_LIMIT, commentBody } from '../../src/report/github/comment.js'
import { renderReportMarkdown } from '../../src/report/markdown/render.js'
import { renderAsGitHub, tableRows, visibleText } from './rendered-markdown.js'
import { finding, mixedReport, report } from './fixtures.js'

/** A CommonMark + GFM tables renderer with raw HTML and URL autolinking on, like GitHub's. */

const html = renderAsGitHub

function hrefs(rendered: string): string[] {
  return [...rendered.matchAll(/href="([^"]*)"/g)].map(m => m[1] ?? '')
}

const DETAILS_URL = 'https://github.com/Codertocat/Hello-World/actions/runs/42'

describe('renderReportMarkdown: headline and content', () => {
  it('says "all N checks passed" when everything passed', () => {
    const md = renderReportMarkdown(
      report([
        finding(),
        finding({ ruleId: 'endpoint-available' }),
        finding({ ruleId: 'endpoint-type-matches' })
      ])
    )
    expect(md.split('\n')[0]).toBe('## ✅ vpce-proof: all 3 checks passed')
  })

  it('counts failures first when the run failed', () => {
    const md = renderReportMarkdown(mixedReport())
    expect(md.split('\n')[0]).toBe('## ❌ vpce-proof: 1 failed, 1 inconclusive, 1 warning, 2 passed')
  })

  it('marks a passing run with undecided checks with a warning sign', () => {
    const md = renderReportMarkdown(report([finding(), finding({ verdict: 'inconclusive' })]), {
      title: 'vpce-proof (prod)'
    })
    expect(md.split('\n')[0]).toBe('## ⚠️ vpce-proof (prod): 1 inconclusive, 1 passed')
  })

  it('says "could not check" with the cause when the run decided nothing, never "passed"', () => {
    const undecided = {
      ...report([finding({ verdict: 'inconclusive' }), finding({ verdict: 'skipped' })]),
      result: 'fail' as const,
      undecided: 'ec2:DescribeVpcs: no answer from http://127.0.0.1:9 within 45s'
    }
    const md = renderReportMarkdown(undecided)
    expect(md.split('\n')[0]).toBe('## ❌ vpce-proof: could not check (1 inconclusive, 1 skipped)')
    // URLs from outside are not autolinked (a zero-width space breaks the scheme).
    expect(visibleText(html(md)).replace(/\u200b/g, '')).toContain(
      'Could not check: ec2:DescribeVpcs: no answer from http://127.0.0.1:9 within 45s.'
    )
    expect(md).not.toMatch(/passed/)
  })

  it('shows the notes, one table row per finding (worst first) and folds details per endpoint', () => {
    const md = renderReportMarkdown(mixedReport())
    const rendered = html(md)
    expect(visibleText(rendered)).toContain(
      'all traffic evidence says this runner is outside the VPC. These checks are inconclusive, not failed.'
    )
    const rows = tableRows(rendered)
    expect(rows).toHaveLength(5)
    expect(rows.map(r => r.length)).toEqual([6, 6, 6, 6, 6])
    expect(rows.map(r => r[0])).toEqual(['❌ fail', '❔ inconclusive', '⚠️ warn', '✅ pass', '✅ pass'])
    expect(md.match(/<details>/g)).toHaveLength(3) // sns, s3, ssm
    expect(md).toContain(
      'How to fix: aws ec2 modify-vpc-endpoint --vpc-endpoint-id &lt;vpce&gt; --add-subnet-ids &lt;subnet&gt;'
    )
  })

  it('links evidence ids to the AWS console of the finding region', () => {
    const links = hrefs(html(renderReportMarkdown(mixedReport())))
    expect(links).toContain(
      'https://ap-northeast-1.console.aws.amazon.com/vpcconsole/home?region=ap-northeast-1#EndpointDetails:vpcEndpointId=vpce-01251def6b627a209'
    )
    expect(links).toContain(
      'https://ap-northeast-1.console.aws.amazon.com/cloudtrailv2/home?region=ap-northeast-1#/events/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
    )
    expect(links).toContain(
      'https://ap-northeast-1.console.aws.amazon.com/vpcconsole/home?region=ap-northeast-1#RouteTableDetails:RouteTableId=rtb-0aaa1111bbbb22223'
    )
  })
})

describe('renderReportMarkdown: hostile strings render as text', () => {
  const script = '<script>alert(1)</script>'
  const hostile =
    'svc`x`|pipe|<script>alert(1)</script> @octocat #12 **bold** [x](javascript:alert(1)) https://evil.example'
  const long = 'A'.repeat(10_000)
  const findings: Finding[] = [
    finding({
      verdict: 'fail',
      message: hostile,
      service: hostile,
      vpcId: `vpc-${script}`,
      evidence: { [hostile]: hostile }
    }),
    finding({ verdict: 'fail', message: `line one\n| --- |\n# heading\n${long}`, evidence: { vpce: long } }),
    finding({
      verdict: 'pass',
      region: '"><img src=x onerror=alert(1)>',
      evidence: { vpce: 'vpce-01251def6b627a209' }
    })
  ]
  const md = renderReportMarkdown(
    report(findings, { notes: [`note ${hostile}`], manifestFile: `a|${script}.yml` })
  )
  const rendered = html(md)
  const text = visibleText(rendered)

  it('contains no live HTML from the values', () => {
    expect(rendered).not.toMatch(/<script/i)
    expect(rendered).not.toMatch(/<img/i)
    expect(text).toContain(script)
  })

  it('keeps backticks, pipes and Markdown punctuation literal, and every row at six cells', () => {
    expect(text).toContain('svc`x`|pipe|')
    expect(text).toContain('**bold** [x](javascript:alert(1))')
    expect(rendered).not.toContain('<strong>bold</strong>')
    expect(rendered).not.toContain('<h1>')
    expect(tableRows(rendered).map(r => r.length)).toEqual([6, 6, 6])
  })

  it('makes no link other than console links', () => {
    for (const href of hrefs(rendered))
      expect(href).toMatch(/^https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\//)
  })

  it('neutralises @mentions and #references', () => {
    expect(text).not.toMatch(/@octocat/)
    expect(text).toContain('@\u200boctocat')
    expect(text).not.toMatch(/#12/)
  })

  it('truncates very long values with an ellipsis', () => {
    expect(md.length).toBeLessThan(10_000)
    expect(text).not.toContain('A'.repeat(2_001))
    expect(text).toContain('A'.repeat(250) + '…')
  })
})

describe('renderReportMarkdown: size limit', () => {
  const many = Array.from({ length: 1500 }, (_, i) =>
    finding({
      verdict: i % 7 === 0 ? 'fail' : 'pass',
      service: `svc${i % 150}`,
      message: `Finding ${i}: ${'x'.repeat(180)}`,
      location: { file: 'm.yml', line: i + 1, column: 1 },
      evidence: { vpce: 'vpce-01251def6b627a209', requestId: `req-${i}` }
    })
  )
  const big = report(many)

  it('keeps the PR comment under 65536 characters and points to the job summary', () => {
    const body = commentBody(big, 'vpce-proof', { detailsUrl: DETAILS_URL })
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 2000)
    expect(body).toContain(`[job summary of this run](${DETAILS_URL})`)
    expect(body).toMatch(/\*\*Truncated:\*\* \d+ table rows and 150 endpoint sections did not fit here/)
  })

  it('cuts between whole rows and sections, never inside one', () => {
    const md = renderReportMarkdown(big, { maxLength: 20_000, detailsUrl: DETAILS_URL })
    expect(md.length).toBeLessThanOrEqual(20_000)
    const tableLines = md.split('\n').filter(l => l.startsWith('|'))
    for (const line of tableLines) expect(line).toMatch(/^\|.*\|$/)
    const rows = tableRows(html(md))
    expect(rows.length).toBe(tableLines.length - 2)
    expect(rows.every(r => r.length === 6)).toBe(true)
    // Failures come first, so what survives the cut is what matters.
    expect(rows.slice(0, 10).every(r => r[0] === '❌ fail')).toBe(true)
    expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length)
    expect(visibleText(html(md))).toContain('did not fit here')
  })

  it('is whole when it fits', () => {
    const md = renderReportMarkdown(mixedReport(), { maxLength: 65_536 })
    expect(md).toBe(renderReportMarkdown(mixedReport()))
    expect(md).not.toContain('Truncated')
  })
})
