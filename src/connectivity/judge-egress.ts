import type { Verdict } from '../model/verdict.js'
import type { Finding } from '../model/finding.js'
import type { VpcDeclaration } from '../manifest/types.js'
import type { ProbeRecord, UnprobedEndpoint } from '../evidence/probe-record.js'
import type { RunnerLocation } from '../runner/location.js'
import { runnerSkipReason } from '../evidence/runner-skip.js'
import { formatMs } from '../core/deadline.js'
import type { EgressRuleId } from './egress-rules.js'
import type { EgressAttempt } from './tcp-reach.js'
import type { EgressTarget } from './egress-target.js'

/** What the judge of one VPC knows: all of it measured at the edge (check-egress.ts). */
export interface EgressFacts {
  vpc: VpcDeclaration
  location: RunnerLocation | undefined
  target: EgressTarget
  /** Undefined when no attempt was made (not declared `none`, or the runner cannot speak for the VPC). */
  attempt?: EgressAttempt
  /** This VPC's probes and unprobed endpoints, from the ledger. */
  probes: readonly ProbeRecord[]
  unprobed: readonly UnprobedEndpoint[]
}

/** Whether the runner must try the internet for this VPC: declared `none`, and the runner is in it. */
export function needsAttempt(vpc: VpcDeclaration, location: RunnerLocation | undefined): boolean {
  return (
    vpc.egress === 'none' &&
    location?.kind === 'vpc' &&
    location.vpcId === vpc.id &&
    !runnerSkipReason(location, vpc)
  )
}

function vpcFinding(
  vpc: VpcDeclaration,
  ruleId: EgressRuleId,
  verdict: Verdict,
  message: string,
  evidence: Record<string, string | number | undefined>
): Finding {
  const clean: Record<string, string> = {}
  for (const [k, v] of Object.entries(evidence)) if (v !== undefined && v !== '') clean[k] = String(v)
  return {
    ruleId,
    verdict,
    message,
    location: vpc.fieldLocations?.egress ?? vpc.location,
    vpcId: vpc.id,
    region: vpc.region,
    evidence: clean
  }
}

/** Pure: the VPC's `egress-blocked` finding and one `api-reached-without-internet` per declared endpoint. */
export function judgeEgress(facts: EgressFacts): Finding[] {
  const egress = judgeBlocked(facts)
  return [egress, ...judgeApiReached(facts, egress)]
}

function judgeBlocked(facts: EgressFacts): Finding {
  const { vpc, location, target, attempt } = facts
  const subnet = location?.kind === 'vpc' ? location.subnetId : undefined
  const where = subnet ? `this runner\u2019s subnet ${subnet}` : `this runner\u2019s subnet in ${vpc.id}`
  const base = { target: target.label, ...(subnet ? { subnetId: subnet } : {}) }
  const skip = runnerSkipReason(location, vpc)
  if (skip) return vpcFinding(vpc, 'egress-blocked', 'skipped', skip, { reason: 'runner-location' })
  if (vpc.egress !== 'none') {
    const why =
      vpc.egress === 'allowed'
        ? 'Not checked: the manifest declares egress: allowed for this VPC.'
        : 'Not checked: the manifest declares no egress for this VPC (egress: none turns the internet test on).'
    return vpcFinding(vpc, 'egress-blocked', 'skipped', why, { reason: 'not-declared' })
  }
  if (!location || location.kind === 'unknown') {
    return vpcFinding(
      vpc,
      'egress-blocked',
      'inconclusive',
      `Where this runner is could not be measured (${location?.detail ?? 'not measured'}), so an internet test would not say which subnet it speaks for. Run on EC2 with instance metadata reachable, or set runner-vpc to ${vpc.id}.`,
      { ...base, reason: 'runner-location-unknown' }
    )
  }
  if (!attempt) {
    return vpcFinding(vpc, 'egress-blocked', 'inconclusive', 'The internet test did not run.', base)
  }
  switch (attempt.outcome) {
    case 'connected':
      return vpcFinding(
        vpc,
        'egress-blocked',
        'fail',
        `${cap(where)} reaches the internet: a TCP connection to ${target.label}${attempt.address ? ` (${attempt.address})` : ''} opened in ${formatMs(attempt.ms)}, although the manifest declares egress: none. A working API call from here proves nothing about the endpoints.`,
        {
          ...base,
          outcome: 'connected',
          ...(attempt.address ? { address: attempt.address } : {}),
          ms: attempt.ms
        }
      )
    case 'blocked':
      return vpcFinding(
        vpc,
        'egress-blocked',
        'pass',
        attempt.code === 'timeout'
          ? `${cap(where)} does not reach the internet: no answer from ${target.label} within ${formatMs(attempt.ms)}.`
          : `${cap(where)} does not reach the internet: connecting to ${target.label} failed with ${attempt.code} (no route).`,
        { ...base, outcome: attempt.code, ms: attempt.ms }
      )
    case 'undecided':
      return vpcFinding(
        vpc,
        'egress-blocked',
        'inconclusive',
        `Could not tell whether ${where} reaches the internet: connecting to ${target.label} ended with ${attempt.code} (${attempt.why}).`,
        { ...base, outcome: attempt.code, ms: attempt.ms }
      )
  }
}

function judgeApiReached(facts: EgressFacts, egress: Finding): Finding[] {
  const { vpc } = facts
  // Not declared, or not this runner's VPC: the one skipped VPC row says why; no row per endpoint.
  if (egress.verdict === 'skipped') return []
  return vpc.endpoints.map(decl => {
    const at = (
      verdict: Verdict,
      message: string,
      evidence: Record<string, string | number | undefined>
    ) => ({
      ...vpcFinding(vpc, 'api-reached-without-internet', verdict, message, evidence),
      location: decl.location,
      service: decl.service,
      ...(decl.id ? { endpointId: decl.id } : {})
    })
    const probe = facts.probes.find(p => sameDecl(p.link, decl, vpc))
    if (!probe) {
      const unprobed = facts.unprobed.find(u => sameDecl(u.link, decl, vpc))
      return at(
        'skipped',
        `No probe was sent through this endpoint (${unprobed?.reason ?? 'none in the ledger'}), so the internet test has no call to speak for.`,
        { reason: 'no-probe' }
      )
    }
    const call = `${probe.service}:${probe.operation}`
    if (egress.verdict !== 'pass') {
      return at(
        'inconclusive',
        egress.verdict === 'fail'
          ? `The probe ${call} proves nothing here: the runner\u2019s subnet reaches the internet, so the call may have gone either way.`
          : `The probe ${call} cannot be judged this way: whether the internet is reachable is unknown (see egress-blocked).`,
        { probe: call, egress: egress.verdict }
      )
    }
    if (probe.networkError || probe.httpStatus === undefined) {
      return at(
        'fail',
        `Neither the internet nor the service answered: the probe ${call} to ${probe.host} got no answer (${probe.networkError?.code ?? 'no HTTP status'}). Without internet the endpoint is the only way, and it did not carry the call.`,
        { probe: call, networkError: probe.networkError?.code, egress: 'blocked' }
      )
    }
    return at(
      'pass',
      `The API answered while the internet did not: ${call} to ${probe.host} got HTTP ${probe.httpStatus}${probe.errorCode ? ` ${probe.errorCode}` : ''} (request id ${probe.requestId ?? 'none'}), and ${egress.evidence.target ?? 'the public target'} did not. The call can only have used a private path: the endpoint (or another private route to AWS you run, such as a proxy or transit gateway).`,
      { probe: call, httpStatus: probe.httpStatus, requestId: probe.requestId, egress: 'blocked' }
    )
  })
}

function sameDecl(
  link: {
    vpcId: string
    region: string
    service: string
    type: string
    location: { line: number; column: number }
  },
  decl: { service: string; type: string; location: { line: number; column: number } },
  vpc: VpcDeclaration
): boolean {
  return (
    link.vpcId === vpc.id &&
    link.region === vpc.region &&
    link.service === decl.service &&
    link.type === decl.type &&
    link.location.line === decl.location.line &&
    link.location.column === decl.location.column
  )
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
