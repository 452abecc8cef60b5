import type { AwsClientFactory } from '../aws/clients.js'
import { collectInventory } from '../aws/inventory.js'
import type { InventorySnapshot } from '../aws/snapshot.js'
import { checkConfiguration } from '../checks/check-configuration.js'
import type { Finding } from '../checks/finding.js'
import { loadManifest } from '../manifest/load.js'
import type { Manifest } from '../manifest/types.js'
import { readJsonReport } from '../report/json-report.js'
import { buildReport } from './build-report.js'
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
  if (options.mode === 'publish') return readJsonReport(options.reportPath)

  const startedAt = now()
  const manifest = await loadManifest(options.manifestPath, {
    displayPath: options.manifestDisplayPath,
    ...(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {})
  })
  deps.log.info(`Manifest ${manifest.file}: ${describe(manifest)}.`)

  const inventory = await collectInventory(manifest, deps.aws)
  deps.log.info(`Read EC2 inventory with ${total(inventory.apiCalls)} API calls.`)
  const findings: Finding[] = checkConfiguration(manifest, inventory)
  const notes: string[] = []

  const evidence = await runEvidence(options, manifest, inventory, deps)
  findings.push(...evidence.findings)
  notes.push(...evidence.notes)

  return buildReport({
    manifestFile: manifest.file,
    startedAt,
    finishedAt: now(),
    failOn: options.failOn,
    findings,
    notes,
    apiCalls: { ...deps.aws.calls }
  })
}

async function runEvidence(
  options: RunOptions,
  _manifest: Manifest,
  _inventory: InventorySnapshot,
  _deps: RunDeps
): Promise<{ findings: Finding[]; notes: string[] }> {
  if (options.mode === 'config' || !options.evidence) return { findings: [], notes: [] }
  return {
    findings: [],
    notes: ['Traffic evidence (probes and CloudTrail) is not built yet: only the configuration was checked.']
  }
}

function describe(manifest: Manifest): string {
  const endpoints = manifest.vpcs.reduce((n, v) => n + v.endpoints.length, 0)
  return `${manifest.vpcs.length} VPC${manifest.vpcs.length === 1 ? '' : 's'}, ${endpoints} endpoint${endpoints === 1 ? '' : 's'}`
}

function total(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0)
}
