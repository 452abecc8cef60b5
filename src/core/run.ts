import { accessFor, type AwsClientFactory } from '../aws/clients.js'
import { collectInventory } from '../aws/inventory.js'
import { checkConfiguration } from '../checks/check-configuration.js'
import type { Finding } from '../model/finding.js'
import { probeApiCalls, runProbePhase, runVerifyPhase } from '../evidence/collect.js'
import { readLedger, writeLedger, type Ledger } from '../evidence/ledger.js'
import { loadManifest } from '../manifest/load.js'
import type { Manifest } from '../manifest/types.js'
import { readPublishedReport } from '../report/published-report.js'
import { buildReport } from './build-report.js'
import { UserError } from './errors.js'
import type { Log } from './log.js'
import type { RunOptions } from './options.js'
import type { RunReport } from './run-report.js'

export interface RunDeps {
  aws: AwsClientFactory
  log: Log
  env: NodeJS.ProcessEnv
  now?: () => Date
}

/**
 * The whole check, one way through: manifest → inventory → pure checks → findings → report.
 * Entries (Action, CLI) parse their inputs into RunOptions and hand them here with the clients.
 */
export async function executeRun(options: RunOptions, deps: RunDeps): Promise<RunReport> {
  const now = deps.now ?? (() => new Date())
  // The artifact's findings under this workflow's own fail-on, never the artifact's stated verdict.
  if (options.mode === 'publish') return readPublishedReport(options.reportPath, options.failOn)

  const startedAt = now()
  const manifest = await loadManifest(options.manifestPath, {
    displayPath: options.manifestDisplayPath,
    ...(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {})
  })
  deps.log.info(`Manifest ${manifest.file}: ${describe(manifest)}.`)
  const report = (findings: Finding[], notes: string[], extraCalls: Record<string, number> = {}) =>
    buildReport({
      manifestFile: manifest.file,
      startedAt,
      finishedAt: now(),
      failOn: options.failOn,
      findings,
      notes,
      apiCalls: addCounts(deps.aws.calls, extraCalls)
    })

  const wantsEvidence = options.evidence && options.mode !== 'config'
  if (options.mode === 'probe') {
    if (!options.evidence) throw new UserError('mode: probe sends the probes, so it needs evidence: true.')
    const ledger = await probe(manifest, options, deps)
    return report(
      [],
      [`Sent ${ledger.probes.length} probes; mode: verify reads ${options.ledgerPath} and judges them.`],
      probeApiCalls(ledger)
    )
  }

  // In full mode the probes go out first, so CloudTrail's delivery delay overlaps the EC2 reads.
  const probed = options.mode === 'full' && wantsEvidence ? await probe(manifest, options, deps) : undefined
  const inventory = await collectInventory(manifest, deps.aws)
  deps.log.info(`Read the EC2 inventory with ${total(inventory.apiCalls)} API calls.`)
  const findings: Finding[] = checkConfiguration(manifest, inventory)
  if (!wantsEvidence) {
    const notes =
      options.mode === 'config'
        ? []
        : ['Traffic evidence is off (evidence: false): only the configuration was checked.']
    return report(findings, notes)
  }

  const ledger = probed ?? (await readLedger(options.ledgerPath))
  const evidence = await runVerifyPhase({
    ledger,
    manifest,
    snapshots: inventory.vpcs,
    cloudTrailClientFor: (region, vpc) => deps.aws.cloudTrailFor({ ...accessFor(vpc), region }),
    timeoutMs: options.evidenceTimeoutMs,
    log: deps.log
  })
  return report([...findings, ...evidence.findings], evidence.notes, probeApiCalls(ledger))
}

/** Sends the probes with the credentials the inventory uses (after `role-arn`), and keeps the ledger. */
async function probe(manifest: Manifest, options: RunOptions, deps: RunDeps): Promise<Ledger> {
  const ledger = await runProbePhase({
    manifest,
    credentialsFor: async vpc => {
      const credentials = await deps.aws.credentialsFor(accessFor(vpc))
      return { credentials, accessKeyId: credentials.accessKeyId }
    },
    env: deps.env,
    ...(options.dnsServers.length > 0 ? { dnsServers: options.dnsServers } : {}),
    log: deps.log
  })
  await writeLedger(options.ledgerPath, ledger)
  return ledger
}

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum = { ...a }
  for (const [k, v] of Object.entries(b)) sum[k] = (sum[k] ?? 0) + v
  return sum
}

function describe(manifest: Manifest): string {
  const endpoints = manifest.vpcs.reduce((n, v) => n + v.endpoints.length, 0)
  return `${manifest.vpcs.length} VPC${manifest.vpcs.length === 1 ? '' : 's'}, ${endpoints} endpoint${endpoints === 1 ? '' : 's'}`
}

function total(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0)
}
