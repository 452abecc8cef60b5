import type { FactProblem } from '../aws/snapshot.js'
import type { EndpointDeclaration, VpcDeclaration } from '../manifest/types.js'
import type { RuleId } from './rule-ids.js'
import type { Finding, Verdict } from '../model/finding.js'

/** What a finding is about: a VPC, or one declared endpoint in it. */
export interface Subject {
  vpc: VpcDeclaration
  endpoint?: EndpointDeclaration
  /** The endpoint actually found in AWS, when there is one. */
  endpointId?: string
}

export function finding(
  ruleId: RuleId,
  verdict: Verdict,
  subject: Subject,
  message: string,
  evidence: Record<string, string> = {}
): Finding {
  const { vpc, endpoint, endpointId } = subject
  return {
    ruleId,
    verdict,
    message,
    location: endpoint?.location ?? vpc.location,
    vpcId: vpc.id,
    region: vpc.region,
    ...(endpoint ? { service: endpoint.service } : {}),
    ...(endpointId ? { endpointId } : {}),
    evidence: { vpc: vpc.id, ...(endpointId ? { endpoint: endpointId } : {}), ...evidence }
  }
}

/** A rule that applies to this subject but was not checked here, with the reason a reviewer reads. */
export function skipped(ruleId: RuleId, subject: Subject, reason: string): Finding {
  return finding(ruleId, 'skipped', subject, reason)
}

/**
 * A check that could not read what it needs says so, naming the IAM action to grant; it is never a pass.
 */
export function inconclusive(ruleId: RuleId, subject: Subject, problem: FactProblem, what: string): Finding {
  const reason =
    problem.kind === 'denied'
      ? `${problem.action} was denied (${problem.code}). Grant ${problem.action} to the role the check runs as.`
      : `${problem.action} failed: ${problem.code}: ${problem.message}`
  return finding(ruleId, 'inconclusive', subject, `Could not check ${what}: ${reason}`, {
    'missing-permission': problem.kind === 'denied' ? problem.action : '',
    error: problem.code
  })
}
