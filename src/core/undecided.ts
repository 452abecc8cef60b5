import type { InventorySnapshot } from '../aws/snapshot.js'
import { NOT_READ, type FactProblem } from '../model/fact.js'
import type { Finding } from '../model/finding.js'

/**
 * Why a run decided nothing, or undefined when it decided something. A run decided nothing when no AWS
 * read succeeded, or when every finding is inconclusive or skipped: such a run is an error (exit 2, a
 * failed step, a failed check run), never a pass, whatever `fail-on` says. The cause named is the first
 * read that failed (its IAM action, endpoint and timeout), else the first inconclusive finding.
 */
export function undecidedCause(
  findings: readonly Finding[],
  inventory?: InventorySnapshot
): string | undefined {
  const problems = inventory ? factProblems(inventory) : []
  const noReadSucceeded =
    inventory !== undefined && problems.length > 0 && problems.length === factCount(inventory)
  const decided = findings.some(f => f.verdict === 'pass' || f.verdict === 'fail' || f.verdict === 'warn')
  if (decided && !noReadSucceeded) return undefined
  const problem = problems[0]
  if (problem) return `${problem.action}: ${problem.message}`
  const first = findings.find(f => f.verdict === 'inconclusive')
  if (first) return `${first.ruleId}${first.service ? ` [${first.service}]` : ''}: ${first.message}`
  return findings.length === 0 ? 'no checks ran' : 'every check was skipped'
}

type AnyFact = { ok: true } | { ok: false; problem: FactProblem }

/** The facts the inventory asked AWS for; one it left unread on purpose is neither a success nor a failure. */
function facts(inventory: InventorySnapshot): AnyFact[] {
  return inventory.vpcs.flatMap(v =>
    Object.values(v).filter(
      (x): x is AnyFact =>
        typeof x === 'object' && x !== null && 'ok' in x && (x.ok || x.problem.code !== NOT_READ)
    )
  )
}

function factCount(inventory: InventorySnapshot): number {
  return facts(inventory).length
}

function factProblems(inventory: InventorySnapshot): FactProblem[] {
  return facts(inventory).flatMap(f => (f.ok ? [] : [f.problem]))
}
