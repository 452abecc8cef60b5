import type { Finding } from '../../model/finding.js'
import { countByVerdict } from '../../model/finding.js'
import { findingTitle } from '../finding-title.js'
import { escapeHtmlText, escapeMarkdown } from './escape.js'
import { countsText } from './headline.js'
import { verdictIcon } from './finding-parts.js'
import { rowKey } from './order.js'

export const PASSES_ANCHOR = 'vp-passes'

const SKIP_REASON_LIMIT = 300

/**
 * Everything that needs no action (passes, skips, and whatever verdict a later version folds), in one
 * `<details>`: a line per endpoint with what was found. Skips keep their reason, so a reviewer sees why
 * a line they expect says nothing.
 */
export function passesSection(findings: readonly Finding[]): string {
  if (findings.length === 0) return ''
  const rows = new Map<string, Finding[]>()
  for (const f of findings) {
    const key = rowKey(f)
    const row = rows.get(key)
    if (row) row.push(f)
    else rows.set(key, [f])
  }
  const lines = [...rows.values()].map(row => {
    const first = row[0]!
    const subject = first.service
      ? `**${escapeMarkdown(first.service, 80)}**${first.endpointId ? ` ${escapeMarkdown(first.endpointId, 60)}` : ''}`
      : `**VPC** ${escapeMarkdown(first.vpcId, 60)}`
    const items = row.map(f => {
      const reason = f.verdict === 'pass' ? '' : ` (${escapeMarkdown(f.message, SKIP_REASON_LIMIT)})`
      return `${verdictIcon(f.verdict)} ${escapeMarkdown(findingTitle(f), 200)}${reason}`
    })
    return `- ${subject}: ${items.join(' · ')}`
  })
  const summary = escapeHtmlText(countsText(countByVerdict(findings)), 200)
  return `<a name="${PASSES_ANCHOR}"></a>\n<details><summary>${summary}</summary>\n\n${lines.join('\n')}\n\n</details>\n\n`
}

/** What is left of the passes when they do not fit: one line of counts. */
export function passesCountLine(findings: readonly Finding[]): string {
  if (findings.length === 0) return ''
  return `${escapeMarkdown(countsText(countByVerdict(findings)), 200)} (listed in the JSON report).\n\n`
}
