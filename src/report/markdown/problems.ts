import { ruleById } from '../../catalogue.js'
import type { Finding, Verdict } from '../../model/finding.js'
import { findingTitle } from '../finding-title.js'
import { catalogueText } from './catalogue-text.js'
import { escapeMarkdown } from './escape.js'
import { anchorTag, evidenceText, subjectText, verdictIcon } from './finding-parts.js'

export type EvidenceDetail = 'full' | 'none'

const MESSAGE_LIMIT = 2000

const HEADINGS: Partial<Record<Verdict, string>> = {
  fail: 'Failed',
  inconclusive: 'Could not check',
  warn: 'Warnings'
}

export interface ProblemBlock {
  verdict: Verdict
  /** "#### ❌ Private DNS is off", blank line after. */
  heading: string
  /** One Markdown list item per finding. */
  items: string[]
  /** "**How to fix:** …" (empty where no fix applies). */
  fix: string
  /** The findings' indexes in the report (their anchors), in item order. */
  indices: number[]
}

/** One problem finding: what and where, the message, and (at full detail) its evidence. */
function item(f: Finding, index: number, evidence: EvidenceDetail, withVpc: boolean): string {
  const ev = evidence === 'full' ? evidenceText(f) : ''
  return (
    `- ${anchorTag(index)}${subjectText(f, withVpc)}: ${escapeMarkdown(f.message, MESSAGE_LIMIT)}` +
    (ev ? `<br><sub>${ev}</sub>` : '')
  )
}

/**
 * The problems, worst first, in blocks: a heading per finding title ("❌ Private DNS is off"), one
 * item per finding, and the rule's fix once under them. Shortening keeps every block's heading and
 * fix and cuts items from the end (the least severe first).
 */
export function problemBlocks(
  problems: readonly { finding: Finding; index: number }[],
  evidence: EvidenceDetail,
  withVpc: boolean
): ProblemBlock[] {
  const blocks: ProblemBlock[] = []
  let i = 0
  while (i < problems.length) {
    const first = problems[i]!.finding
    const title = findingTitle(first)
    const group: { finding: Finding; index: number }[] = []
    while (
      i < problems.length &&
      problems[i]!.finding.verdict === first.verdict &&
      problems[i]!.finding.ruleId === first.ruleId &&
      findingTitle(problems[i]!.finding) === title
    ) {
      group.push(problems[i]!)
      i++
    }
    const rule = ruleById(first.ruleId)
    blocks.push({
      verdict: first.verdict,
      heading: `#### ${verdictIcon(first.verdict)} ${escapeMarkdown(title, 200)} <sub>${escapeMarkdown(first.ruleId, 80)}</sub>\n\n`,
      items: group.map(p => item(p.finding, p.index, evidence, withVpc)),
      fix: rule && showsFix(first.verdict, rule.kind) ? `**How to fix:** ${catalogueText(rule.fix)}\n\n` : '',
      indices: group.map(p => p.index)
    })
  }
  return blocks
}

/** A block with its first `kept` items (all by default) and a line counting the rest. */
export function blockText(b: ProblemBlock, kept = b.items.length): string {
  const items = b.items.slice(0, kept)
  const rest = b.items.length - items.length
  if (rest > 0) items.push(`- … ${rest} more like these: left out for size, all in the JSON report.`)
  return `${b.heading}${items.join('\n')}\n\n${b.fix}`
}

/**
 * A failure or a warning always shows its fix. An inconclusive configuration check names what it could
 * not read (and the IAM action) in its message, where the rule's fix would mislead; an inconclusive
 * evidence check's fix is about the evidence (wait longer, grant LookupEvents) and is shown.
 */
function showsFix(verdict: Verdict, kind: string): boolean {
  if (verdict === 'inconclusive') return kind === 'evidence'
  return verdict !== 'pass' && verdict !== 'skipped'
}

/** The heading above the blocks of one verdict ("### Failed (3)"). */
export function verdictHeading(verdict: Verdict, count: number): string {
  const word = HEADINGS[verdict] ?? escapeMarkdown(String(verdict), 20)
  return `### ${verdictIcon(verdict)} ${word} (${count})\n\n`
}
