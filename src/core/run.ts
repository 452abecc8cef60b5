import { accessFor, runSessionName, type AwsClientFactory } from '../aws/clients.js'
import { collectInventory } from '../aws/inventory.js'
import { checkConfiguration } from '../checks/check-configuration.js'
import type { Finding } from '../model/finding.js'
import { probeApiCalls, runProbePhase, runVerifyPhase } from '../evidence/collect.js'
import { readLedger, writeLedger, type Ledger } from '../evidence/ledger.js'
import { formatProblem } from '../manifest/errors.js'
import {
  ledgerTrustProblems,
  recordIdentityProblem,
  runOf,
  untrustedLedgerFindings,
  verifierKnowledge,
  withOwnDnsAnswers
} from '../evidence/ledger-trust.js'
import { dnsResolver } from '../evidence/dns.js'
import type { Manifest } from '../manifest/types.js'
import type { BaseManifestReader } from '../policy/base-manifest.js'
import { loadPolicy } from '../policy/load-policy.js'
import { predictFromPlan } from '../plan/predict.js'
import { readTerraformPlan } from '../plan/read-plan.js'
import { describeRunnerLocation, measureRunnerLocation, type RunnerLocation } from '../runner/location.js'
import { readPublishedReport } from '../report/published-report.js'
import { startReachability } from '../reachability/start.js'
import { applySuppressions } from '../suppress/apply.js'
import { publisherPolicy } from '../suppress/publisher.js'
import { runMerge } from '../merge/run-merge.js'
import { selectShard, stampShard } from '../merge/shard.js'
import { buildReport } from './build-report.js'
import { checkEgress } from '../connectivity/check-egress.js'
import { parseEgressTarget } from '../connectivity/egress-target.js'
import { runMetricsPhase } from '../metrics/collect-metrics.js'
import { checkDnsServers } from './dns-servers.js'
import {
  clampEvidenceTimeout,
  DEFAULT_RUN_TIMEOUT_MS,
  formatMs,
  startDeadline,
  type Deadline
} from './deadline.js'
import { UserError } from './errors.js'
import { startHeartbeat } from './heartbeat.js'
import { systemClock, type Clock } from './clock.js'
import type { Log } from './log.js'
import type { RunOptions } from './options.js'
import type { RunReport } from './run-report.js'
import { undecidedCause } from './undecided.js'
import {
  untrustedAccessLogFindings,
  verifyAccessLogsOfThisRun,
  withAccessLogProbes
} from '../access-log/run-glue.js'
import { verifyEarlierRun } from '../access-log/earlier-run.js'

export interface RunDeps {
  aws: AwsClientFactory
  log: Log
  env: NodeJS.ProcessEnv
  now?: () => Date
  /** The clock of the run's waits (polling, pacing); default the system's. Tests give a simulated one. */
  clock?: Clock
  /** Set on pull request events: the base commit's manifest is the policy (unless manifest-ref: head). */
  pullRequestBase?: BaseManifestReader
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
  // The artifact's findings under this workflow's own fail-on, never the artifact's stated verdict.
  // Suppressions too are this workflow's own (its manifest's ignore entries), never the artifact's.
  if (options.mode === 'publish')
    return readPublishedReport(
      options.reportPath,
      options.failOn,
      await publisherPolicy(options, (deps.now ?? (() => new Date()))())
    )
  if (options.mode === 'merge') return runMerge(options, deps)
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
  // Every idle wait on AWS's side (CloudTrail, metrics, S3 logs, Reachability) on this one clock; the
  // deadline and the per-call budgets stay on real time.
  const clock = deps.clock ?? systemClock

  const startedAt = now()
  checkDnsServers(options.dnsServers, 'dns-servers')
  // Before any AWS call: which manifest decides (base or head on a PR), and whether its accounts are allowed.
  const policy = await loadPolicy({
    manifestPath: options.manifestPath,
    displayPath: options.manifestDisplayPath,
    ...(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {}),
    manifestRef: options.manifestRef ?? 'base',
    allowedAccounts: options.allowedAccounts ?? [],
    ...(deps.pullRequestBase ? { pullRequestBase: deps.pullRequestBase } : {}),
    log: deps.log
  })
  // A matrix job (`shard`) checks its own ACCOUNT/REGION of the policy; `mode: merge` joins them.
  const manifest = selectShard(policy.manifest, options.shard)
  deps.log.info(`Manifest ${manifest.file}: ${describe(manifest)}.`)
  // Read before any AWS call, so a bad plan file is an input error that costs nothing.
  const plan = options.terraformPlan
    ? await readTerraformPlan(options.terraformPlan.path, options.terraformPlan.displayPath)
    : undefined
  const planNotes: string[] = []
  for (const warning of manifest.warnings ?? []) deps.log.warning(formatProblem(warning), warning)
  const unstamped = (
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
      // Suppressions come from the policy manifest only: a pull request cannot excuse its own failure.
      findings: applySuppressions(
        policy.suppressions,
        [...policy.findings, ...policy.relocate(findings)],
        options.today ? new Date(`${options.today}T00:00:00Z`) : now(),
        manifest
      ),
      notes: [...policy.notes, ...planNotes, ...notes],
      apiCalls: addCounts(deps.aws.calls, extraCalls),
      // A probe is one HTTP request (send-probe.ts does not retry).
      apiAttempts: addCounts(deps.aws.attempts, extraCalls),
      ...(undecided ? { undecided } : {})
    })
  const report: typeof unstamped = (...args) => stampShard(unstamped(...args), options.shard, deps.env)

  const wantsEvidence = options.evidence && options.mode !== 'config'
  if (options.mode === 'probe' && !options.evidence)
    throw new UserError('mode: probe sends the probes, so it needs evidence: true.')
  const runnerLocation =
    wantsEvidence || (options.reachability && options.mode !== 'probe')
      ? await locateRunner(options, deps)
      : undefined
  if (options.mode === 'probe') {
    const ledger = await probe(manifest, options, deps, runnerLocation)
    return report(
      [],
      [`Sent ${ledger.probes.length} probes; mode: verify reads ${options.ledgerPath} and judges them.`],
      probeApiCalls(ledger)
    )
  }

  // In full mode the probes go out first, so CloudTrail's delivery delay overlaps the EC2 reads.
  phase('sending the probes')
  const probed =
    options.mode === 'full' && wantsEvidence
      ? await probe(manifest, options, deps, runnerLocation)
      : undefined
  phase('reading the EC2 inventory')
  const inventory = await collectInventory(manifest, deps.aws)
  deps.log.info(
    `Read the EC2 inventory with ${total(inventory.apiCalls)} API calls (${total(deps.aws.attempts)} HTTP requests, retries included).`
  )
  let configFindings: Finding[] = checkConfiguration(manifest, inventory)
  if (plan) {
    const predicted = predictFromPlan(plan, manifest, inventory, configFindings)
    configFindings = predicted.findings
    planNotes.push(...predicted.notes)
  }
  // Reachability Analyzer (opt-in) waits for AWS beside the CloudTrail wait; merged before each report.
  const reachability = startReachability(options, { ...deps, clock }, manifest, inventory, runnerLocation)
  const outOfTime = () => (deadline.signal.aborted ? [`Stopped early: ${deadline.reason()}.`] : [])
  if (!wantsEvidence) {
    if (options.reachability) phase('waiting for Reachability Analyzer')
    const [findings, notes] = await reachability.merge(
      configFindings,
      options.mode === 'config'
        ? []
        : ['Traffic evidence is off (evidence: false): only the configuration was checked.']
    )
    return report(findings, [...notes, ...outOfTime()], {}, undecidedCause(findings, inventory))
  }
  const findings = configFindings
  // `ledger-run`: an earlier run's ledger, for the S3 access logs delivered since (src/access-log/earlier-run.ts).
  if (options.ledgerRun && options.mode === 'verify') {
    phase('reading the S3 access logs')
    const later = await verifyEarlierRun({
      ...{ manifest, ledgerPath: options.ledgerPath, ledgerRun: options.ledgerRun, inventory, aws: deps.aws },
      ...{ now: now(), signal: deadline.signal, log: deps.log }
    })
    const [all, reachNotes] = await reachability.merge([...findings, ...later.findings], later.notes)
    return report(all, [...reachNotes, ...outOfTime()], {}, undecidedCause(all, inventory))
  }

  // A runner in no VPC has nothing to verify: no ledger is needed, and nothing is waited for.
  const noVpc = runnerLocation?.kind === 'no-vpc'
  const ledger =
    probed ??
    (noVpc
      ? emptyLedger(manifest)
      : await withOwnDnsAnswers(await readLedger(options.ledgerPath), dnsResolverFor(options)))
  const know = await verifierKnowledge(manifest, deps.env, now(), runSessionName(deps.env), async vpc => {
    return (await deps.aws.credentialsFor(accessFor(vpc))).accessKeyId
  })
  // The build step between probe and verify can rewrite a ledger read from disk: take only what this run
  // can confirm. A ledger this process just wrote needs no such check.
  const distrust = probed || noVpc ? [] : ledgerTrustProblems(ledger, know)
  if (distrust.length > 0) {
    deps.log.warning(`The evidence ledger is not this run's: ${distrust.join('; ')}`)
    const [all, reachNotes] = await reachability.merge(
      [
        ...findings,
        ...untrustedLedgerFindings(manifest, distrust, options.ledgerPath),
        ...untrustedAccessLogFindings(manifest, distrust.slice(0, 3).join('; '))
      ],
      []
    )
    return report(all, [...reachNotes, ...outOfTime()], {}, undecidedCause(all, inventory))
  }
  // The connectivity test decides at once, before any wait for CloudTrail (and only on a ledger this run trusts).
  findings.push(
    ...(await checkEgress({
      manifest,
      ledger,
      location: runnerLocation,
      target: parseEgressTarget(options.egressTarget, 'egress-target'),
      log: deps.log,
      signal: deadline.signal
    }))
  )
  phase('waiting for CloudTrail')
  const timeoutMs = evidenceTimeout(options, deadline, deps.log)
  // Looked for while CloudTrail is awaited (S3 delivers in hours: it does not hold the run up on its own).
  const cloudTrailDone = new AbortController()
  const accessLogs = verifyAccessLogsOfThisRun({
    ...{
      manifest,
      ledger,
      inventory,
      aws: deps.aws,
      run: runOf(deps.env),
      timeoutMs,
      stop: cloudTrailDone.signal,
      clock
    },
    ...{ ...(runnerLocation ? { runnerLocation } : {}), signal: deadline.signal, log: deps.log }
  })
  accessLogs.catch(() => undefined)
  // Opt-in; polled alongside CloudTrail, so its wait overlaps the delivery delay. Never rejects.
  const metrics = options.privateLinkMetrics
    ? runMetricsPhase({
        manifest,
        ledger,
        snapshots: inventory.vpcs,
        ...(runnerLocation ? { runnerLocation } : {}),
        cloudWatchFor: (region, vpc) => deps.aws.cloudWatchFor({ ...accessFor(vpc), region }),
        timeoutMs,
        log: deps.log,
        signal: deadline.signal,
        now: clock.now,
        sleep: clock.sleep
      })
    : undefined
  const evidence = await runVerifyPhase({
    rejectRecord: (probe, record) => recordIdentityProblem(probe, record, ledger, know),
    ledger,
    ...(runnerLocation ? { runnerLocation } : {}),
    manifest,
    snapshots: inventory.vpcs,
    cloudTrailClientFor: (region, vpc) => deps.aws.cloudTrailFor({ ...accessFor(vpc), region }),
    timeoutMs,
    ...(options.lookupRate ? { lookupRate: options.lookupRate } : {}),
    clock,
    log: deps.log,
    signal: deadline.signal
  }).finally(() => cloudTrailDone.abort())
  const [all, notes] = await reachability.merge(
    [...findings, ...evidence.findings, ...(await accessLogs), ...((await metrics)?.findings ?? [])],
    evidence.notes
  )
  return report(all, [...notes, ...outOfTime()], probeApiCalls(ledger), undecidedCause(all, inventory))
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
  deps: RunDeps & { deadline: Deadline },
  runnerLocation: RunnerLocation | undefined
): Promise<Ledger> {
  const ledger = await runProbePhase({
    signal: deps.deadline.signal,
    manifest,
    ...(runnerLocation ? { runnerLocation } : {}),
    credentialsFor: async vpc => {
      const credentials = await deps.aws.credentialsFor(accessFor(vpc))
      return { credentials, accessKeyId: credentials.accessKeyId }
    },
    env: deps.env,
    ...(options.dnsServers.length > 0 ? { dnsServers: options.dnsServers } : {}),
    log: deps.log
  })
  const run = runOf(deps.env)
  const withLogs = await withAccessLogProbes(ledger, {
    ...{ manifest, aws: deps.aws, run, signal: deps.deadline.signal, log: deps.log },
    ...(runnerLocation ? { runnerLocation } : {})
  })
  const stamped = run ? { ...withLogs, run } : withLogs
  await writeLedger(options.ledgerPath, stamped)
  return stamped
}

function dnsResolverFor(options: RunOptions) {
  return dnsResolver(options.dnsServers.length > 0 ? { servers: options.dnsServers } : {})
}

/** Where the runner is (`runner-vpc`, RUNNER_ENVIRONMENT, instance metadata), said once in the log. */
async function locateRunner(
  options: RunOptions,
  deps: RunDeps & { deadline: Deadline }
): Promise<RunnerLocation> {
  const location = await measureRunnerLocation(options.runnerVpc ?? 'auto', deps.env, {
    signal: deps.deadline.signal
  })
  deps.log.info(describeRunnerLocation(location))
  return location
}

function emptyLedger(manifest: Manifest): Ledger {
  const at = new Date().toISOString()
  return {
    version: 1,
    startedAt: at,
    finishedAt: at,
    manifestFile: manifest.file,
    callers: [],
    probes: [],
    unprobed: []
  }
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
