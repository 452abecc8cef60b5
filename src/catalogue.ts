import { configurationRules } from './checks/configuration-rules.js'
import { evidenceRules } from './evidence/evidence-rules.js'
import type { Rule } from './model/rule.js'
import { policyRules } from './policy/policy-rules.js'

export type { Rule } from './model/rule.js'

/**
 * The rule catalogue: every finding's `ruleId` is one of these. docs/rules.md and the SARIF rules are
 * generated from it, so each rule is described once. It sits above checks/ and evidence/, which
 * import the ground types in model/ and never each other's catalogue.
 */
export const allRules: readonly Rule[] = [...configurationRules, ...evidenceRules, ...policyRules]

export function ruleById(id: string): Rule | undefined {
  return allRules.find(r => r.id === id)
}
