import type { EndpointDeclaration, VpcDeclaration } from '../manifest/types.js'
import type { Finding, Verdict } from '../model/finding.js'
import type { PathHop } from '../model/network-path.js'
import type { ReachabilityRuleId } from './reachability-rules.js'

/** A reachability finding on the endpoint's manifest line. Empty evidence values are left out. */
export function reachFinding(
  vpc: VpcDeclaration,
  decl: EndpointDeclaration,
  verdict: Verdict,
  message: string,
  evidence: Record<string, string | undefined> = {},
  extra: { endpointId?: string; networkPath?: PathHop[]; ruleId?: ReachabilityRuleId } = {}
): Finding {
  const clean: Record<string, string> = {}
  for (const [k, v] of Object.entries(evidence)) if (v !== undefined && v !== '') clean[k] = v
  const endpointId = extra.endpointId ?? decl.id
  return {
    ruleId: extra.ruleId ?? 'reachability-path-found',
    verdict,
    message,
    location: decl.location,
    vpcId: vpc.id,
    region: vpc.region,
    service: decl.service,
    ...(endpointId ? { endpointId } : {}),
    evidence: clean,
    ...(extra.networkPath && extra.networkPath.length > 0 ? { networkPath: extra.networkPath } : {})
  }
}
