import type { S3Client } from '@aws-sdk/client-s3'
import { accessFor, type AwsClientFactory } from '../aws/clients.js'
import type { InventorySnapshot } from '../aws/snapshot.js'
import type { Clock } from '../core/clock.js'
import type { Log } from '../core/log.js'
import type { Finding } from '../model/finding.js'
import type { Manifest, VpcDeclaration } from '../manifest/types.js'
import type { Ledger } from '../evidence/ledger.js'
import type { RunnerLocation } from '../runner/location.js'
import { runPart } from './marker.js'
import {
  accessLogEndpoints,
  sendAccessLogProbes,
  untrustedAccessLogFindings,
  verifyAccessLogs,
  type S3Clients
} from './phase.js'

/** The run's S3 clients, one per VPC access and purpose, made on first use (so never without `access-log`). */
export function s3Clients(aws: AwsClientFactory): S3Clients {
  const made = new Map<string, Promise<Pick<S3Client, 'send'>>>()
  return {
    s3For(vpc: VpcDeclaration, purpose: 'probe' | 'read') {
      const access = accessFor(vpc)
      const key = `${access.region}|${access.roleArn ?? ''}|${purpose}`
      let client = made.get(key)
      if (!client) {
        client = aws.s3For(access, purpose === 'probe' ? { maxAttempts: 1 } : {})
        made.set(key, client)
      }
      return client
    }
  }
}

export function declaresAccessLog(manifest: Manifest): boolean {
  return accessLogEndpoints(manifest).length > 0
}

/** The probe phase's addition to the ledger (nothing, and no S3 client, without `access-log`). */
export async function withAccessLogProbes(
  ledger: Ledger,
  input: {
    manifest: Manifest
    aws: AwsClientFactory
    run: { id: string; attempt: string } | undefined
    runnerLocation?: RunnerLocation
    signal: AbortSignal
    log: Log
  }
): Promise<Ledger> {
  if (!declaresAccessLog(input.manifest)) return ledger
  const accessLogProbes = await sendAccessLogProbes({
    manifest: input.manifest,
    clients: s3Clients(input.aws),
    run: input.run,
    ...(input.runnerLocation ? { runnerLocation: input.runnerLocation } : {}),
    signal: input.signal,
    log: input.log
  })
  // Probes end after the other probes: the window the verify step checks them against must include them.
  return { ...ledger, finishedAt: new Date().toISOString(), accessLogProbes }
}

/** The same run's verify step: looks for the ledger's access-log probes while CloudTrail is awaited. */
export async function verifyAccessLogsOfThisRun(input: {
  manifest: Manifest
  ledger: Ledger
  inventory: InventorySnapshot
  aws: AwsClientFactory
  run: { id: string; attempt: string } | undefined
  runnerLocation?: RunnerLocation
  timeoutMs: number
  /** CloudTrail's wait ended: look once more, then judge. */
  stop: AbortSignal
  /** The run's clock for the polling (the run's deadline, `signal`, stays on real time). */
  clock: Clock
  signal: AbortSignal
  log: Log
}): Promise<Finding[]> {
  if (!declaresAccessLog(input.manifest)) return []
  const result = await verifyAccessLogs({
    manifest: input.manifest,
    probes: input.ledger.accessLogProbes ?? [],
    ledgerWindow: input.ledger,
    snapshots: input.inventory.vpcs,
    clients: s3Clients(input.aws),
    expectedRun: runPart(input.run),
    timeoutMs: input.timeoutMs,
    stop: input.stop,
    ...(input.runnerLocation ? { runnerLocation: input.runnerLocation } : {}),
    signal: input.signal,
    log: input.log,
    now: input.clock.now,
    sleep: input.clock.sleep
  })
  return result.findings
}

export { untrustedAccessLogFindings }
