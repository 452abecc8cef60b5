import type { Log } from '../core/log.js'
import type { Ledger } from '../evidence/ledger.js'
import type { Manifest } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import type { RunnerLocation } from '../runner/location.js'
import { EGRESS_TIMEOUT_MS, type EgressTarget } from './egress-target.js'
import { judgeEgress, needsAttempt } from './judge-egress.js'
import { tryConnect, type EgressAttempt } from './tcp-reach.js'

export interface EgressCheckInput {
  manifest: Manifest
  ledger: Ledger
  location: RunnerLocation | undefined
  target: EgressTarget
  log: Log
  signal?: AbortSignal
  timeoutMs?: number
}

/**
 * The connectivity method for every VPC: one TCP attempt from this runner when a VPC it is in declares
 * `egress: none` (the runner is in one VPC, so at most one attempt per run), judged with the ledger's probes.
 * Runs in the process that judges (like its own DNS answers), so a rewritten ledger cannot claim "no internet".
 */
export async function checkEgress(input: EgressCheckInput): Promise<Finding[]> {
  let attempt: EgressAttempt | undefined
  if (input.manifest.vpcs.some(v => needsAttempt(v, input.location))) {
    attempt = await tryConnect(input.target, {
      timeoutMs: input.timeoutMs ?? EGRESS_TIMEOUT_MS,
      ...(input.signal ? { signal: input.signal } : {})
    })
    input.log.info(`Internet test: TCP to ${input.target.label}: ${describeAttempt(attempt)}.`)
  }
  return input.manifest.vpcs.flatMap(vpc =>
    judgeEgress({
      vpc,
      location: input.location,
      target: input.target,
      ...(attempt && needsAttempt(vpc, input.location) ? { attempt } : {}),
      probes: input.ledger.probes.filter(p => p.link.vpcId === vpc.id && p.link.region === vpc.region),
      unprobed: input.ledger.unprobed.filter(u => u.link.vpcId === vpc.id && u.link.region === vpc.region)
    })
  )
}

function describeAttempt(a: EgressAttempt): string {
  switch (a.outcome) {
    case 'connected':
      return `connected in ${a.ms} ms (the internet is reachable)`
    case 'blocked':
      return a.code === 'timeout' ? `no answer within ${a.ms} ms (no internet)` : `${a.code} (no route)`
    case 'undecided':
      return `${a.code} (cannot tell)`
  }
}
