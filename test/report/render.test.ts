import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/finding.js'
import { ruleById } from '../../src/catalogue.js'
import { COMMENT_LIMIT, commentBody } from '../../src/report/github/comment.js'
import { SUMMARY_MAX_BYTES } from '../../src/report/job-summary.js'
import { renderReportMarkdown } from '../../src/report/markdown/render.js'
import { renderAsGitHub, tableRows, visibleText } from './rendered-markdown.js'
import { finding, MANIFEST, mixedReport, report, VPC } from './fixtures.js'
import { manyFindingsReport } from './many-findings.js'

const html = renderAsGitHub

function hrefs(rendered: string): string[] {
  return [...rendered.matchAll(/href="([^"]*)"/g)].map(m => m[1] ?? '')
}

const RUN_URL = 'https://github.com/Codertocat/Hello-World/actions/runs/42'
const SHA = '0123456789abcdef0123456789abcdef01234567'
const context = { commit: SHA, runUrl: RUN_URL, manifestRef: 'base' as const }

describe('renderReportMarkdown: the headline', () => {
  it('says "all N checks passed" when everything passed', () => {
    const md = renderReportMarkdown(
      report([finding(), finding({ ruleId: 'endpoint-exists' }), finding({ ruleId: 'vpc-exists' })])
    )
    expect(md.split('\n')[0]).toBe('## ✅ vpce-proof: all 3 checks passed')
  })

  it('counts failures first, then names the commit, the run and the manifest with its ref', () => {
    const md = renderReportMarkdown(mixedReport(), { title: 'vpce-proof (prod)', context })
    expect(md.split('\n')[0]).toBe('## ❌ vpce-proof (prod): 1 failed, 1 inconclusive, 1 warning, 2 passed')
    const meta = visibleText(html(md.split('\n\n')[1] ?? ''))
    expect(meta).toContain('commit 0123456')
    expect(meta).toContain(`manifest ${MANIFEST} (base branch)`)
    expect(hrefs(html(md.split('\n\n')[1] ?? ''))).toEqual([RUN_URL])
  })

  it('says "could not check at <sha>: <cause>" when the run decided nothing, never "passed"', () => {
    const md = renderReportMarkdown(
      report([finding({ verdict: 'inconclusive' }), finding({ verdict: 'skipped' })], {
        undecided: 'ec2:DescribeVpcs: no answer within 45s'
      }),
      { context }
    )
    expect(visibleText(html(md.split('\n')[0] ?? '')).trim()).toBe(
      '❌ vpce-proof: could not check at 0123456: ec2:DescribeVpcs: no answer within 45s'
    )
    expect(md).not.toMatch(/passed/)
  })
})

describe('renderReportMarkdown: the matrix and the problems, worst first', () => {
  const md = renderReportMarkdown(mixedReport(), { context })
  const rendered = html(md)

  it('puts the matrix right under the headline: one row per VPC and declared endpoint, a column per family', () => {
    const blocks = md.split('\n\n')
    const at = blocks.findIndex(b => b.startsWith('| Endpoint |'))
    // The headline and its line of facts; then the matrix, before the notes and any section.
    expect(at).toBe(2)
    expect(blocks[at + 1]?.startsWith('> ')).toBe(true)
    expect(blocks.slice(0, at).some(b => b.startsWith('#'))).toBe(true)
    expect(blocks.slice(1, at).some(b => b.startsWith('###'))).toBe(false)
    const firstBlock = blocks[at] ?? ''
    const header = firstBlock.split('\n')[0]
    // Families come from the rules' metadata, in catalogue order; the unknown rule gets its own column.
    expect(header).toBe('| Endpoint | Exists | DNS / routes | Subnets | probe-recorded-through-endpoint |')
    const rows = tableRows(rendered)
    expect(rows.map(r => visibleText(r[0] ?? ''))).toEqual([
      'sns vpce-01251def6b627a209',
      's3 vpce-0a1b2c3d4e5f60718',
      'ssm vpce-0fedcba9876543210'
    ])
  })

  it('links each problem cell to its finding, which has that anchor', () => {
    const targets = [...md.matchAll(/\]\(#(vp-f\d+)\)/g)].map(m => m[1])
    expect(targets.length).toBeGreaterThan(0)
    for (const t of targets) expect(rendered).toContain(`<a name="${t}"></a>`)
    expect(md).toMatch(/\[✅\]\(#vp-passes\)/)
  })

  it('lists failures, then inconclusive, then warnings, each with its message and a fix', () => {
    const failed = md.indexOf('### ❌ Failed (1)')
    const inconclusive = md.indexOf('### ❔ Could not check (1)')
    const warnings = md.indexOf('### ⚠️ Warnings (1)')
    expect(failed).toBeGreaterThan(0)
    expect(inconclusive).toBeGreaterThan(failed)
    expect(warnings).toBeGreaterThan(inconclusive)
    const failure = md.slice(failed, inconclusive)
    expect(failure).toContain('#### ❌ No endpoint ENI in a declared subnet')
    expect(failure).toContain('has no network interface in subnet-0bbb1111cccc22223')
    expect(failure).toContain('**How to fix:**')
    expect(visibleText(html(failure))).toContain(ruleById('endpoint-in-subnets')!.fix.replace(/`/g, ''))
  })

  it('shows passes only inside one folded section, stating what was found', () => {
    const open = md.indexOf('<details><summary>2 passed</summary>')
    expect(open).toBeGreaterThan(md.indexOf('### ⚠️ Warnings'))
    expect(md.slice(open)).toContain('✅ Private DNS is on')
    expect(md.slice(0, open)).not.toContain('Private DNS is on for')
  })
})

describe('renderReportMarkdown: evidence says what the message does not', () => {
  const event = '194e1b16-c313-43c9-9bef-e345bd966d3b'
  const md = renderReportMarkdown(
    report([
      finding({
        ruleId: 'traffic-via-endpoint',
        verdict: 'fail',
        service: 'kms',
        endpointId: 'vpce-0a1b2c3d4e5f6d002',
        message: `kms:ListKeys went around the endpoint: CloudTrail event ${event} has no vpcEndpointId (source IP 203.0.113.10), so the call did not pass through vpce-0a1b2c3d4e5f6d002.`,
        evidence: {
          eventId: event,
          sourceIPAddress: '203.0.113.10',
          probe: 'kms:ListKeys',
          requestId: '4e024ec1-0664-49b5-9d11-c99a83c1fcf9',
          httpStatus: '200',
          expectedEndpointId: 'vpce-0a1b2c3d4e5f6d002',
          answer: '203.0.113.1'
        }
      }),
      finding({
        ruleId: 'endpoint-declared',
        verdict: 'warn',
        service: undefined,
        endpointId: 'vpce-0a1b2c3d4e5f6d004',
        message:
          'vpce-0a1b2c3d4e5f6d004 (Interface, com.amazonaws.ap-northeast-1.logs) is in the VPC but not in the manifest.',
        evidence: {
          endpoint: 'vpce-0a1b2c3d4e5f6d004',
          service: 'com.amazonaws.ap-northeast-1.logs',
          state: 'available'
        }
      })
    ])
  )
  const evidence = [...md.matchAll(/<br><sub>(.*)<\/sub>/g)].map(m => visibleText(html(m[1] ?? '')).trim())

  it('leaves out what the message or the subject already states, keeps console links and new ids', () => {
    // The event is in the message, but its console link is the point; the source IP, the probe and the
    // endpoint are read already; 203.0.113.1 is not 203.0.113.10; the status is counted, not shown.
    expect(evidence[0]).toBe(
      `eventId: ${event} · requestId: 4e024ec1-0664-49b5-9d11-c99a83c1fcf9 · answer: 203.0.113.1 · +1 more`
    )
    expect(md).toContain(
      `(https://ap-northeast-1.console.aws.amazon.com/cloudtrailv2/home?region=ap-northeast-1#/events/${event})`
    )
  })

  it('names the endpoint in the subject only where the message does not', () => {
    expect(md).toContain('**kms**, line 7: kms:ListKeys went around the endpoint')
    const other = renderReportMarkdown(report([finding({ verdict: 'fail', message: 'Private DNS is off.' })]))
    expect(other).toContain('**sns** vpce-01251def6b627a209, line 7: Private DNS is off.')
  })

  it('counts as said only what the message shows: a value past the cut is evidence again', () => {
    const long = renderReportMarkdown(
      report([
        finding({
          ruleId: 'source-ip-private',
          verdict: 'fail',
          message: `${'x'.repeat(2100)} source IP 203.0.113.10 via vpce-01251def6b627a209`,
          evidence: { sourceIPAddress: '203.0.113.10' }
        })
      ])
    )
    const text = visibleText(html(long))
    expect(text).toContain('sourceIPAddress: 203.0.113.10')
    expect(text).toContain('**sns** vpce-01251def6b627a209, line 7'.replace(/\*\*/g, ''))
  })

  it('links the endpoint of a VPC-level finding (drift), which no subject names', () => {
    expect(evidence[1]).toBe('endpoint: vpce-0a1b2c3d4e5f6d004 · state: available')
    expect(md).toContain('#EndpointDetails:vpcEndpointId=vpce-0a1b2c3d4e5f6d004)')
  })
})

describe('renderReportMarkdown: a console link two findings cite', () => {
  const event = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
  const url = `https://ap-northeast-1.console.aws.amazon.com/cloudtrailv2/home?region=ap-northeast-1#/events/${event}`
  const cites = (ruleId: string) =>
    finding({ ruleId, verdict: 'fail', message: `${ruleId} failed.`, evidence: { eventId: event } })
  const md = renderReportMarkdown(
    report([cites('traffic-via-endpoint'), cites('source-ip-private'), finding({ verdict: 'fail' })])
  )

  it('is written once, as a reference both findings link through', () => {
    expect(md.split(url)).toHaveLength(2)
    expect(md).toMatch(new RegExp(`^\\[vp-[0-9a-f]{12}\\]: ${url.replace(/[.?/]/g, '\\$&')}$`, 'm'))
    expect(hrefs(html(md)).filter(h => h === url)).toHaveLength(2)
  })

  it('keeps each report\u2019s links its own when two reports share one document (two summaries appended)', () => {
    const other = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'
    const otherUrl = url.replace(event, other)
    const cite = (ruleId: string) =>
      finding({ ruleId, verdict: 'fail', message: `${ruleId} failed.`, evidence: { eventId: other } })
    const staging = renderReportMarkdown(
      report([cite('traffic-via-endpoint'), cite('source-ip-private'), finding({ verdict: 'fail' })])
    )
    const both = html(`${md}\n\n${staging}`)
    // The first definition of a label wins in Markdown: with labels counted per report, all four links
    // went to the first report's event.
    expect(hrefs(both).filter(h => h === url)).toHaveLength(2)
    expect(hrefs(both).filter(h => h === otherUrl)).toHaveLength(2)
  })

  it('stays inline where only one finding cites it', () => {
    const once = renderReportMarkdown(report([cites('traffic-via-endpoint')]))
    expect(once).toContain(`[${event}](${url})`)
    expect(once).not.toMatch(/\]\[vp-/)
  })
})

describe('renderReportMarkdown: the folded passes', () => {
  const md = renderReportMarkdown(
    report([
      finding({ ruleId: 'endpoint-exists' }),
      finding({
        ruleId: 'dns-resolves-to-endpoint',
        verdict: 'skipped',
        message: 'Not checked for Gateway endpoints: s3 is reached by route.'
      }),
      finding(),
      finding({ ruleId: 'vpc-exists', service: undefined, endpointId: undefined })
    ])
  )
  const lines = visibleText(html(md.slice(md.indexOf('<details><summary>1 skipped, 3 passed'))))
    .split('\n')
    .filter(l => l.includes(': '))

  it('gives each endpoint one line: its passes under one icon, then a skip with its reason, said once', () => {
    expect(lines).toEqual([
      "sns vpce-01251def6b627a209: ✅ Declared endpoint exists · Private DNS is on · ⏭️ Service hostname resolves to the endpoint's ENIs (Not checked for Gateway endpoints: s3 is reached by route.)",
      `VPC ${VPC}: ✅ VPC exists`
    ])
  })
})

describe('renderReportMarkdown: a finding without its endpoint id', () => {
  const line = { file: MANIFEST, line: 7, column: 9 }
  const md = renderReportMarkdown(
    report([
      finding({ ruleId: 'endpoint-exists', location: line }),
      finding({ location: line }),
      finding({
        ruleId: 'api-reached-without-internet',
        verdict: 'inconclusive',
        endpointId: undefined,
        location: line,
        message: 'The probe sns:ListTopics proves nothing here: the runner reaches the internet.'
      }),
      // Declared, not found: no sibling knows an id, so it keeps its own row.
      finding({
        ruleId: 'endpoint-exists',
        verdict: 'fail',
        service: 'kms',
        endpointId: undefined,
        location: { file: MANIFEST, line: 12, column: 9 },
        message: 'No endpoint for kms in the VPC.'
      })
    ])
  )

  it("sits in its declaration's matrix row and path, the endpoint counted once", () => {
    expect(tableRows(html(md)).map(r => visibleText(r[0] ?? ''))).toEqual([
      'sns vpce-01251def6b627a209',
      'kms'
    ])
    expect(visibleText(html(md.split('\n\n')[1] ?? ''))).toContain('2 endpoints in 1 VPC')
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1] ?? ''
    expect(diagram.match(/not found/g)).toHaveLength(1)
    expect(diagram).toContain('kms endpoint #40;not found#41;')
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
    report(findings, { notes: [`note ${hostile}`], manifestFile: `a|${script}.yml` }),
    { context: { commit: `abc${script}`, runUrl: 'javascript:alert(1)' } }
  )
  const rendered = html(md)
  const text = visibleText(rendered)

  it('contains no live HTML from the values', () => {
    expect(rendered).not.toMatch(/<script/i)
    expect(rendered).not.toMatch(/<img/i)
    expect(text).toContain(script)
  })

  it('keeps backticks, pipes and Markdown punctuation literal, and every matrix row whole', () => {
    expect(text).toContain('svc`x`|pipe|')
    expect(text).toContain('**bold** [x](javascript:alert(1))')
    expect(rendered).not.toContain('<strong>bold</strong>')
    expect(rendered).not.toContain('<h1>')
    const rows = tableRows(rendered)
    expect(rows.length).toBeGreaterThan(0)
    expect(new Set(rows.map(r => r.length)).size).toBe(1)
  })

  it('makes no link other than console links and its own anchors', () => {
    for (const href of hrefs(rendered))
      expect(href).toMatch(/^(https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\/|#vp-)/)
  })

  it('neutralises @mentions and #references outside code blocks (GitHub links none inside them)', () => {
    const prose = visibleText(rendered.replace(/<pre>[\s\S]*?<\/pre>/g, ''))
    expect(prose).not.toMatch(/@octocat/)
    expect(prose).toContain('@\u200boctocat')
    expect(prose).not.toMatch(/#12/)
    // In the diagram every such character is a Mermaid entity code.
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1] ?? ''
    expect(diagram).toContain('#64;octocat')
    expect(diagram).not.toMatch(/<script|@octocat|`x`/)
  })

  it('truncates very long values with an ellipsis', () => {
    expect(md.length).toBeLessThan(10_000)
    expect(text).not.toContain('A'.repeat(2_001))
    expect(text).toContain('A'.repeat(250) + '…')
  })
})

describe('renderReportMarkdown: size limits', () => {
  it('a 630-finding run: the comment keeps every failure with its message and fix, passes go first', () => {
    const big = manyFindingsReport()
    expect(big.findings).toHaveLength(630)
    const body = commentBody(big, 'vpce-proof', { context, detailsUrl: RUN_URL })
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    const failures = big.findings.filter(f => f.verdict === 'fail')
    expect(failures.length).toBe(66)
    const text = visibleText(html(body))
    for (const f of failures) expect(text).toContain(f.message)
    for (const id of new Set(failures.map(f => f.ruleId)))
      expect(text).toContain(ruleById(id)!.fix.replace(/`/g, ''))
    expect(text).toMatch(
      /Shortened to fit GitHub's size limit: left out the list of 564 passed or skipped checks/
    )
    expect(text).toContain('Every finding is in the JSON report of this workflow run')
    expect(body).not.toContain('<details><summary>564 passed')
    // The matrix still has a row per endpoint.
    expect(tableRows(html(body))).toHaveLength(90)
  })

  it('counts the summary limit in bytes: multi-byte text stays within 1 MiB', () => {
    const message = 'プライベート DNS が無効です。'.repeat(40)
    const failures = Array.from({ length: 1500 }, (_, i) =>
      finding({
        verdict: 'fail',
        service: `svc${i}`,
        message: `${i}: ${message}`,
        location: { file: 'm.yml', line: i + 1, column: 1 }
      })
    )
    const md = renderReportMarkdown(report(failures), { maxBytes: SUMMARY_MAX_BYTES, context })
    // Fewer characters than the limit, more bytes: a character count would have let it through.
    expect(failures.reduce((n, f) => n + f.message.length, 0)).toBeLessThan(SUMMARY_MAX_BYTES)
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES)
    expect(Buffer.byteLength(md)).toBeGreaterThan(SUMMARY_MAX_BYTES - 10_000)
    expect(md).toContain(`**How to fix:**`)
    expect(md).toMatch(/left out \d+ failed findings at the end of the list/)
  })

  it('keeps the comment under 65,536 characters when the failures alone are over it, fix included', () => {
    const failures = Array.from({ length: 3000 }, (_, i) =>
      finding({
        verdict: 'fail',
        message: `Finding ${i}: ${'x'.repeat(180)}`,
        location: { file: 'm.yml', line: i + 1, column: 1 }
      })
    )
    const body = commentBody(report(failures), 'vpce-proof', { detailsUrl: RUN_URL })
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 3000)
    expect(body).toContain('Finding 0: ')
    expect(body).toContain('**How to fix:**')
    expect(body).toMatch(/more like these: left out for size/)
  })

  it('is whole when it fits', () => {
    const md = renderReportMarkdown(mixedReport(), { maxLength: 65_536, maxBytes: 1_000_000 })
    expect(md).toBe(renderReportMarkdown(mixedReport()))
    expect(md).not.toContain('Shortened')
  })

  it('draws one VPC diagram per VPC and leaves it out above the size limit', () => {
    const md = renderReportMarkdown(mixedReport())
    expect(md.match(/```mermaid/g)).toHaveLength(1)
    expect(md).toContain(`Paths in ${VPC}`)
  })
})
