import type { Finding, Verdict } from '../model/finding.js'
import type { RunReport } from '../core/run-report.js'

const MARK: Record<Verdict, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  inconclusive: 'INCONCLUSIVE',
  skipped: 'SKIP'
}

/** The CLI's human output: one line per finding in `file:line:col` form, grouped by VPC, then the totals. */
export function renderText(report: RunReport): string {
  const lines: string[] = []
  for (const note of report.notes) lines.push(`NOTE ${note}`)
  let vpc = ''
  for (const f of report.findings) {
    if (f.vpcId !== vpc) {
      vpc = f.vpcId
      lines.push('', `${f.vpcId} (${f.region})`)
    }
    lines.push(
      `  ${where(f)}: ${MARK[f.verdict].padEnd(12)} ${f.ruleId}${f.service ? ` [${f.service}]` : ''}: ${f.message}`
    )
    const ids = Object.entries(f.evidence).filter(([k, v]) => v && k !== 'vpc')
    if (ids.length > 0 && f.verdict !== 'pass')
      lines.push(`      evidence: ${ids.map(([k, v]) => `${k}=${v}`).join(' ')}`)
  }
  const c = report.counts
  lines.push(
    '',
    `${report.undecided ? 'COULD NOT CHECK' : report.result === 'pass' ? 'PASSED' : 'FAILED'}: ${c.pass} passed, ${c.fail} failed, ${c.warn} warning${c.warn === 1 ? '' : 's'}, ${c.inconclusive} inconclusive, ${c.skipped} skipped (fail-on: ${report.failOn.join(',') || 'none'})`
  )
  return lines.join('\n').replace(/^\n/, '')
}

function where(f: Finding): string {
  return `${f.location.file}:${f.location.line}:${f.location.column}`
}
