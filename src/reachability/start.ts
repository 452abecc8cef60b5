import type { AwsClientFactory } from '../aws/clients.js'
import type { InventorySnapshot } from '../aws/snapshot.js'
import { abortableSleep, type Deadline } from '../core/deadline.js'
import type { Clock } from '../core/clock.js'
import type { Log } from '../core/log.js'
import type { RunOptions } from '../core/options.js'
import type { Manifest } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import type { RunnerLocation } from '../runner/location.js'
import { runReachability, runTagOf, type ReachabilityResult } from './run-reachability.js'

export interface ReachabilityTask {
  /** The findings and notes with this method's added (it ran beside the CloudTrail wait). */
  merge(findings: Finding[], notes: string[]): Promise<[Finding[], string[]]>
}

const OFF: ReachabilityTask = { merge: async (findings, notes) => [findings, notes] }

/**
 * Starts Reachability Analyzer beside the rest of the run (it waits for AWS as CloudTrail does), or
 * nothing at all when `reachability` is off: no call, no cost, no permission.
 */
export function startReachability(
  options: RunOptions,
  deps: { aws: AwsClientFactory; log: Log; env: NodeJS.ProcessEnv; deadline: Deadline; clock: Clock },
  manifest: Manifest,
  inventory: InventorySnapshot,
  runnerLocation: RunnerLocation | undefined
): ReachabilityTask {
  if (!options.reachability) return OFF
  const running: Promise<ReachabilityResult> = runReachability({
    manifest,
    snapshots: inventory.vpcs,
    ...(runnerLocation ? { runnerLocation } : {}),
    ec2For: access => deps.aws.ec2For(access),
    runTag: runTagOf(deps.env),
    deadline: deps.deadline,
    waitMs: options.evidenceTimeoutMs,
    log: deps.log,
    now: deps.clock.now,
    sleep: abortableSleep(deps.clock.sleep, deps.deadline.signal)
  })
  // Awaited by merge(); marked handled so a run that ends another way leaves no unhandled rejection.
  running.catch(() => undefined)
  return {
    merge: async (findings, notes) => {
      const r = await running
      return [
        [...findings, ...r.findings],
        [...notes, ...r.notes]
      ]
    }
  }
}
