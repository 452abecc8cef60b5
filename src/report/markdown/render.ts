import { countByVerdict, type Finding, type Verdict } from '../../model/finding.js'
import type { RunReport } from '../../core/run-report.js'
import { pathsOf } from '../mermaid/path-model.js'
import { vpcFlowchart, MAX_DIAGRAM_NODES } from '../mermaid/flowchart.js'
import { safeUrl, shortCommit, type ReportContext } from './context.js'
import { escapeMarkdown } from './escape.js'
import { countsText, headlineEmoji, headlineText } from './headline.js'
import { matrixTable } from './matrix.js'
import { byImportance, isProblem, rowKey, withDeclaredEndpointIds } from './order.js'
import { passesCountLine, passesSection } from './passes.js'
import {
  blockText,
  problemBlocks,
  verdictHeading,
  type EvidenceDetail,
  type ProblemBlock
} from './problems.js'
import { suppressedSection } from './suppressed.js'

export interface RenderOptions {
  /** Hard limit in UTF-16 code units, as GitHub counts a comment's 65,536 characters. */
  maxLength?: number
  /** Hard limit in UTF-8 bytes, as GitHub counts a job summary's 1 MiB. */
  maxBytes?: number
  /** Shown in the headline, e.g. the check name when two manifests report separately. */
  title?: string
  /** The run's page; linked from the headline and from a shortened report. */
  detailsUrl?: string
  /** Commit, run and manifest ref for the headline. */
  context?: ReportContext
}

/** What a rendering keeps; shortening walks down this list until the text fits. */
interface Level {
  passes: boolean
  evidence: EvidenceDetail
  diagrams: boolean
  matrix: boolean
}

const LEVELS: readonly Level[] = [
  { passes: true, evidence: 'full', diagrams: true, matrix: true },
  { passes: false, evidence: 'full', diagrams: true, matrix: true },
  { passes: false, evidence: 'none', diagrams: true, matrix: true },
  { passes: false, evidence: 'none', diagrams: false, matrix: true },
  { passes: false, evidence: 'none', diagrams: false, matrix: false }
]

/** Room kept for the shortening notice, so adding it never breaks the limit. */
const NOTICE_RESERVE = 800

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

function headBlock(report: RunReport, title: string, opts: RenderOptions): string {
  const ctx = opts.context ?? {}
  const runUrl = safeUrl(ctx.runUrl ?? opts.detailsUrl)
  const commit = shortCommit(ctx.commit)
  const vpcs = new Set(report.findings.map(f => f.vpcId)).size
  const endpoints = new Set(report.findings.filter(f => f.service).map(rowKey)).size
  const ref =
    ctx.manifestRef === 'base'
      ? ' (base branch)'
      : ctx.manifestRef === 'head'
        ? " (the pull request's own)"
        : ''
  const meta = [
    ...(commit ? [`commit <code>${commit}</code>`] : []),
    ...(runUrl ? [`[workflow run](${runUrl})`] : []),
    `manifest <code>${escapeMarkdown(report.manifestFile, 200)}</code>${ref}`,
    `${plural(endpoints, 'endpoint')} in ${plural(vpcs, 'VPC')}`,
    `fail-on: ${escapeMarkdown(report.failOn.join(', '), 80) || 'nothing'}`,
    `${escapeMarkdown(report.tool.name, 40)} ${escapeMarkdown(report.tool.version, 40)}`
  ].join(' · ')
  // Undecided: "❌ vpce-proof: could not check at 1a2b3c4: <cause>", as a run that stopped early says it.
  const heading = report.undecided
    ? `❌ ${escapeMarkdown(title, 100)}: could not check${commit ? ` at <code>${commit}</code>` : ''}: ${escapeMarkdown(report.undecided, 1000)}`
    : `${headlineEmoji(report)} ${escapeMarkdown(headlineText(report, title), 300)}`
  let text = `## ${heading}\n\n<sub>${meta}</sub>\n\n`
  if (report.undecided) {
    const counts = report.findings.length > 0 ? ` (${countsText(report.counts)})` : ''
    text += `Nothing was decided${counts}, so this run fails whatever \`fail-on\` says.\n\n`
  }
  return text
}

/** The report's notes (runner outside the VPC, where the policy came from), under the matrix. */
function notesBlock(report: RunReport): string {
  if (report.notes.length === 0) return ''
  return report.notes.map(n => `> ${escapeMarkdown(n, 1000)}`).join('\n>\n') + '\n\n'
}

function diagramsBlock(report: RunReport): string {
  const parts: string[] = []
  for (const vpc of pathsOf(report.findings)) {
    const chart = vpcFlowchart(vpc)
    const name = `${escapeMarkdown(vpc.vpcId, 60)} (${escapeMarkdown(vpc.region, 30)})`
    if (chart)
      parts.push(
        `<details><summary>Paths in ${name}</summary>\n\n\`\`\`mermaid\n${chart}\n\`\`\`\n\n</details>\n`
      )
    else if (vpc.endpoints.length > 0)
      parts.push(
        `<sub>Paths in ${name}: not drawn (over ${MAX_DIAGRAM_NODES} nodes); the matrix above shows each endpoint.</sub>\n`
      )
  }
  return parts.length > 0 ? `${parts.join('\n')}\n` : ''
}

interface Rendered {
  text: string
  /** Problems left out for size, by verdict. */
  droppedProblems: Record<string, number>
}

function measure(text: string, opts: RenderOptions): boolean {
  if (opts.maxLength !== undefined && text.length > opts.maxLength) return false
  if (opts.maxBytes !== undefined && Buffer.byteLength(text, 'utf8') > opts.maxBytes) return false
  return true
}

/**
 * The report as GitHub-flavoured Markdown, for the job summary, the PR comment and the check run:
 * the headline (verdict, counts, commit, run, manifest), a matrix (one row per declared endpoint, one
 * column per check family, each cell linking to its finding), the problems worst first with message,
 * evidence and fix, a Mermaid picture of each VPC's paths, and the passes folded. With a limit, parts
 * are left out in this order until it fits (and the text says what is missing and where the full
 * report is): the passes, the evidence details, the diagrams, the matrix; a failure's message and fix
 * go last of all, least severe first, only when the failures alone are over the limit.
 */
export function renderReportMarkdown(given: RunReport, opts: RenderOptions = {}): string {
  const report: RunReport = { ...given, findings: withDeclaredEndpointIds(given.findings) }
  const title = opts.title ?? 'vpce-proof'
  const indexOf = new Map(report.findings.map((f, i) => [f, i]))
  const sorted = [...report.findings].sort(byImportance)
  const problems = sorted
    .filter(f => isProblem(f) && !f.suppressed)
    .map(f => ({ finding: f, index: indexOf.get(f) as number }))
  // Manifest order for the folded passes: a reviewer looks an endpoint up there.
  const others = report.findings.filter(f => !isProblem(f) && !f.suppressed)
  const manyVpcs = new Set(report.findings.map(f => f.vpcId)).size > 1
  const head = headBlock(report, title, opts)
  const cache = new Map<string, string | ProblemBlock[]>()
  const once = <T extends string | ProblemBlock[]>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make())
    return cache.get(key) as T
  }
  const limited = opts.maxLength !== undefined || opts.maxBytes !== undefined

  for (const [n, level] of LEVELS.entries()) {
    const blocks = once(`problems-${level.evidence}`, () => problemBlocks(problems, level.evidence, manyVpcs))
    const rendered = compose(report, head, level, blocks, others, indexOf, once)
    const shortened = n > 0
    const text = shortened
      ? rendered.text + notice(level, others.length, rendered.droppedProblems, opts)
      : rendered.text
    if (!limited || measure(text, opts)) return text
  }
  // Even without passes, evidence, diagrams and matrix the problems are over the limit: keep every
  // block's heading and fix, and as many items as fit, worst first.
  const last = LEVELS[LEVELS.length - 1] as Level
  const blocks = once(`problems-${last.evidence}`, () => problemBlocks(problems, last.evidence, manyVpcs))
  const reserve: RenderOptions = {
    ...(opts.maxLength !== undefined ? { maxLength: opts.maxLength - NOTICE_RESERVE } : {}),
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes - NOTICE_RESERVE * 3 } : {})
  }
  const total = blocks.reduce((n, b) => n + b.items.length, 0)
  const attempt = (keep: number) => compose(report, head, last, blocks, others, indexOf, once, keep)
  // Halving: a few renders even for thousands of findings.
  let low = 0
  let high = total
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (measure(attempt(mid).text, reserve)) low = mid
    else high = mid - 1
  }
  const rendered = attempt(low)
  const text = rendered.text + notice(last, others.length, rendered.droppedProblems, opts)
  if (measure(text, opts)) return text
  const bare = notice(last, others.length, rendered.droppedProblems, opts).trim()
  return bare.slice(0, opts.maxLength ?? bare.length)
}

function compose(
  report: RunReport,
  head: string,
  level: Level,
  blocks: ProblemBlock[],
  others: readonly Finding[],
  indexOf: Map<Finding, number>,
  once: <T extends string>(key: string, make: () => T) => T,
  /** How many problem items to keep, across blocks in order (all by default). */
  keep = Number.POSITIVE_INFINITY
): Rendered {
  const kept: number[] = []
  let budget = keep
  for (const b of blocks) {
    const n = Math.min(b.items.length, budget)
    kept.push(n)
    budget -= n
  }
  let text = head
  if (level.matrix && report.findings.length > 0) {
    // Anchors exist for the problems rendered; a left-out one's cell is an icon without a link.
    const listed = new Set(blocks.flatMap((b, i) => b.indices.slice(0, kept[i])))
    text += matrixTable(report.findings, indexOf, { passesListed: level.passes, problemsListed: listed })
  }
  text += once('notes', () => notesBlock(report))
  const droppedProblems: Record<string, number> = {}
  let verdict: Verdict | undefined
  for (const [i, b] of blocks.entries()) {
    if (b.verdict !== verdict) {
      verdict = b.verdict
      const count = blocks.filter(x => x.verdict === verdict).reduce((s, x) => s + x.items.length, 0)
      text += verdictHeading(verdict, count)
    }
    text += blockText(b, kept[i])
    const dropped = b.items.length - (kept[i] ?? 0)
    if (dropped > 0) droppedProblems[b.verdict] = (droppedProblems[b.verdict] ?? 0) + dropped
  }
  if (level.diagrams) text += once('diagrams', () => diagramsBlock(report))
  text += level.passes
    ? once('passes', () => passesSection(others))
    : once('passes-count', () => passesCountLine(others))
  // Suppressed findings fail nothing: folded with the passes, and only counted when the passes are left out.
  text += level.passes
    ? once('suppressed', () => suppressedSection(report.findings) ?? '')
    : once('suppressed-count', () => suppressedCountLine(report.findings))
  return { text, droppedProblems }
}

function notice(level: Level, others: number, dropped: Record<string, number>, opts: RenderOptions): string {
  const left: string[] = []
  const droppedCount = Object.values(dropped).reduce((a, b) => a + b, 0)
  if (droppedCount > 0) {
    const counts = { ...countByVerdict([]), ...dropped } as Record<Verdict, number>
    left.push(`${countsText(counts)} ${droppedCount === 1 ? 'finding' : 'findings'} at the end of the list`)
  }
  if (!level.passes && others > 0) left.push(`the list of ${plural(others, 'passed or skipped check')}`)
  if (level.evidence === 'none') left.push('the evidence ids of each finding')
  if (!level.diagrams) left.push('the path diagrams')
  if (!level.matrix) left.push('the matrix')
  const runUrl = safeUrl(opts.context?.runUrl ?? opts.detailsUrl)
  const where = runUrl
    ? `the JSON report of [this workflow run](${runUrl}) (step output \`report-path\`; upload it as an artifact to keep it)`
    : 'the JSON report of this run (step output `report-path`)'
  return `\n> **Shortened to fit GitHub's size limit:** left out ${left.join(', ') || 'nothing'}. Every finding is in ${where}.\n`
}

function suppressedCountLine(findings: readonly Finding[]): string {
  const n = findings.filter(f => f.suppressed).length
  return n === 0
    ? ''
    : `${plural(n, 'suppressed finding')} (accepted in the manifest's ignore entries) left out.\n\n`
}
