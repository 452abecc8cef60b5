import type { Finding } from '../model/finding.js'
import { classifyIp } from './ip-class.js'

/**
 * Findings folded into the "runner outside the VPC" note become `inconclusive` (DESIGN.md: a runner
 * outside the VPC cannot decide the traffic question) and carry `evidence[OUTSIDE_VPC_KEY] =
 * OUTSIDE_VPC_VALUE`, so reporters show the note once instead of a wall of failures. They never pass;
 * `fail-on: fail,inconclusive` makes them block, and the note says what the picture means if the
 * runner is in fact inside the VPC.
 */
export const OUTSIDE_VPC_KEY = 'note'
export const OUTSIDE_VPC_VALUE = 'runner-outside-vpc'

export interface OutsideVpcSummary {
  findings: Finding[]
  notes: string[]
}

function isPublic(ip: string): boolean {
  const c = classifyIp(ip)
  return c === 'public' || c === 'ipv6-global'
}

/**
 * When every piece of traffic evidence of a VPC says "from outside": each CloudTrail record found lacks
 * `vpcEndpointId` and has a public source address, and every judged Interface DNS answer is public. Needs
 * two independent signals (two records, or a record and a DNS answer) so that one bypassing gateway
 * endpoint is not mistaken for a runner in the wrong place.
 */
export function summariseOutsideVpc(findings: readonly Finding[]): OutsideVpcSummary {
  const notes: string[] = []
  const folded = new Set<Finding>()
  const vpcIds = [...new Set(findings.map(f => f.vpcId))]
  for (const vpcId of vpcIds) {
    const mine = findings.filter(f => f.vpcId === vpcId)
    const paths = mine.filter(f => f.ruleId === 'evidence-endpoint-path')
    const ips = mine.filter(f => f.ruleId === 'evidence-source-ip')
    const dns = mine.filter(
      f => f.ruleId === 'evidence-dns' && (f.verdict === 'pass' || f.verdict === 'fail')
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
    const region = paths[0]?.region ?? mine[0]?.region ?? ''
    const sourceIps = [...new Set(ips.map(f => f.evidence.sourceIPAddress ?? ''))].join(', ')
    const dnsPart =
      dns.length > 0 ? ', and the Interface endpoints\u2019 hostnames resolve to public addresses' : ''
    notes.push(
      `${vpcId} (${region}): all traffic evidence says this runner is outside the VPC. ` +
        `None of the ${paths.length} CloudTrail records of the probes has a vpcEndpointId, every source IP is public (${sourceIps})${dnsPart}. ` +
        'Traffic evidence needs a runner inside the VPC (a self-hosted runner on EC2, CodeBuild or EKS in it); run the evidence step there, or turn evidence off for this runner. ' +
        'These checks are inconclusive, not failed. If this runner is inside the VPC, every service here goes around its endpoint: check the resolver it uses and its subnet\u2019s route table (and use fail-on: fail,inconclusive to block on it).'
    )
    for (const f of [...paths, ...ips, ...dns]) folded.add(f)
  }
  return {
    findings: findings.map(f =>
      folded.has(f)
        ? {
            ...f,
            verdict: f.verdict === 'fail' ? 'inconclusive' : f.verdict,
            message: f.verdict === 'fail' ? `Runner outside the VPC? ${f.message}` : f.message,
            evidence: { ...f.evidence, [OUTSIDE_VPC_KEY]: OUTSIDE_VPC_VALUE }
          }
        : f
    ),
    notes
  }
}
