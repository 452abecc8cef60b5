import type { SourceLocation } from './location.js'
import type { PathHop } from './network-path.js'
import { VERDICTS, type Verdict } from './verdict.js'

export { VERDICTS, type Verdict } from './verdict.js'

export interface Finding {
  /** Stable rule id from the catalogue (src/catalogue.ts). */
  ruleId: string
  verdict: Verdict
  /** What a person reads: what was found and what to do. */
  message: string
  /**
   * What was found, as a title ("Private DNS is off"), where the rule's per-verdict title (Rule.found)
   * would not say it right; reporters fall back to that (see src/report/finding-title.ts).
   */
  title?: string
  location: SourceLocation
  vpcId: string
  region: string
  /** Declared service short name; absent for VPC-level findings. */
  service?: string
  endpointId?: string
  /** AWS ids a person can check by hand: vpce-, rtb-, subnet-, eni-, event and request ids. */
  evidence: Record<string, string>
  /**
   * `planned`: predicted for the VPC as a Terraform plan leaves it (--terraform-plan), not read from the live
   * VPC; its evidence names the Terraform addresses. Absent: about the live VPC.
   */
  phase?: 'planned'
  /** On a live failure: the plan's prediction for the same check and line passes (fixed once applied). */
  fixedByPlan?: true
  /** Reachability Analyzer: the hops of the path it found (or followed until it was blocked), in order. */
  networkPath?: PathHop[]
  /**
   * Set when an `ignore:` entry of the policy manifest accepts this finding as a known exception. The verdict
   * underneath stays as decided; a suppressed finding is shown as such and counts for no verdict (fail-on).
   */
  suppressed?: Suppression
}

/** The `ignore:` entry that suppresses a finding: why, until when, and where it is written. */
export interface Suppression {
  reason: string
  /** `YYYY-MM-DD`: the entry holds through the end of that day (UTC). */
  expires?: string
  location: SourceLocation
}

/** Counts the findings that count: a suppressed finding is in none of these (see countSuppressed). */
export function countByVerdict(findings: readonly Finding[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map(v => [v, 0])) as Record<Verdict, number>
  for (const f of findings) if (!f.suppressed) counts[f.verdict] += 1
  return counts
}

export function countSuppressed(findings: readonly Finding[]): number {
  return findings.filter(f => f.suppressed).length
}
