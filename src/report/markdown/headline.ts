import type { Verdict } from '../../model/finding.js'
import type { RunReport } from '../../core/run-report.js'

export const VERDICT_EMOJI: Record<Verdict, string> = {
  fail: '❌',
  inconclusive: '❔',
  warn: '⚠️',
  skipped: '⏭️',
  pass: '✅'
}

/** Worst first: the order of table rows and of the headline's counts. */
export const VERDICT_ORDER: readonly Verdict[] = ['fail', 'inconclusive', 'warn', 'skipped', 'pass']

const COUNT_WORDS: Record<Verdict, string> = {
  fail: 'failed',
  inconclusive: 'inconclusive',
  warn: 'warning',
  skipped: 'skipped',
  pass: 'passed'
}

/** e.g. "2 failed, 1 inconclusive, 9 passed" (zero counts left out). */
export function countsText(counts: Record<Verdict, number>): string {
  return VERDICT_ORDER.filter(v => counts[v] > 0)
    .map(v => `${counts[v]} ${v === 'warn' && counts[v] > 1 ? 'warnings' : COUNT_WORDS[v]}`)
    .join(', ')
}

/** The emoji for the whole run: failed, passed with something left undecided, or clean. */
export function headlineEmoji(report: RunReport): string {
  if (report.result === 'fail') return VERDICT_EMOJI.fail
  if (report.findings.length === 0) return '⚪'
  if (report.counts.inconclusive > 0 || report.counts.warn > 0) return VERDICT_EMOJI.warn
  return VERDICT_EMOJI.pass
}

/**
 * Plain text (no Markdown), e.g. "vpce-proof: all 12 checks passed" or "vpce-proof: 2 failed,
 * 1 inconclusive, 9 passed". Also the check run's title.
 */
export function headlineText(report: RunReport, title = 'vpce-proof'): string {
  const total = report.findings.length
  if (report.undecided)
    return `${title}: could not check${total > 0 ? ` (${countsText(report.counts)})` : ''}`
  if (total === 0) return `${title}: no checks ran`
  const { pass, skipped } = report.counts
  if (pass + skipped === total && pass > 0) {
    const skippedText = skipped > 0 ? ` (${skipped} skipped)` : ''
    return `${title}: all ${pass} ${pass === 1 ? 'check' : 'checks'} passed${skippedText}`
  }
  // Suppressed findings are in no count; the headline still says they are there.
  const suppressed = report.suppressed ? `, ${report.suppressed} suppressed` : ''
  return `${title}: ${countsText(report.counts)}${suppressed}`
}
