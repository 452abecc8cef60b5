import type { Finding, Verdict } from '../../model/finding.js'
import { countByVerdict } from '../../model/finding.js'
import { findingTitle } from '../finding-title.js'
import { escapeHtmlText, escapeMarkdown } from './escape.js'
import { countsText } from './headline.js'
import { verdictIcon } from './finding-parts.js'
import { rowKey, verdictRank } from './order.js'

export const PASSES_ANCHOR = 'vp-passes'

const SKIP_REASON_LIMIT = 300

/**
 * Everything that needs no action (passes, skips, and whatever verdict a later version folds), in one
 * `<details>`: a line per endpoint with what was found, passes first under one icon, then each other
 * verdict under its own. Skips keep their reason, so a reviewer sees why a line they expect says nothing.
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
    // One icon per verdict: "✅ VPC exists · VPC DNS support is on · ⏭️ Runner subnet … (reason)".
    const byVerdict = new Map<string, string[]>()
    for (const f of [...row].sort((a, b) => rank(a.verdict) - rank(b.verdict))) {
      const item =
        f.verdict === 'pass'
          ? escapeMarkdown(findingTitle(f), 200)
          : `${escapeMarkdown(unsaid(findingTitle(f), f.message), 200)} (${escapeMarkdown(f.message, SKIP_REASON_LIMIT)})`
      const group = byVerdict.get(f.verdict)
      if (group) group.push(item)
      else byVerdict.set(f.verdict, [item])
    }
    const groups = [...byVerdict].map(
      ([verdict, items]) => `${verdictIcon(verdict as Verdict)} ${items.join(' · ')}`
    )
    return `- ${subject}: ${groups.join(' · ')}`
  })
  const summary = escapeHtmlText(countsText(countByVerdict(findings)), 200)
  return `<a name="${PASSES_ANCHOR}"></a>\n<details><summary>${summary}</summary>\n\n${lines.join('\n')}\n\n</details>\n\n`
}

/** Passes first (most of any line), then the rest worst first; stable, so manifest order holds within. */
function rank(v: Verdict): number {
  return v === 'pass' ? -1 : verdictRank(v)
}

/**
 * A skip's title without the words its reason starts with: "Not checked: DNS answer (Not checked for
 * Gateway endpoints: …)" reads "DNS answer (Not checked for Gateway endpoints: …)".
 */
function unsaid(title: string, reason: string): string {
  const prefix = /^([^:]{1,40}): (?=\S)/.exec(title)
  return prefix && reason.startsWith(prefix[1]!) ? title.slice(prefix[0].length) : title
}

/** What is left of the passes when they do not fit: one line of counts. */
export function passesCountLine(findings: readonly Finding[]): string {
  if (findings.length === 0) return ''
  return `${escapeMarkdown(countsText(countByVerdict(findings)), 200)} (listed in the JSON report).\n\n`
}
