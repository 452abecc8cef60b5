import { configurationRules } from './checks/configuration-rules.js'
import { FACT_ACTIONS, type ConfigurationRule, type FactName } from './checks/rule-declaration.js'
import { egressRules } from './connectivity/egress-rules.js'
import { evidenceRules } from './evidence/evidence-rules.js'
import { metricsRules } from './metrics/metrics-rules.js'
import type { Rule } from './model/rule.js'
import { policyRules } from './policy/policy-rules.js'
import { reachabilityRules } from './reachability/reachability-rules.js'
import { accessLogRules } from './access-log/rules.js'
import { reportRules } from './report/report-rules.js'
import { shardRules } from './merge/merge-rules.js'
import { suppressionRules } from './suppress/suppression-rules.js'

export type { Rule } from './model/rule.js'

/**
 * The rule catalogue: every finding's `ruleId` is one of these. docs/rules.md and the SARIF rules are
 * generated from it, so each rule is described once. It sits above checks/ and evidence/, which
 * import the ground types in model/ and never each other's catalogue.
 */
export const allRules: readonly Rule[] = [
  ...configurationRules.map(metadataOf),
  ...evidenceRules,
  ...reachabilityRules,
  ...accessLogRules,
  ...egressRules,
  ...metricsRules,
  ...policyRules,
  ...reportRules,
  ...suppressionRules,
  ...shardRules
]

/** A configuration rule as the catalogue describes it: its words and the permissions its facts need. */
function metadataOf(rule: ConfigurationRule<string, FactName>): Rule {
  const { id, kind, title, checks, why, fix, reads, family, found, severity } = rule
  return {
    id,
    kind,
    title,
    checks,
    why,
    fix,
    permissions: [...new Set(reads.map(r => FACT_ACTIONS[r]))],
    ...(family ? { family } : {}),
    ...(found ? { found } : {}),
    ...(severity ? { severity } : {})
  }
}

export function ruleById(id: string): Rule | undefined {
  return allRules.find(r => r.id === id)
}

/** Whether a finding is about the traffic itself (probes, CloudTrail, DNS) rather than configuration. */
export function isEvidence(ruleId: string): boolean {
  return ruleById(ruleId)?.kind === 'evidence'
}
