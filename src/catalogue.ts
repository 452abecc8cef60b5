import { configurationRules } from './checks/configuration-rules.js'
import { FACT_ACTIONS, type ConfigurationRule, type FactName } from './checks/rule-declaration.js'
import { evidenceRules } from './evidence/evidence-rules.js'
import type { Rule } from './model/rule.js'
import { policyRules } from './policy/policy-rules.js'
import { reportRules } from './report/report-rules.js'
import { shardRules } from './merge/merge-rules.js'

export type { Rule } from './model/rule.js'

/**
 * The rule catalogue: every finding's `ruleId` is one of these. docs/rules.md and the SARIF rules are
 * generated from it, so each rule is described once. It sits above checks/ and evidence/, which
 * import the ground types in model/ and never each other's catalogue.
 */
export const allRules: readonly Rule[] = [
  ...configurationRules.map(metadataOf),
  ...evidenceRules,
  ...policyRules,
  ...reportRules,
  ...shardRules
]

/** A configuration rule as the catalogue describes it: its words and the permissions its facts need. */
function metadataOf(rule: ConfigurationRule<string, FactName>): Rule {
  const { id, kind, title, checks, why, fix, reads } = rule
  return { id, kind, title, checks, why, fix, permissions: [...new Set(reads.map(r => FACT_ACTIONS[r]))] }
}

export function ruleById(id: string): Rule | undefined {
  return allRules.find(r => r.id === id)
}

/** Whether a finding is about the traffic itself (probes, CloudTrail, DNS) rather than configuration. */
export function isEvidence(ruleId: string): boolean {
  return ruleById(ruleId)?.kind === 'evidence'
}
