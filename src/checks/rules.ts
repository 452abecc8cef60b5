import { evidenceRules } from '../evidence/evidence-rules.js'
import { configurationRules } from './configuration-rules.js'
import type { Rule } from './rule.js'

export type { Rule } from './rule.js'

/**
 * The rule catalogue: every finding's `ruleId` is one of these. docs/rules.md and the SARIF rules are
 * generated from it, so each rule is described once.
 */
export const allRules: readonly Rule[] = [...configurationRules, ...evidenceRules]

export function ruleById(id: string): Rule | undefined {
  return allRules.find(r => r.id === id)
}
