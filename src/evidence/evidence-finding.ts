import type { Finding, Verdict } from '../model/finding.js'
import type { EvidenceRuleId } from './evidence-rules.js'
import type { EndpointLink } from './probe-record.js'

/** Builds an evidence finding located on the endpoint's manifest line. Empty evidence values are left out. */
export function evidenceFinding(
  link: EndpointLink,
  ruleId: EvidenceRuleId,
  verdict: Verdict,
  message: string,
  evidence: Record<string, string | number | undefined>,
  endpointId?: string
): Finding {
  return endpointFinding(link, ruleId, verdict, message, evidence, endpointId)
}

/**
 * The same for any rule about one declared endpoint (the opt-in methods keep their ids in their own
 * folders): one place decides how such a finding is located and which evidence values are kept.
 */
export function endpointFinding(
  link: EndpointLink,
  ruleId: string,
  verdict: Verdict,
  message: string,
  evidence: Record<string, string | number | undefined>,
  endpointId?: string
): Finding {
  const clean: Record<string, string> = {}
  for (const [k, v] of Object.entries(evidence)) if (v !== undefined && v !== '') clean[k] = String(v)
  const id = endpointId ?? link.declaredEndpointId
  return {
    ruleId,
    verdict,
    message,
    location: link.location,
    vpcId: link.vpcId,
    region: link.region,
    service: link.service,
    ...(id ? { endpointId: id } : {}),
    evidence: clean
  }
}
