import type { FactProblem } from '../model/fact.js'
import type { Finding } from '../model/finding.js'
import type { PathHop } from '../model/network-path.js'
import { formatMs } from '../core/deadline.js'
import type { AnalysisResult } from './analysis.js'
import { explainAll } from './explain.js'
import type { ReachTarget } from './plan.js'
import { reachFinding } from './reach-finding.js'

/** What became of one analysis, as the AWS side saw it. */
export type AnalysisOutcome =
  | { kind: 'result'; result: AnalysisResult }
  | { kind: 'problem'; problem: FactProblem }
  | { kind: 'still-running'; waitedMs: number; why: string }

export interface AnalysisIds {
  pathId?: string
  analysisId?: string
}

export const PORT = 443

/**
 * The verdict of one analysis (pure). `pass` only for an analysis of this run's path that succeeded and
 * says `NetworkPathFound: true`; `fail` only for one that succeeded and says `false`. A failed analysis,
 * one still running, a refused or lost call, or an answer without the field is `inconclusive`: AWS's
 * `NetworkPathFound` on a failed analysis is a default, not an answer.
 */
export function judgeAnalysis(target: ReachTarget, ids: AnalysisIds, outcome: AnalysisOutcome): Finding {
  const { vpc, decl, endpointId } = target
  const what = `${describeSource(target)} to ${endpointId} on TCP ${PORT}`
  const evidence = {
    source: target.source.id,
    destination: endpointId,
    'network-insights-path': ids.pathId,
    'network-insights-analysis': ids.analysisId
  }
  const at = { endpointId }
  if (outcome.kind === 'problem') {
    const p = outcome.problem
    const reason =
      p.kind === 'denied'
        ? `${p.action} was denied (${p.code}): grant it to the role the check runs as (reachability is on)`
        : `${p.action} failed: ${p.code}: ${p.message}`
    return reachFinding(
      vpc,
      decl,
      'inconclusive',
      `Could not analyse the path from ${what}: ${reason}.`,
      {
        ...evidence,
        ...(p.kind === 'denied' ? { 'missing-permission': p.action } : {}),
        error: p.code
      },
      at
    )
  }
  if (outcome.kind === 'still-running') {
    return reachFinding(
      vpc,
      decl,
      'inconclusive',
      `Reachability Analyzer had not finished the path from ${what} after ${formatMs(outcome.waitedMs)} (${outcome.why}). Raise \`evidence-timeout\` (or \`timeout\`) to wait longer.`,
      { ...evidence, status: 'running' },
      at
    )
  }
  const r = outcome.result
  const withIds = {
    ...evidence,
    'network-insights-analysis': r.analysisId || ids.analysisId,
    status: r.status
  }
  if (ids.pathId && r.pathId && r.pathId !== ids.pathId) {
    return reachFinding(
      vpc,
      decl,
      'inconclusive',
      `Could not analyse the path from ${what}: the analysis AWS returned belongs to ${r.pathId}, not to this run's path ${ids.pathId}.`,
      withIds,
      at
    )
  }
  const warning = r.warningMessage ? ` AWS warns: ${r.warningMessage}` : ''
  if (r.status === 'failed') {
    return reachFinding(
      vpc,
      decl,
      'inconclusive',
      `Reachability Analyzer could not analyse the path from ${what}: ${r.statusMessage ?? 'the analysis failed without a message'}. A failed analysis says nothing about the path; when the message names permissions, grant the Describe and tiros actions the analysis reads with (\`vpce-proof iam-policy --reachability\` lists them).`,
      withIds,
      at
    )
  }
  if (r.status !== 'succeeded') {
    return reachFinding(
      vpc,
      decl,
      'inconclusive',
      `Could not analyse the path from ${what}: the analysis ended in status "${r.status ?? '(none)'}", not succeeded.`,
      withIds,
      at
    )
  }
  if (r.networkPathFound === true) {
    return reachFinding(
      vpc,
      decl,
      'pass',
      `Reachability Analyzer found a path from ${what}${r.forwardPath.length > 0 ? `: ${hopChain(r.forwardPath)}` : ''}.${warning}`,
      { ...withIds, 'hop-count': String(r.forwardPath.length) },
      { ...at, networkPath: r.forwardPath }
    )
  }
  if (r.networkPathFound === false) {
    const codes = [...new Set(r.explanations.map(e => e.code))].join(', ')
    return reachFinding(
      vpc,
      decl,
      'fail',
      `Reachability Analyzer found no path from ${what}: ${explainAll(r.explanations)}.${warning}`,
      { ...withIds, 'explanation-codes': codes },
      { ...at, networkPath: r.forwardPath }
    )
  }
  return reachFinding(
    vpc,
    decl,
    'inconclusive',
    `Could not analyse the path from ${what}: the analysis succeeded but AWS's answer has no NetworkPathFound.`,
    withIds,
    at
  )
}

function describeSource(target: ReachTarget): string {
  return target.source.from === 'runner'
    ? `the runner's network interface ${target.source.id}`
    : `${target.source.id} (reachability-source)`
}

/** `eni-1 → sg-2 → rtb-3 (pl-4 → vpce-5) → vpce-5`, at most 12 hops. */
export function hopChain(hops: readonly PathHop[]): string {
  const shown = hops
    .slice(0, 12)
    .map(h => (h.route ? `${h.id} (${h.route.destination} → ${h.route.target})` : h.id))
  return `${shown.join(' → ')}${hops.length > 12 ? ` → … (${hops.length - 12} more)` : ''}`
}
