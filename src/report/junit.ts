import type { RunReport } from '../core/run-report.js'
import type { Finding } from '../model/finding.js'
import { ruleById } from '../catalogue.js'

/**
 * JUnit XML for CI systems other than GitHub (GitLab, Jenkins, Azure DevOps, CircleCI): one `<testsuite>` per
 * VPC, one `<testcase>` per finding. The mapping agrees with the exit code: a verdict listed in fail-on is a
 * `<failure>` (an undecided check an `<error>`), `skipped` and suppressed findings are `<skipped>` (with the
 * reason), a warning not in fail-on passes with its message in `<system-out>`. The layout is the one Jenkins'
 * junit-4.xsd describes (test/report/schemas/junit-4.xsd), which those tools read.
 */
export function buildJunit(report: RunReport): string {
  const suites = new Map<string, Finding[]>()
  for (const f of report.findings) {
    const key = f.region ? `${f.vpcId} (${f.region})` : f.vpcId || report.manifestFile
    const list = suites.get(key)
    if (list) list.push(f)
    else suites.set(key, [f])
  }
  const seconds = Math.max(0, (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000) || 0
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 }
  const bodies: string[] = []
  let id = 0
  for (const [name, findings] of suites) {
    const cases = findings.map(f => testcase(f, report))
    const counts = {
      tests: cases.length,
      failures: cases.filter(c => c.kind === 'failure').length,
      errors: cases.filter(c => c.kind === 'error').length,
      skipped: cases.filter(c => c.kind === 'skipped').length
    }
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += counts[k]
    bodies.push(
      `  <testsuite name="${attr(name)}" id="${id++}" package="vpce-proof" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="0" timestamp="${attr(report.startedAt.replace(/\.\d+Z$|Z$/, ''))}">\n` +
        cases.map(c => c.xml).join('') +
        '  </testsuite>\n'
    )
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="vpce-proof ${attr(report.manifestFile)}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" time="${seconds.toFixed(3)}">\n` +
    bodies.join('') +
    '</testsuites>\n'
  )
}

type CaseKind = 'pass' | 'failure' | 'error' | 'skipped'

function testcase(f: Finding, report: RunReport): { kind: CaseKind; xml: string } {
  const where = `${f.location.file}:${f.location.line}:${f.location.column}`
  const name = `${f.ruleId}${f.service ? ` [${f.service}]` : ''}${f.endpointId ? ` ${f.endpointId}` : ''}`
  const classname = ['vpce-proof', f.vpcId, f.service].filter(Boolean).join('.')
  const evidence = Object.entries(f.evidence)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')
  const fix = ruleById(f.ruleId)?.fix
  const detail = [`${where}: ${f.message}`, evidence && `evidence: ${evidence}`, fix && `How to fix: ${fix}`]
    .filter(Boolean)
    .join('\n')
  const open = `    <testcase name="${attr(name)}" classname="${attr(classname)}" time="0">\n`
  const close = '    </testcase>\n'
  const kind = caseKind(f, report.failOn)
  let inner = ''
  if (kind === 'skipped') {
    const s = f.suppressed
    const why = s
      ? `suppressed (${f.verdict})${s.expires ? ` until ${s.expires}` : ''} by ${s.location.file}:${s.location.line}: ${s.reason}`
      : `skipped: ${f.message}`
    inner = `      <skipped>${text(why)}</skipped>\n`
  } else if (kind === 'failure' || kind === 'error') {
    inner = `      <${kind} type="${attr(f.verdict)}" message="${attr(f.message)}">${text(detail)}</${kind}>\n`
  }
  if (kind !== 'failure' && kind !== 'error') inner += `      <system-out>${text(detail)}</system-out>\n`
  return { kind, xml: open + inner + close }
}

function caseKind(f: Finding, failOn: readonly string[]): CaseKind {
  if (f.suppressed || f.verdict === 'skipped')
    return failOn.includes('skipped') && !f.suppressed ? 'failure' : 'skipped'
  if (f.verdict === 'pass') return 'pass'
  if (f.verdict === 'fail') return 'failure'
  if (!failOn.includes(f.verdict)) return 'pass'
  return f.verdict === 'inconclusive' ? 'error' : 'failure'
}

/**
 * XML 1.0 allows neither C0 controls (but tab and newline) nor lone surrogates, even escaped: they are dropped.
 * Text from AWS and the manifest goes through here.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

function clean(value: string): string {
  return value.replace(NOT_XML, '')
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
}
