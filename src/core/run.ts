import { accessFor, type AwsClientFactory } from '../aws/clients.js'
import { collectInventory } from '../aws/inventory.js'
import { checkConfiguration } from '../checks/check-configuration.js'
import type { Finding } from '../model/finding.js'
import { probeApiCalls, runProbePhase, runVerifyPhase } from '../evidence/collect.js'
import { readLedger, writeLedger, type Ledger } from '../evidence/ledger.js'
import { loadManifest } from '../manifest/load.js'
import type { Manifest } from '../manifest/types.js'
import { readJsonReport } from '../report/json-report.js'
import { buildReport } from './build-report.js'
import {
  clampEvidenceTimeout,
  DEFAULT_RUN_TIMEOUT_MS,
  formatMs,
  startDeadline,
  type Deadline
} from './deadline.js'
import { UserError } from './errors.js'
import { startHeartbeat } from './heartbeat.js'
import type { Log } from './log.js'
import type { RunOptions } from './options.js'
import type { RunReport } from './run-report.js'
import { undecidedCause } from './undecided.js'

export interface RunDeps {
  aws: AwsClientFactory
  log: Log
  env: NodeJS.ProcessEnv
  now?: () => Date
  /**
   * The run's deadline; give the AwsClientFactory the same `signal`. Without one, the run makes its own
   * from `options.timeoutMs` (then only the waits, not the AWS calls in flight, see it).
   */
  deadline?: Deadline
}

/**
 * The whole check, one way through: manifest → inventory → pure checks → findings → report.
 * Entries (Action, CLI) parse their inputs into RunOptions and hand them here with the clients.
 */
export async function executeRun(options: RunOptions, deps: RunDeps): Promise<RunReport> {
  if (options.mode === 'publish') return readJsonReport(options.reportPath)
  const deadline = deps.deadline ?? startDeadline(options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS)
  const heartbeat = startHeartbeat(deps.log, deadline)
  try {
    return await checkRun(options, { ...deps, log: heartbeat.log, deadline }, heartbeat.phase)
  } finally {
    heartbeat.stop()
    if (!deps.deadline) deadline.dispose()
  }
}

async function checkRun(
  options: RunOptions,
  deps: RunDeps & { deadline: Deadline },
  phase: (what: string) => void
): Promise<RunReport> {
  const now = deps.now ?? (() => new Date())
  const { deadline } = deps

  const startedAt = now()
  const manifest = await loadManifest(options.manifestPath, {
    displayPath: options.manifestDisplayPath,
    ...(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {})
  })
  deps.log.info(`Manifest ${manifest.file}: ${describe(manifest)}.`)
  const report = (
    findings: Finding[],
    notes: string[],
    extraCalls: Record<string, number> = {},
    undecided?: string
  ) =>
    buildReport({
      manifestFile: manifest.file,
      startedAt,
      finishedAt: now(),
      failOn: options.failOn,
      findings,
      notes,
      apiCalls: addCounts(deps.aws.calls, extraCalls),
      ...(undecided ? { undecided } : {})
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
  phase('sending the probes')
  const probed = options.mode === 'full' && wantsEvidence ? await probe(manifest, options, deps) : undefined
  phase('reading the EC2 inventory')
  const inventory = await collectInventory(manifest, deps.aws)
  deps.log.info(`Read the EC2 inventory with ${total(inventory.apiCalls)} API calls.`)
  const findings: Finding[] = checkConfiguration(manifest, inventory)
  const outOfTime = () => (deadline.signal.aborted ? [`Stopped early: ${deadline.reason()}.`] : [])
  if (!wantsEvidence) {
    const notes =
      options.mode === 'config'
        ? []
        : ['Traffic evidence is off (evidence: false): only the configuration was checked.']
    return report(findings, [...notes, ...outOfTime()], {}, undecidedCause(findings, inventory))
  }

  const ledger = probed ?? (await readLedger(options.ledgerPath))
  phase('waiting for CloudTrail')
  const evidence = await runVerifyPhase({
    ledger,
    manifest,
    snapshots: inventory.vpcs,
    cloudTrailClientFor: (region, vpc) => deps.aws.cloudTrailFor({ ...accessFor(vpc), region }),
    timeoutMs: evidenceTimeout(options, deadline, deps.log),
    log: deps.log,
    signal: deadline.signal
  })
  const all = [...findings, ...evidence.findings]
  return report(
    all,
    [...evidence.notes, ...outOfTime()],
    probeApiCalls(ledger),
    undecidedCause(all, inventory)
  )
}

/** `evidence-timeout`, shortened when the run's deadline would leave no time to report. */
function evidenceTimeout(options: RunOptions, deadline: Deadline, log: Log): number {
  const clamped = clampEvidenceTimeout(options.evidenceTimeoutMs, deadline.remainingMs())
  if (clamped < options.evidenceTimeoutMs) {
    log.info(
      `evidence-timeout ${formatMs(options.evidenceTimeoutMs)} shortened to ${formatMs(clamped)}: ` +
        `the run's timeout (${formatMs(deadline.timeoutMs)}) keeps time to report.`
    )
  }
  return clamped
}

/** Sends the probes with the credentials the inventory uses (after `role-arn`), and keeps the ledger. */
async function probe(
  manifest: Manifest,
  options: RunOptions,
  deps: RunDeps & { deadline: Deadline }
): Promise<Ledger> {
  const ledger = await runProbePhase({
    signal: deps.deadline.signal,
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
