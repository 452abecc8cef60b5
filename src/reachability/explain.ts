import type { AnalysisExplanation } from './analysis.js'

/**
 * Turns Reachability Analyzer's explanation codes into a sentence a person can act on. The codes and
 * their meaning are the Reachability Analyzer guide's (explanation-codes.html) as far as it could be read,
 * plus ENI_SG_RULES_MISMATCH from the AWS CLI example (ec2-reachability-analyzer-samples.json). A code
 * not listed here is quoted as AWS sent it, with the components it names and the guide's address: an
 * unknown code still fails the finding (the path was not found), it is only explained less well.
 */
export const EXPLANATION_CODES_URL =
  'https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html'

type Explain = (e: AnalysisExplanation) => string

const KNOWN: Record<string, Explain> = {
  ENI_SG_RULES_MISMATCH: e => {
    const ids = e.securityGroups
    const groups = ids.length === 0 ? 'security groups' : `security group${plural(ids)} ${ids.join(', ')}`
    const on = e.networkInterface ?? e.component ?? 'the network interface'
    const allow = ids.length === 1 ? 'allows' : 'allow'
    return e.direction === 'egress'
      ? `the ${groups} of ${on} ${allow} no outbound TCP 443 to the endpoint: add an outbound HTTPS rule (or allow all outbound traffic)`
      : `the ${groups} of ${on} ${allow} no inbound TCP 443 from the source: add an inbound HTTPS rule for the runner's subnet CIDR or security group`
  },
  CANNOT_ROUTE: e =>
    `${e.routeTable ? `route table ${e.routeTable}` : 'a route table on the path'} has no route whose destination matches the endpoint's address: for a Gateway endpoint, associate the endpoint with this table (it adds the prefix-list route); otherwise add the missing route`,
  BAD_STATE: e =>
    `${e.component ?? 'a component on the path'} is not in a functional state${e.state ? ` (${e.state})` : ''}: bring it back to available, or replace it`,
  BAD_STATE_ROUTE: e =>
    `a route${e.routeTable ? ` in ${e.routeTable}` : ''} is not in a functional state (e.g. a blackhole route whose target was deleted): fix or remove it`,
  BAD_STATE_ATTACHMENT: e =>
    `the attachment of ${e.component ?? 'a component'} on the path is not in a functional state: check that it is attached and available`,
  BAD_STATE_VPN: e =>
    `the VPN connection ${e.component ?? ''} on the path is not in a functional state`.replace(/ {2,}/g, ' ')
}

/** One sentence (without the final period) for one explanation. */
export function explainOne(e: AnalysisExplanation): string {
  const known = KNOWN[e.code]
  if (known) return `${known(e)} (${e.code})`
  const named = [
    e.component,
    e.networkInterface,
    ...e.securityGroups,
    e.acl,
    e.routeTable,
    e.subnet,
    e.vpcEndpoint,
    e.prefixList
  ].filter((x): x is string => !!x)
  const where = named.length > 0 ? ` at ${[...new Set(named)].join(', ')}` : ''
  const direction = e.direction ? ` (${e.direction})` : ''
  return `AWS explanation ${e.code}${direction}${where}: see ${EXPLANATION_CODES_URL}`
}

/** All explanations as one text: the first few, each a clause. */
export function explainAll(explanations: readonly AnalysisExplanation[], max = 5): string {
  if (explanations.length === 0) {
    return `AWS gave no explanation code; open the analysis in the Reachability Analyzer console for the blocking component`
  }
  const shown = explanations.slice(0, max).map(explainOne)
  const more = explanations.length > max ? `; and ${explanations.length - max} more explanations` : ''
  return `${shown.join('; ')}${more}`
}

function plural(ids: readonly string[]): string {
  return ids.length > 1 ? 's' : ''
}
