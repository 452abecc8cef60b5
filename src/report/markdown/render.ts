import { countByVerdict, type Finding, type Verdict } from '../../model/finding.js'
import { ruleById } from '../../catalogue.js'
import type { RunReport } from '../../core/run-report.js'
import { consoleLink } from './console-links.js'
import { escapeHtmlText, escapeMarkdown } from './escape.js'
import { suppressedSection } from './suppressed.js'
import { VERDICT_EMOJI, VERDICT_ORDER, countsText, headlineEmoji, headlineText } from './headline.js'

export interface RenderOptions {
  /** Hard limit on the result's length (GitHub: comment 65536, check run summary 65535). */
  maxLength?: number
  /** Shown in the headline, e.g. the check name when two manifests report separately. */
  title?: string
  /** Where the full report is (the run's job summary); linked when the text is truncated. */
  detailsUrl?: string
}

/**
 * A complete unit of Markdown: the text is only ever cut between parts, never inside one. Rendered on
 * demand, so a report far over the limit costs only the parts that fit.
 */
interface Part {
  text: () => string
  kind: 'head' | 'row' | 'details'
}

const CELL_MESSAGE_LIMIT = 300
const EVIDENCE_VALUE_LIMIT = 100
const EVIDENCE_PER_CELL = 6
const DETAIL_MESSAGE_LIMIT = 2000
/** Room kept for the truncation notice, so adding it never breaks the limit. */
const NOTICE_RESERVE = 600

function verdictRank(v: Verdict): number {
  return VERDICT_ORDER.indexOf(v)
}

function byImportance(a: Finding, b: Finding): number {
  return (
    verdictRank(a.verdict) - verdictRank(b.verdict) ||
    a.vpcId.localeCompare(b.vpcId) ||
    a.location.line - b.location.line ||
    a.ruleId.localeCompare(b.ruleId)
  )
}

/**
 * "❌ fail". A report read back from JSON (`mode: publish`, from another workflow's artifact) is
 * data from a pull request, so even the verdict is escaped rather than trusted.
 */
function verdictText(verdict: Verdict): string {
  return `${VERDICT_EMOJI[verdict] ?? '❔'} ${escapeMarkdown(String(verdict), 20)}`
}

function link(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : text
}

function evidenceItems(finding: Finding): string[] {
  return Object.entries(finding.evidence).map(([key, value]) => {
    const shown = escapeMarkdown(value, EVIDENCE_VALUE_LIMIT)
    return `${escapeMarkdown(key, 40)}: ${link(shown, consoleLink(finding.region, key, value))}`
  })
}

function evidenceCell(finding: Finding): string {
  const items = evidenceItems(finding)
  if (items.length === 0) return '—'
  const shown = items.slice(0, EVIDENCE_PER_CELL)
  if (items.length > shown.length) shown.push(`+${items.length - shown.length} more`)
  return shown.join('<br>')
}

function vpcText(finding: Finding): string {
  return `${escapeMarkdown(finding.vpcId, 60)} (${escapeMarkdown(finding.region, 30)})`
}

function tableRow(f: Finding): string {
  const cells = [
    verdictText(f.verdict),
    vpcText(f),
    f.service ? escapeMarkdown(f.service, 80) : '—',
    escapeMarkdown(f.ruleId, 80),
    escapeMarkdown(f.message, CELL_MESSAGE_LIMIT),
    evidenceCell(f)
  ]
  return `| ${cells.join(' | ')} |\n`
}

const TABLE_HEAD = '| Verdict | VPC | Service | Check | Message | Evidence |\n|---|---|---|---|---|---|\n'

/**
 * Catalogue text is ours and uses `code spans` on purpose; everything outside them is escaped like
 * any other text (the fixes contain placeholders such as `<vpce>` that HTML would swallow).
 */
function catalogueText(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((segment, i) => (i % 2 === 1 ? segment : escapeMarkdown(segment, Number.MAX_SAFE_INTEGER)))
    .join('')
}

function detailItem(f: Finding): string {
  const rule = ruleById(f.ruleId)
  const name = rule ? `**${catalogueText(rule.title)}**` : `**${escapeMarkdown(f.ruleId, 80)}**`
  const lines = [
    `- ${VERDICT_EMOJI[f.verdict] ?? '❔'} ${name} (<code>${escapeMarkdown(f.ruleId, 80)}</code>): ` +
      `${escapeMarkdown(String(f.verdict), 20)}, line ${escapeMarkdown(String(f.location.line), 12)}<br>` +
      escapeMarkdown(f.message, DETAIL_MESSAGE_LIMIT)
  ]
  for (const item of evidenceItems(f)) lines.push(`  - ${item}`)
  if (rule && (f.verdict === 'fail' || f.verdict === 'warn'))
    lines.push(`  - How to fix: ${catalogueText(rule.fix)}`)
  return lines.join('\n')
}

function groupKey(f: Finding): string {
  return `${f.vpcId}\u0000${f.service ?? ''}`
}

function detailsBlock(findings: Finding[]): string {
  const first = findings[0] as Finding
  const worst = [...findings].sort(byImportance)[0] as Finding
  const endpointIds = [...new Set(findings.map(f => f.endpointId).filter((id): id is string => !!id))]
  const subject = first.service ? `<b>${escapeHtmlText(first.service, 80)}</b>` : '<b>VPC</b>'
  const ids = endpointIds.map(id => escapeHtmlText(id, 60)).join(', ')
  const summary = [
    `${VERDICT_EMOJI[worst.verdict] ?? '❔'} ${subject}`,
    ...(ids ? [ids] : []),
    `${escapeHtmlText(first.vpcId, 60)} (${escapeHtmlText(first.region, 30)})`
  ].join(' · ')
  const items = [...findings].sort(byImportance).map(detailItem).join('\n')
  return `<details><summary>${summary} — ${countsText(countByVerdict(findings))}</summary>\n\n${items}\n\n</details>\n\n`
}

function detailsParts(findings: readonly Finding[]): Part[] {
  const groups = new Map<string, Finding[]>()
  const ordered = [...findings].sort(
    (a, b) => a.vpcId.localeCompare(b.vpcId) || a.location.line - b.location.line
  )
  // Appended in place: copying the group on every finding made 80,000 findings take minutes.
  for (const f of ordered) {
    const key = groupKey(f)
    const group = groups.get(key)
    if (group) group.push(f)
    else groups.set(key, [f])
  }
  return [...groups.values()].map(g => ({ text: () => detailsBlock(g), kind: 'details' as const }))
}

function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
    return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29')
  } catch {
    return undefined
  }
}

function headParts(report: RunReport, title: string): Part[] {
  const vpcs = new Set(report.findings.map(f => f.vpcId)).size
  const endpoints = new Set(report.findings.filter(f => f.service).map(groupKey)).size
  const meta = [
    `${report.findings.length} ${report.findings.length === 1 ? 'check' : 'checks'}`,
    `${endpoints} ${endpoints === 1 ? 'endpoint' : 'endpoints'} in ${vpcs} ${vpcs === 1 ? 'VPC' : 'VPCs'}`,
    `manifest <code>${escapeMarkdown(report.manifestFile, 200)}</code>`,
    `fail-on: ${escapeMarkdown(report.failOn.join(', '), 80) || 'nothing'}`,
    `${escapeMarkdown(report.tool.name, 40)} ${escapeMarkdown(report.tool.version, 40)}`
  ].join(' · ')
  let text = `## ${headlineEmoji(report)} ${escapeMarkdown(headlineText(report, title), 300)}\n\n<sub>${meta}</sub>\n\n`
  if (report.undecided) {
    text += `**Could not check:** ${escapeMarkdown(report.undecided, 1000)}. Nothing was decided, so this run fails whatever \`fail-on\` says.\n\n`
  }
  if (report.notes.length > 0) {
    text += report.notes.map(n => `> ${escapeMarkdown(n, 1000)}`).join('\n>\n') + '\n\n'
  }
  return [{ text: () => text, kind: 'head' }]
}

function truncationNotice(
  omittedRows: number,
  omittedDetails: number,
  detailsUrl: string | undefined
): string {
  const what = [
    omittedRows > 0 ? `${omittedRows} table ${omittedRows === 1 ? 'row' : 'rows'}` : '',
    omittedDetails > 0 ? `${omittedDetails} endpoint ${omittedDetails === 1 ? 'section' : 'sections'}` : ''
  ]
    .filter(Boolean)
    .join(' and ')
  const where = detailsUrl
    ? `the [job summary of this run](${detailsUrl})`
    : 'the job summary of this workflow run and its JSON report'
  return `\n> **Truncated:** ${what || 'the rest'} did not fit here (GitHub's size limit). The full report is in ${where}.\n`
}

/**
 * The report as GitHub-flavoured Markdown: headline verdict, notes, one table row per finding (worst
 * first), then the findings folded per endpoint with evidence and console links. Used for the job
 * summary, the PR comment and the check run summary. With `maxLength`, whole rows and sections are
 * dropped from the end (never cut inside one) and a pointer to the full report is added.
 */
export function renderReportMarkdown(report: RunReport, opts: RenderOptions = {}): string {
  const title = opts.title ?? 'vpce-proof'
  const detailsUrl = safeUrl(opts.detailsUrl)
  const parts: Part[] = [...headParts(report, title)]
  const counted = report.findings.filter(f => !f.suppressed)
  if (counted.length > 0) {
    parts.push({ text: () => TABLE_HEAD, kind: 'head' })
    for (const f of [...counted].sort(byImportance)) parts.push({ text: () => tableRow(f), kind: 'row' })
    parts.push({ text: () => '\n### Details by endpoint\n\n', kind: 'head' })
    parts.push(...detailsParts(counted))
  }
  const suppressed = suppressedSection(report.findings)
  if (suppressed) parts.push({ text: () => suppressed, kind: 'details' })

  const max = opts.maxLength ?? Number.POSITIVE_INFINITY
  let out = ''
  // Where the text is cut if it turns out not to fit: the last whole part before the notice's reserve.
  let cut: { index: number; text: string } | undefined
  for (let i = 0; i < parts.length; i++) {
    const text = (parts[i] as Part).text()
    if (!cut && out.length + text.length + NOTICE_RESERVE > max) cut = { index: i, text: out }
    out += text
    if (out.length > max) return truncated(cut ?? { index: i, text: '' }, parts, max, detailsUrl)
  }
  return out
}

function truncated(
  cut: { index: number; text: string },
  parts: readonly Part[],
  max: number,
  detailsUrl: string | undefined
): string {
  const rest = parts.slice(cut.index)
  const notice = truncationNotice(
    rest.filter(p => p.kind === 'row').length,
    rest.filter(p => p.kind === 'details').length,
    detailsUrl
  )
  // A table must be closed by a blank line, or the notice would render as one more row.
  const closing = cut.text.endsWith('\n\n') ? '' : '\n'
  const result = cut.text + closing + notice
  return result.length <= max ? result : notice.trim().slice(0, max)
}
