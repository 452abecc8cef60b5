import type { Finding } from '../model/finding.js'
import type { ReachTarget } from './plan.js'
import { reachFinding } from './reach-finding.js'

/** A network insights resource this run created and could not delete. */
export interface LeftBehind {
  kind: 'path' | 'analysis'
  /** Unknown when the create call's answer was lost (the resource may or may not exist). */
  id?: string
  why: string
}

/** A `warn` naming each resource left behind, with the command that deletes it. */
export function leftBehindFinding(
  target: ReachTarget,
  region: string,
  left: readonly LeftBehind[],
  runTag: string
): Finding {
  const parts = left.map(l => {
    if (!l.id) {
      const list =
        l.kind === 'path' ? 'describe-network-insights-paths' : 'describe-network-insights-analyses'
      return `a network insights ${l.kind} may exist (${l.why}): list them with \`aws ec2 ${list} --region ${region}\` and delete the one tagged vpce-proof:run=${runTag}`
    }
    const command =
      l.kind === 'path'
        ? `aws ec2 delete-network-insights-path --region ${region} --network-insights-path-id ${l.id}`
        : `aws ec2 delete-network-insights-analysis --region ${region} --network-insights-analysis-id ${l.id}`
    return `${l.id} was not deleted (${l.why}): \`${command}\``
  })
  const evidence: Record<string, string> = { 'run-tag': runTag }
  left.forEach((l, i) => {
    if (l.id) evidence[`left-${l.kind}-${i + 1}`] = l.id
  })
  return reachFinding(
    target.vpc,
    target.decl,
    'warn',
    `Reachability Analyzer resources left behind for ${target.endpointId}: ${parts.join('; ')}.`,
    evidence,
    { endpointId: target.endpointId, ruleId: 'reachability-resources-deleted' }
  )
}
