import { allRules } from '../../catalogue.js'
import type { Finding, Verdict } from '../../model/finding.js'
import { VERDICT_ORDER } from './headline.js'

/** Verdicts that need a reader's attention: listed one by one, worst first. The rest are folded. */
export const PROBLEM_VERDICTS: readonly Verdict[] = ['fail', 'inconclusive', 'warn']

export function isProblem(f: Finding): boolean {
  return PROBLEM_VERDICTS.includes(f.verdict)
}

/** A verdict no table knows (a newer report) sorts after the known ones, never first. */
export function verdictRank(v: Verdict): number {
  const i = VERDICT_ORDER.indexOf(v)
  return i < 0 ? VERDICT_ORDER.length : i
}

const catalogueOrder = new Map(allRules.map((r, i) => [r.id, i]))

function ruleRank(id: string): number {
  return catalogueOrder.get(id) ?? allRules.length
}

/** Worst verdict first, then catalogue order (so one rule's findings sit together), then manifest order. */
export function byImportance(a: Finding, b: Finding): number {
  return (
    verdictRank(a.verdict) - verdictRank(b.verdict) ||
    ruleRank(a.ruleId) - ruleRank(b.ruleId) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.vpcId.localeCompare(b.vpcId) ||
    a.location.line - b.location.line
  )
}

/** The worst of some verdicts (undefined for none). */
export function worstVerdict(verdicts: Iterable<Verdict>): Verdict | undefined {
  let worst: Verdict | undefined
  for (const v of verdicts) if (worst === undefined || verdictRank(v) < verdictRank(worst)) worst = v
  return worst
}

/**
 * Where a finding sits in the matrix: its declared endpoint (service and endpoint id: s3 may be
 * declared twice, Gateway and Interface), or its VPC.
 */
export function rowKey(f: Finding): string {
  return f.service ? `${f.vpcId}\u0000${f.service}\u0000${f.endpointId ?? ''}` : `${f.vpcId}\u0000vpc`
}

/**
 * A finding about a declared endpoint that does not carry the endpoint's id (the internet test's probe
 * verdicts, the metrics of an endpoint the metrics step did not look up) gets the id its siblings from
 * the same declaration (VPC, service, manifest line) carry, when they agree on one: otherwise it would
 * sit in a matrix row of its own and be drawn as "endpoint (not found)". For rendering only; the report
 * itself is not changed.
 */
export function withDeclaredEndpointIds(findings: readonly Finding[]): Finding[] {
  const declaration = (f: Finding) =>
    `${f.vpcId}\u0000${f.service ?? ''}\u0000${f.location.file}\u0000${f.location.line}`
  const ids = new Map<string, Set<string>>()
  for (const f of findings) {
    if (!f.service || !f.endpointId) continue
    const key = declaration(f)
    const known = ids.get(key)
    if (known) known.add(f.endpointId)
    else ids.set(key, new Set([f.endpointId]))
  }
  return findings.map(f => {
    if (!f.service || f.endpointId) return f
    const known = ids.get(declaration(f))
    return known?.size === 1 ? { ...f, endpointId: [...known][0]! } : f
  })
}
