import type { NatGateway } from '../aws/snapshot.js'
import type { Fact } from '../model/fact.js'
import type { Finding } from '../model/finding.js'
import type { RunnerLocation } from '../runner/location.js'
import { classifyIp } from './ip-class.js'

/**
 * What the runner's location does to the traffic findings of a VPC it was probed from (pure; the location
 * and the NAT gateways are facts read at the edge):
 *
 * 1. A record whose sourceIPAddress is a public IP of one of this VPC's NAT gateways proves "inside this VPC,
 *    out through its NAT": the path and source findings **fail**, whatever else.
 * 2. A runner measured (instance metadata) or declared (`runner-vpc`) to be in this VPC: findings stand as
 *    judged; a record without vpcEndpointId is a fail, never "outside?".
 * 3. Only when neither answers, and every signal says "from outside", the findings are folded into one note
 *    and become `inconclusive` ("Runner outside the VPC?"), never pass.
 *
 * Runners in no VPC, or in another VPC, never get here: their VPCs' evidence is skipped before probing.
 */
export const OUTSIDE_VPC_KEY = 'note'
export const OUTSIDE_VPC_VALUE = 'runner-outside-vpc'

export interface OutsideVpcSummary {
  findings: Finding[]
  notes: string[]
}

export interface RunnerContext {
  location: RunnerLocation
  /** The VPC's NAT gateways as the inventory read them; undefined when not read. */
  natGateways: (vpcId: string, region: string) => Fact<NatGateway[]> | undefined
}

const UNKNOWN_RUNNER: RunnerContext = {
  location: { kind: 'unknown', detail: 'not measured' },
  natGateways: () => undefined
}

function isPublic(ip: string): boolean {
  const c = classifyIp(ip)
  return c === 'public' || c === 'ipv6-global'
}

const TRAFFIC_RULES = new Set(['traffic-via-endpoint', 'source-ip-private'])

function natByIp(fact: Fact<NatGateway[]> | undefined): Map<string, string> {
  const map = new Map<string, string>()
  if (fact?.ok) for (const n of fact.value) for (const ip of n.publicIps) map.set(ip.trim(), n.id)
  return map
}

/** Rule 1: records from this VPC's NAT gateways fail, with the gateway named. */
function natProven(f: Finding, natIps: Map<string, string>): Finding | undefined {
  if (!TRAFFIC_RULES.has(f.ruleId)) return undefined
  const ip = f.evidence.sourceIPAddress?.trim()
  const nat = ip ? natIps.get(ip) : undefined
  if (!ip || !nat) return undefined
  return {
    ...f,
    verdict: 'fail',
    message: `Left ${f.vpcId} through its NAT gateway ${nat}: the record's source IP ${ip} is that gateway's public address, so the call came from inside the VPC and went around the endpoint. ${f.message}`,
    evidence: { ...f.evidence, natGatewayId: nat }
  }
}

function natState(fact: Fact<NatGateway[]> | undefined): string {
  if (!fact)
    return 'The VPC\u2019s NAT gateways were not read, so the source IPs could not be compared with them.'
  if (!fact.ok) {
    const p = fact.problem
    return `${p.action} ${p.kind === 'denied' ? 'was denied' : `failed (${p.code})`}, so the source IPs could not be compared with the VPC\u2019s NAT gateways; grant it to tell "outside" from "inside, through NAT".`
  }
  return fact.value.length > 0
    ? `None of them is a public IP of the VPC\u2019s NAT gateways (${fact.value.map(n => n.id).join(', ')}).`
    : 'The VPC has no NAT gateway.'
}

/**
 * Applies the runner's location to the evidence findings (see the module comment). Without a context,
 * the location counts as unknown.
 */
export function summariseOutsideVpc(
  findings: readonly Finding[],
  context: RunnerContext = UNKNOWN_RUNNER
): OutsideVpcSummary {
  const notes: string[] = []
  const replaced = new Map<Finding, Finding>()
  const keys = [...new Set(findings.map(f => `${f.region}\u0000${f.vpcId}`))]
  for (const key of keys) {
    const [region = '', vpcId = ''] = key.split('\u0000')
    const mine = findings.filter(f => f.vpcId === vpcId && f.region === region)
    const natFact = context.natGateways(vpcId, region)
    const natIps = natByIp(natFact)
    let provenInside = false
    for (const f of mine) {
      const proven = natProven(f, natIps)
      if (proven) {
        replaced.set(f, proven)
        provenInside = true
      }
    }
    const loc = context.location
    if (provenInside || (loc.kind === 'vpc' && loc.vpcId === vpcId)) continue
    if (loc.kind !== 'unknown') continue

    const paths = mine.filter(f => f.ruleId === 'traffic-via-endpoint')
    const ips = mine.filter(f => f.ruleId === 'source-ip-private')
    const dns = mine.filter(
      f => f.ruleId === 'dns-resolves-to-endpoint' && (f.verdict === 'pass' || f.verdict === 'fail')
    )
    const recordsOutside =
      paths.length > 0 && paths.every(f => f.verdict === 'fail' && !f.evidence.vpcEndpointId)
    const ipsOutside =
      ips.length > 0 && ips.every(f => f.verdict === 'fail' && isPublic(f.evidence.sourceIPAddress ?? ''))
    const dnsOutside = dns.every(
      f => f.verdict === 'fail' && (f.evidence.outsideAnswers ?? '').split(', ').every(isPublic)
    )
    const signals = paths.length + dns.length
    if (!recordsOutside || !ipsOutside || !dnsOutside || signals < 2) continue
    const sourceIps = [...new Set(ips.map(f => f.evidence.sourceIPAddress ?? ''))].join(', ')
    const dnsPart =
      dns.length > 0 ? ', and the Interface endpoints\u2019 hostnames resolve to public addresses' : ''
    notes.push(
      `${vpcId} (${region}): all traffic evidence says this runner is outside the VPC. ` +
        `None of the ${paths.length} CloudTrail records of the probes has a vpcEndpointId, every source IP is public (${sourceIps})${dnsPart}. ` +
        `${natState(natFact)} Where the runner is could not be measured (${loc.detail}). ` +
        'Traffic evidence needs a runner inside the VPC (a self-hosted runner on EC2, CodeBuild or EKS in it): run the evidence step there, or set runner-vpc to the VPC the runner is in (or to outside). ' +
        'These checks are inconclusive, not passed. If this runner is inside the VPC, every service here goes around its endpoint: check the resolver it uses and its subnet\u2019s route table.'
    )
    for (const f of [...paths, ...ips, ...dns]) {
      replaced.set(f, {
        ...f,
        verdict: f.verdict === 'fail' ? 'inconclusive' : f.verdict,
        message: f.verdict === 'fail' ? `Runner outside the VPC? ${f.message}` : f.message,
        evidence: { ...f.evidence, [OUTSIDE_VPC_KEY]: OUTSIDE_VPC_VALUE }
      })
    }
  }
  return { findings: findings.map(f => replaced.get(f) ?? f), notes }
}
