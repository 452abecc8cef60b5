import type { SourceLocation } from '../manifest/types.js'

/**
 * `warn` is for things worth a look that are not a broken promise (an undeclared endpoint: drift).
 * `fail-on` decides which of these fail the step.
 */
export const VERDICTS = ['pass', 'fail', 'warn', 'inconclusive', 'skipped'] as const
export type Verdict = (typeof VERDICTS)[number]

export interface Finding {
  /** Stable rule id from the catalogue (src/checks/rules.ts). */
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
}

export function countByVerdict(findings: readonly Finding[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map(v => [v, 0])) as Record<Verdict, number>
  for (const f of findings) counts[f.verdict] += 1
  return counts
}
