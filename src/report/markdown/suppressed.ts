import type { Finding } from '../../model/finding.js'
import { escapeHtmlText, escapeMarkdown } from './escape.js'
import { VERDICT_EMOJI } from './headline.js'

const REASON_LIMIT = 500
const MESSAGE_LIMIT = 300

/**
 * Suppressed findings, folded: each with the verdict it still has underneath, the `ignore:` entry's reason
 * and end date, and where that entry is. Reasons come from the manifest: escaped like everything else.
 */
export function suppressedSection(findings: readonly Finding[]): string | undefined {
  const suppressed = findings.filter(f => f.suppressed)
  if (suppressed.length === 0) return undefined
  const items = suppressed.map(f => {
    const s = f.suppressed!
    const who = f.service
      ? `${escapeMarkdown(f.service, 100)} in ${escapeMarkdown(f.vpcId, 100)}`
      : escapeMarkdown(f.vpcId, 100)
    const until = s.expires ? ` until ${escapeMarkdown(s.expires, 20)}` : ''
    return (
      `- ${VERDICT_EMOJI[f.verdict] ?? '❔'} <code>${escapeMarkdown(f.ruleId, 100)}</code> (${who}): ${escapeMarkdown(f.message, MESSAGE_LIMIT)}\n` +
      `  Suppressed${until} by ${escapeMarkdown(`${s.location.file}:${s.location.line}`, 300)}: ${escapeMarkdown(s.reason, REASON_LIMIT)}`
    )
  })
  const n = suppressed.length
  return (
    `<details><summary>🔕 ${escapeHtmlText(`${n} suppressed finding${n === 1 ? '' : 's'}`)} (accepted in the manifest's ignore entries; they fail nothing)</summary>\n\n` +
    `${items.join('\n')}\n\n</details>\n\n`
  )
}
