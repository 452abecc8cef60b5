import type { SourceLocation } from './location.js'
import { VERDICTS, type Verdict } from './verdict.js'

export { VERDICTS, type Verdict } from './verdict.js'

export interface Finding {
  /** Stable rule id from the catalogue (src/catalogue.ts). */
  ruleId: string
  verdict: Verdict
  /** What a person reads: what was found and what to do. */
  message: string
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
}

export function countByVerdict(findings: readonly Finding[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map(v => [v, 0])) as Record<Verdict, number>
  for (const f of findings) counts[f.verdict] += 1
  return counts
}
