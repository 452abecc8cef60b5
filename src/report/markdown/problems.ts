import { ruleById } from '../../catalogue.js'
import type { Finding, Verdict } from '../../model/finding.js'
import { findingTitle } from '../finding-title.js'
import { catalogueText } from './catalogue-text.js'
import { escapeMarkdown } from './escape.js'
import { createHash } from 'node:crypto'
import {
  anchorTag,
  evidenceText,
  MESSAGE_LIMIT,
  subjectText,
  verdictIcon,
  type LinkWriter
} from './finding-parts.js'

export type EvidenceDetail = 'full' | 'none'

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
  /** Reference definitions (`[vp1]: https://…`) of the repeated links this block uses first. */
  definitions: string
}

/** One problem finding: what and where, the message, and (at full detail) its evidence. */
function item(
  f: Finding,
  index: number,
  evidence: EvidenceDetail,
  withVpc: boolean,
  link: LinkWriter
): string {
  const ev = evidence === 'full' ? evidenceText(f, link) : ''
  return (
    `- ${anchorTag(index)}${subjectText(f, withVpc)}: ${escapeMarkdown(f.message, MESSAGE_LIMIT)}` +
    (ev ? `<br><sub>${ev}</sub>` : '')
  )
}

/**
 * The problems, worst first, in blocks: a heading per finding title ("❌ Private DNS is off"), one
 * item per finding, and the rule's fix once under them. Shortening keeps every block's heading and
 * fix and cuts items from the end (the least severe first). A console link that several findings cite
 * (two rules judging one CloudTrail event) is written once, as a reference defined under the block that
 * cites it first: it renders the same, without repeating a 150-character URL.
 */
export function problemBlocks(
  problems: readonly { finding: Finding; index: number }[],
  evidence: EvidenceDetail,
  withVpc: boolean
): ProblemBlock[] {
  const blocks: ProblemBlock[] = []
  // Which console links more than one item cites (a first pass that only counts them).
  const cited = new Map<string, number>()
  const count: LinkWriter = (text, url) => {
    cited.set(url, (cited.get(url) ?? 0) + 1)
    return text
  }
  if (evidence === 'full') for (const p of problems) evidenceText(p.finding, count)
  const labels = new Map<string, string>()
  let definitions: string[] = []
  const link: LinkWriter = (text, url) => {
    if ((cited.get(url) ?? 0) < 2) return `[${text}](${url})`
    let label = labels.get(url)
    if (!label) {
      label = linkLabel(url)
      labels.set(url, label)
      definitions.push(`[${label}]: ${url}`)
    }
    return `[${text}][${label}]`
  }
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
    definitions = []
    const items = group.map(p => item(p.finding, p.index, evidence, withVpc, link))
    blocks.push({
      verdict: first.verdict,
      heading: `#### ${verdictIcon(first.verdict)} ${escapeMarkdown(title, 200)} <sub>${escapeMarkdown(first.ruleId, 80)}</sub>\n\n`,
      items,
      fix: rule && showsFix(first.verdict, rule.kind) ? `**How to fix:** ${catalogueText(rule.fix)}\n\n` : '',
      indices: group.map(p => p.index),
      definitions: definitions.length > 0 ? `${definitions.join('\n')}\n\n` : ''
    })
  }
  return blocks
}

/**
 * A reference label made from the URL itself: the first definition of a label wins in a Markdown document,
 * and two reports rendered into one (two `check --format markdown` appended to one job summary) must not
 * send one report's links to the other's URLs. Same URL, same label; another URL, another label.
 */
function linkLabel(url: string): string {
  return `vp-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`
}

/** A block with its first `kept` items (all by default) and a line counting the rest. */
export function blockText(b: ProblemBlock, kept = b.items.length): string {
  const items = b.items.slice(0, kept)
  const rest = b.items.length - items.length
  if (rest > 0) items.push(`- … ${rest} more like these: left out for size, all in the JSON report.`)
  return `${b.heading}${items.join('\n')}\n\n${b.fix}${b.definitions}`
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
