import type { Finding } from '../model/finding.js'
import { finding, type Subject } from './finding-builder.js'
import { uncheckedTables, type GatewayTables } from './gateway-tables.js'
import type { RuleId } from './rule-ids.js'

/**
 * The end of a per-table gateway rule (route state, shadowing): every table it could not look at is
 * `inconclusive`, and a rule that found no endpoint route to judge says `skipped` rather than vanishing.
 */
export function withTableCoverage(
  ruleId: RuleId,
  subject: Subject,
  plan: GatewayTables,
  endpointId: string,
  findings: Finding[]
): Finding[] {
  const unknown = uncheckedTables(plan).map(what =>
    finding(ruleId, 'inconclusive', subject, `Could not check: ${what}, so its routes are unknown.`)
  )
  const all = [...findings, ...unknown]
  if (all.length > 0) return all
  return [
    finding(
      ruleId,
      'skipped',
      subject,
      `Not checked: no checked route table has a route to ${endpointId} (see gateway-route-present).`
    )
  ]
}
