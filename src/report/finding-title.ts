import { ruleById } from '../catalogue.js'
import type { Finding, Verdict } from '../model/finding.js'

const VERDICT_WORD: Partial<Record<Verdict, string>> = {
  fail: 'Failed',
  inconclusive: 'Could not check',
  warn: 'Check',
  skipped: 'Not checked'
}

/**
 * What a finding states, as a title: the finding's own title, else its rule's title for this verdict
 * ("Private DNS is off"), else the rule's property prefixed with the verdict ("Could not check: VPC
 * exists"), so a failure never reads as the property it broke. A verdict no table knows (a report from
 * a newer version) still reads as itself.
 */
export function findingTitle(f: Finding): string {
  if (f.title) return f.title
  const rule = ruleById(f.ruleId)
  const own = rule?.found?.[f.verdict]
  if (own) return own
  const property = rule?.title ?? f.ruleId
  if (f.verdict === 'pass') return property
  const word = VERDICT_WORD[f.verdict] ?? String(f.verdict)
  return `${word}: ${property}`
}
