import type { RunReport } from '../core/run-report.js'
import { terminalSafe } from '../core/escape-log.js'
import type { Finding, Verdict } from '../model/finding.js'

const MARK: Record<Verdict, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  inconclusive: 'INCONCLUSIVE',
  skipped: 'SKIP'
}

export interface TextOptions {
  /** ANSI colours (the CLI decides: a TTY, NO_COLOR, FORCE_COLOR; see src/cli/color.ts). */
  color?: boolean
  /** List passed and skipped findings too, instead of counting them on one line. */
  verbose?: boolean
}

type Style = 'red' | 'yellow' | 'green' | 'dim' | 'bold'
const SGR: Record<Style, [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  dim: [2, 22],
  bold: [1, 22]
}
const STYLE: Record<Verdict, Style> = {
  fail: 'red',
  inconclusive: 'yellow',
  warn: 'yellow',
  pass: 'green',
  skipped: 'dim'
}

/** What a reader needs first: what failed or could not be decided, then what to look at, then the rest. */
const ORDER: Record<Verdict, number> = { fail: 0, inconclusive: 1, warn: 2, skipped: 4, pass: 5 }
const rank = (f: Finding) => (f.suppressed ? 3 : ORDER[f.verdict])

/**
 * The CLI's human output: failures and inconclusives first, then warnings and suppressed findings (each
 * with its reason), then one line counting the passes (`--verbose` lists them), then the totals. One line
 * per finding in `file:line:col` form, under its VPC. Text from AWS and the manifest is stripped of control
 * characters here, so the only escape sequences in the output are this function's colours.
 */
export function renderText(report: RunReport, options: TextOptions = {}): string {
  const paint = (style: Style, text: string) =>
    options.color ? `\u001b[${SGR[style][0]}m${text}\u001b[${SGR[style][1]}m` : text
  const safe = terminalSafe
  const lines: string[] = []
  for (const note of report.notes) lines.push(`NOTE ${safe(note)}`)

  const shown = report.findings
    .map((f, index) => ({ f, index }))
    .filter(({ f }) => options.verbose || f.suppressed || (f.verdict !== 'pass' && f.verdict !== 'skipped'))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.index - b.index)
  let vpc: string | undefined
  for (const { f } of shown) {
    if (f.vpcId !== vpc) {
      vpc = f.vpcId
      lines.push('', paint('bold', `${safe(f.vpcId)}${f.region ? ` (${safe(f.region)})` : ''}`))
    }
    const mark = f.suppressed ? `SUPPRESSED ${MARK[f.verdict]}` : MARK[f.verdict]
    const styled = paint(f.suppressed ? 'dim' : STYLE[f.verdict], mark.padEnd(12))
    lines.push(
      `  ${safe(where(f))}: ${styled} ${safe(f.ruleId)}${f.service ? ` [${safe(f.service)}]` : ''}: ${safe(f.message)}`
    )
    if (f.suppressed) {
      const s = f.suppressed
      const until = s.expires ? ` until ${s.expires}` : ''
      lines.push(
        `      suppressed${until} by ${safe(`${s.location.file}:${s.location.line}`)}: ${safe(s.reason)}`
      )
    }
    const ids = Object.entries(f.evidence).filter(([k, v]) => v && k !== 'vpc')
    if (ids.length > 0 && f.verdict !== 'pass')
      lines.push(`      evidence: ${safe(ids.map(([k, v]) => `${k}=${v}`).join(' '))}`)
  }

  const c = report.counts
  if (!options.verbose && c.pass + c.skipped > 0) {
    const skipped = c.skipped > 0 ? `, ${c.skipped} skipped` : ''
    lines.push('', paint('dim', `${c.pass} passed${skipped} (--verbose lists them)`))
  }
  const suppressed = report.suppressed ? `, ${report.suppressed} suppressed` : ''
  const verdict = report.undecided ? 'COULD NOT CHECK' : report.result === 'pass' ? 'PASSED' : 'FAILED'
  lines.push(
    '',
    `${paint(report.result === 'pass' && !report.undecided ? 'green' : 'red', verdict)}: ${c.pass} passed, ${c.fail} failed, ${c.warn} warning${c.warn === 1 ? '' : 's'}, ${c.inconclusive} inconclusive, ${c.skipped} skipped${suppressed} (fail-on: ${report.failOn.join(',') || 'none'})`
  )
  return lines.join('\n').replace(/^\n/, '')
}

function where(f: Finding): string {
  return `${f.location.file}:${f.location.line}:${f.location.column}`
}
