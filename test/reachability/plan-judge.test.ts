import { describe, expect, it } from 'vitest'
import type { VpcSnapshot } from '../../src/aws/snapshot.js'
import { parseManifest } from '../../src/manifest/load.js'
import type { AnalysisResult } from '../../src/reachability/analysis.js'
import { explainOne } from '../../src/reachability/explain.js'
import { judgeAnalysis } from '../../src/reachability/judge.js'
import { planReachability, type ReachTarget } from '../../src/reachability/plan.js'
import { MANIFEST, REGION, RUNNER_IN_VPC, SNS, VPC } from './fixtures.js'

/** The pure halves: which analyses to run (the source), and what an answer means. */
const manifest = parseManifest(MANIFEST, 'vpc-endpoints.yml', { defaultRegion: REGION })
const endpoint = (id: string, service: string, type = 'Interface') => ({
  id,
  type,
  vpcId: VPC,
  serviceName: `com.amazonaws.${REGION}.${service}`,
  state: 'available',
  privateDnsEnabled: true,
  privateDnsOnlyForInboundResolverEndpoint: false,
  routeTableIds: [],
  subnetIds: [],
  networkInterfaceIds: [],
  dnsNames: []
})
const snapshot = (endpoints: VpcSnapshot['endpoints']): VpcSnapshot =>
  ({ vpcId: VPC, region: REGION, endpoints }) as unknown as VpcSnapshot
const allThere = snapshot({
  ok: true,
  value: [endpoint(SNS, 'sns'), endpoint('vpce-0a1b2c3d4e5f6d002', 'kms')]
})

describe('planReachability', () => {
  it("starts from the runner's interface when the runner is in the VPC", () => {
    const planned = planReachability(manifest, [allThere], RUNNER_IN_VPC)
    expect(planned.map(p => (p.kind === 'analyse' ? p.target.endpointId : p.finding.verdict))).toEqual([
      SNS,
      'vpce-0a1b2c3d4e5f6d002',
      // The S3 gateway endpoint is not in this snapshot: nothing to analyse (endpoint-exists fails it).
      'skipped'
    ])
  })

  it('a runner elsewhere is skipped, an unknown one inconclusive: both say how to declare a source', () => {
    const elsewhere = planReachability(manifest, [allThere], {
      kind: 'no-vpc',
      source: 'github-hosted',
      detail: 'RUNNER_ENVIRONMENT=github-hosted'
    })
    expect(elsewhere.every(p => p.kind === 'decided' && p.finding.verdict === 'skipped')).toBe(true)
    const unknown = planReachability(manifest, [allThere], { kind: 'unknown', detail: 'nothing answered' })
    for (const p of unknown) {
      expect(p.kind === 'decided' && p.finding.verdict).toBe('inconclusive')
      expect(p.kind === 'decided' && p.finding.message).toContain('reachability-source')
    }
    const noEni = planReachability(manifest, [allThere], {
      ...RUNNER_IN_VPC,
      interfaceId: undefined
    } as never)
    expect(noEni.every(p => p.kind === 'decided' && p.finding.verdict === 'inconclusive')).toBe(true)
  })

  it('a denied endpoint list makes every endpoint inconclusive, naming the action', () => {
    const denied = snapshot({
      ok: false,
      problem: {
        kind: 'denied',
        action: 'ec2:DescribeVpcEndpoints',
        code: 'UnauthorizedOperation',
        message: 'no'
      }
    })
    for (const p of planReachability(manifest, [denied], RUNNER_IN_VPC)) {
      expect(p.kind).toBe('decided')
      if (p.kind === 'decided')
        expect(p.finding.evidence['missing-permission']).toBe('ec2:DescribeVpcEndpoints')
    }
  })
})

describe('judgeAnalysis', () => {
  const planned = planReachability(manifest, [allThere], RUNNER_IN_VPC)[0]!
  const target = (planned as { target: ReachTarget }).target
  const ids = { pathId: 'nip-0b26f224f1d131fa8', analysisId: 'nia-02207aa13eb480c7a' }
  const result = (r: Partial<AnalysisResult>): AnalysisResult => ({
    analysisId: ids.analysisId,
    pathId: ids.pathId,
    forwardPath: [],
    explanations: [],
    ...r
  })

  it('passes only a succeeded analysis of this path that found one; fails only a succeeded one that did not', () => {
    const verdict = (r: Partial<AnalysisResult>) =>
      judgeAnalysis(target, ids, { kind: 'result', result: result(r) }).verdict
    expect(verdict({ status: 'succeeded', networkPathFound: true })).toBe('pass')
    expect(verdict({ status: 'succeeded', networkPathFound: false })).toBe('fail')
    // AWS's NetworkPathFound on a failed analysis is a default, not an answer.
    expect(verdict({ status: 'failed', networkPathFound: false })).toBe('inconclusive')
    expect(verdict({ status: 'failed', networkPathFound: true })).toBe('inconclusive')
    expect(verdict({ status: 'succeeded' })).toBe('inconclusive')
    expect(verdict({ networkPathFound: true })).toBe('inconclusive')
    expect(verdict({ status: 'SUCCEEDED', networkPathFound: true })).toBe('inconclusive')
    expect(verdict({ status: 'succeeded', networkPathFound: true, pathId: 'nip-00000000000000000' })).toBe(
      'inconclusive'
    )
  })

  it("the AWS CLI example's explanation reads as a change to make", () => {
    // aws-cli describe-network-insights-analyses example (ec2-reachability-analyzer-samples.json).
    expect(
      explainOne({
        code: 'ENI_SG_RULES_MISMATCH',
        direction: 'ingress',
        networkInterface: 'eni-0a25edef15a6cc08c',
        securityGroups: ['sg-02f0d35a850ba727f'],
        subnet: 'subnet-004ff41eccb4d1194',
        vpc: 'vpc-f1663d98ad28331c7'
      })
    ).toBe(
      "the security group sg-02f0d35a850ba727f of eni-0a25edef15a6cc08c allows no inbound TCP 443 from the source: add an inbound HTTPS rule for the runner's subnet CIDR or security group (ENI_SG_RULES_MISMATCH)"
    )
    expect(explainOne({ code: 'CANNOT_ROUTE', routeTable: 'rtb-0a1', securityGroups: [] })).toContain(
      'route table rtb-0a1 has no route'
    )
    // An unknown code is quoted with what it names and the guide's address.
    expect(explainOne({ code: 'SOMETHING_NEW', component: 'acl-0abc', securityGroups: [] })).toBe(
      'AWS explanation SOMETHING_NEW at acl-0abc: see https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html'
    )
  })
})
