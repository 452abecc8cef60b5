import { allRules, ruleById } from '../../catalogue.js'
import type { Finding } from '../../model/finding.js'
import { escapeMarkdown } from './escape.js'
import { anchorName, verdictIcon } from './finding-parts.js'
import { PASSES_ANCHOR } from './passes.js'
import { byImportance, isProblem, rowKey } from './order.js'

/** The matrix column of a rule: its family, else its own id (a rule added without one still shows). */
export function familyOf(ruleId: string): string {
  return ruleById(ruleId)?.family ?? ruleId
}

const catalogueFamilies = [...new Set(allRules.map(r => r.family ?? r.id))]

/** The columns this report needs, in catalogue order; families nobody reported are left out. */
export function matrixColumns(findings: readonly Finding[]): string[] {
  const present = new Set(findings.map(f => familyOf(f.ruleId)))
  const known = catalogueFamilies.filter(f => present.has(f))
  const unknown = [...present].filter(f => !catalogueFamilies.includes(f)).sort()
  return [...known, ...unknown]
}

function rowLabel(f: Finding): string {
  if (!f.service) return `VPC ${escapeMarkdown(f.vpcId, 60)} (${escapeMarkdown(f.region, 30)})`
  const id = f.endpointId ? ` ${escapeMarkdown(f.endpointId, 60)}` : ''
  return `**${escapeMarkdown(f.service, 80)}**${id}`
}

/**
 * One row per VPC and per declared endpoint, one column per check family; a cell is the worst verdict
 * of its findings, linking to the first of them (a pass links to the folded passes, when listed).
 */
export function matrixTable(
  findings: readonly Finding[],
  indexOf: Map<Finding, number>,
  opts: { passesListed: boolean; problemsListed: Set<number> }
): string {
  if (findings.length === 0) return ''
  const columns = matrixColumns(findings)
  const rows = new Map<string, Finding[]>()
  for (const f of findings) {
    const key = rowKey(f)
    const row = rows.get(key)
    if (row) row.push(f)
    else rows.set(key, [f])
  }
  const head = `| Endpoint | ${columns.map(c => escapeMarkdown(c, 40)).join(' | ')} |\n|---|${columns.map(() => ':-:').join('|')}|\n`
  const body = [...rows.values()].map(row => {
    const cells = columns.map(column => {
      const inCell = row.filter(f => familyOf(f.ruleId) === column).sort(byImportance)
      const worst = inCell[0]
      if (!worst) return '—'
      const icon = verdictIcon(worst.verdict)
      const index = indexOf.get(worst) as number
      if (isProblem(worst)) return opts.problemsListed.has(index) ? `[${icon}](#${anchorName(index)})` : icon
      return opts.passesListed ? `[${icon}](#${PASSES_ANCHOR})` : icon
    })
    return `| ${rowLabel(row[0]!)} | ${cells.join(' | ')} |`
  })
  return `${head}${body.join('\n')}\n\n`
}
