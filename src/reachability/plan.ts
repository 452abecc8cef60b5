import type { VpcSnapshot } from '../aws/snapshot.js'
import { locateEndpoint } from '../checks/match-endpoint.js'
import type { EndpointDeclaration, Manifest, VpcDeclaration } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import type { RunnerLocation } from '../runner/location.js'
import { reachFinding } from './reach-finding.js'

/** Where a VPC's paths start, and how that was learned. */
export interface PathSource {
  id: string
  from: 'manifest' | 'runner'
}

/** One analysis to run: from the source to the declared endpoint, TCP 443. */
export interface ReachTarget {
  vpc: VpcDeclaration
  decl: EndpointDeclaration
  endpointId: string
  endpointType: string
  source: PathSource
}

export type Planned = { kind: 'analyse'; target: ReachTarget } | { kind: 'decided'; finding: Finding }

/**
 * Which analyses to run (pure): one per declared endpoint that the inventory found, from the VPC's
 * `reachability-source`, else the runner's own network interface when the runner is in that VPC. What
 * cannot be analysed gets its finding here: `skipped` when it does not apply (the runner is known to be
 * elsewhere and no source is declared; the endpoint does not exist, which endpoint-exists reports),
 * `inconclusive` when a fact is missing (where the runner is, the endpoint list).
 */
export function planReachability(
  manifest: Manifest,
  snapshots: readonly VpcSnapshot[],
  runner: RunnerLocation | undefined
): Planned[] {
  const planned: Planned[] = []
  for (const vpc of manifest.vpcs) {
    const source = sourceFor(vpc, runner)
    const snapshot = snapshots.find(s => s.vpcId === vpc.id && s.region === vpc.region)
    for (const decl of vpc.endpoints) {
      if (source.kind !== 'source') {
        planned.push({ kind: 'decided', finding: reachFinding(vpc, decl, source.verdict, source.reason) })
        continue
      }
      const endpoints = snapshot?.endpoints
      if (!endpoints?.ok) {
        const why = endpoints
          ? `${endpoints.problem.action} ${endpoints.problem.kind === 'denied' ? 'was denied' : 'failed'} (${endpoints.problem.code}), so the endpoint to analyse is unknown${endpoints.problem.kind === 'denied' ? `: grant ${endpoints.problem.action}` : ''}`
          : 'no inventory of the VPC was taken, so the endpoint to analyse is unknown'
        planned.push({
          kind: 'decided',
          finding: reachFinding(vpc, decl, 'inconclusive', `Not analysed: ${why}.`, {
            ...(endpoints?.problem.kind === 'denied'
              ? { 'missing-permission': endpoints.problem.action }
              : {})
          })
        })
        continue
      }
      const located = locateEndpoint(decl, endpoints.value)
      if (located.kind !== 'found') {
        planned.push({
          kind: 'decided',
          finding: reachFinding(
            vpc,
            decl,
            'skipped',
            `Not analysed: ${decl.id ?? decl.serviceName} has no endpoint in ${vpc.id} that serves ${decl.serviceName} (endpoint-exists reports it), so there is no path to look for.`
          )
        })
        continue
      }
      planned.push({
        kind: 'analyse',
        target: {
          vpc,
          decl,
          endpointId: located.endpoint.id,
          endpointType: located.endpoint.type,
          source: source.source
        }
      })
    }
  }
  return planned
}

type SourceChoice =
  | { kind: 'source'; source: PathSource }
  | { kind: 'none'; verdict: 'skipped' | 'inconclusive'; reason: string }

function sourceFor(vpc: VpcDeclaration, runner: RunnerLocation | undefined): SourceChoice {
  if (vpc.reachabilitySource)
    return { kind: 'source', source: { id: vpc.reachabilitySource, from: 'manifest' } }
  const declare = `Declare \`reachability-source: eni-…\` (or \`i-…\`) for ${vpc.id} in the manifest to analyse from there.`
  if (!runner || runner.kind === 'unknown') {
    const detail = runner ? ` (${runner.detail})` : ''
    return {
      kind: 'none',
      verdict: 'inconclusive',
      reason: `Not analysed: where the runner is, and so its network interface, is unknown${detail}. ${declare}`
    }
  }
  if (runner.kind === 'no-vpc') {
    return {
      kind: 'none',
      verdict: 'skipped',
      reason: `Not analysed: this runner is in no VPC (${runner.detail}), so it has no network interface in ${vpc.id} to start a path from. ${declare}`
    }
  }
  if (runner.vpcId !== vpc.id) {
    return {
      kind: 'none',
      verdict: 'skipped',
      reason: `Not analysed: this runner is in ${runner.vpcId}, not in ${vpc.id}. ${declare}`
    }
  }
  if (!runner.interfaceId) {
    return {
      kind: 'none',
      verdict: 'inconclusive',
      reason: `Not analysed: the runner is in ${vpc.id} (${runner.detail}) but its network interface id is unknown (instance metadata \`interface-id\` did not answer, or \`runner-vpc\` named the VPC). ${declare}`
    }
  }
  return { kind: 'source', source: { id: runner.interfaceId, from: 'runner' } }
}
