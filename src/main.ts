import * as core from '@actions/core'
import { Outputs } from './action/constants.js'
import { publishContextFrom, pullRequestBaseFrom } from './action/github-context.js'
import { parseActionInputs, type ActionInputs } from './action/inputs.js'
import { AwsClientFactory, runSessionName } from './aws/clients.js'
import { DEFAULT_RUN_TIMEOUT_MS, isDeadlineExceeded, startDeadline, type Deadline } from './core/deadline.js'
import type { Clock } from './core/clock.js'
import { isUserError } from './core/errors.js'
import { stripControl } from './core/escape-log.js'
import { commandSafeLog, type Log } from './core/log.js'
import { registerEnvironmentSecrets, registerSecret } from './core/redact.js'
import { executeRun } from './core/run.js'
import type { RunReport } from './core/run-report.js'
import { ManifestError } from './manifest/errors.js'
import { emitAnnotations } from './report/action-annotations.js'
import { setActionOutputs } from './report/action-outputs.js'
import { reportCouldNotCheck } from './report/github/could-not-check.js'
import {
  beginCheckRun,
  publishToGitHub,
  reportContextOf,
  type PublishContext
} from './report/github/publish.js'
import { writeJobSummary } from './report/job-summary.js'
import { writeJsonReport } from './report/json-report.js'
import { writeSarif } from './report/sarif/write.js'

/** The Actions log as the core's Log; no message can start a workflow command. */
export const actionLog: Log = commandSafeLog({
  info: m => core.info(m),
  notice: m => core.notice(m),
  warning: (m, at) =>
    core.warning(m, at ? { file: at.file, startLine: at.line, startColumn: at.column } : undefined)
})

/** Masked in the runner's log and redacted from every report channel. */
function secret(value: string): void {
  core.setSecret(value)
  registerSecret(value)
}

export interface ActionDeps {
  inputs: ActionInputs
  aws: AwsClientFactory
  log: Log
  env: NodeJS.ProcessEnv
  /** The clock of the run's waits on AWS (tests: simulated time); default the system's. */
  clock: Clock
}

/**
 * The Action: parse the inputs into one typed object, run, report. A user error is one clear line
 * (manifest problems also become annotations on their lines); a bug keeps its stack.
 */
export async function run(deps: Partial<ActionDeps> = {}): Promise<void> {
  let github: PublishContext | undefined
  let deadline: Deadline | undefined
  const log = deps.log ?? actionLog
  try {
    const env = deps.env ?? process.env
    const inputs = deps.inputs ?? parseActionInputs(name => core.getInput(name), env)
    if (inputs.githubToken) secret(inputs.githubToken)
    registerEnvironmentSecrets(env, secret)
    deadline = startDeadline(inputs.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS)
    const aws =
      deps.aws ??
      new AwsClientFactory({
        sessionName: runSessionName(env),
        onSecret: secret,
        signal: deadline.signal,
        ...(inputs.ec2Limits ? { ec2Limits: inputs.ec2Limits } : {})
      })
    github = publishContextFrom(inputs, env)
    // Started first, so a required check shows as running instead of missing.
    const checkRunId = inputs.mode === 'probe' ? undefined : await beginCheckRun(github, log)
    if (checkRunId) github = { ...github, checkRunId }

    const pullRequestBase = pullRequestBaseFrom(inputs, env, log)
    const report = await executeRun(inputs, {
      aws,
      log,
      env,
      deadline,
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(pullRequestBase ? { pullRequestBase } : {})
    })
    // Reporting runs after the deadline too (with its own request timeouts): every channel is written
    // and the check run is completed, never left in progress.
    await reportEverywhere(report, inputs, github, log)

    if (report.undecided) core.setFailed(`vpce-proof: could not check: ${report.undecided}`)
    else if (report.result === 'fail') core.setFailed(`vpce-proof: ${failureLine(report)}`)
  } catch (error) {
    failWith(error)
    // Never a stale verdict: the summary, the sticky comment and the check run say it could not check.
    await reportCouldNotCheck(github, log, error, deps.env ?? process.env)
  } finally {
    deadline?.dispose()
  }
}

/**
 * The verdict reaches the log, the summary and the files first; the GitHub API channels come last and
 * can only warn, so a read-only token (a fork's pull request) never changes the step's outcome.
 */
async function reportEverywhere(
  report: RunReport,
  inputs: ActionInputs,
  github: PublishContext,
  log: Log
): Promise<void> {
  if (inputs.mode === 'probe') {
    // Only the first half of a split run: the verify step reports.
    for (const note of report.notes) log.info(note)
    core.setOutput(Outputs.LedgerPath, inputs.ledgerPath)
    return
  }
  if (inputs.mode !== 'publish') await writeJsonReport(report, inputs.reportPath)
  if (inputs.sarifPath) await writeSarif(report, inputs.sarifPath)
  emitAnnotations(report, { annotatePasses: inputs.annotatePasses })
  await writeJobSummary(report, log, reportContextOf(github))
  if (inputs.mode === 'full' && inputs.evidence) core.setOutput(Outputs.LedgerPath, inputs.ledgerPath)
  setActionOutputs(report, {
    reportPath: inputs.reportPath,
    ...(inputs.sarifPath ? { sarifPath: inputs.sarifPath } : {})
  })
  await publishToGitHub(report, github, log)
}

function failureLine(report: RunReport): string {
  const parts = report.failOn.filter(v => report.counts[v] > 0).map(v => `${report.counts[v]} ${v}`)
  return `${parts.join(', ')} (fail-on: ${report.failOn.join(',')}). See the annotations and the job summary.`
}

function failWith(error: unknown): void {
  if (error instanceof ManifestError) {
    // Each problem as an annotation on its own line of the manifest.
    for (const p of error.problems) {
      core.error(stripControl(`${p.path ? `${p.path}: ` : ''}${p.message}`), {
        file: p.file,
        startLine: p.line,
        startColumn: p.column
      })
    }
    core.setFailed(stripControl(error.message))
    return
  }
  if (isDeadlineExceeded(error)) {
    core.setFailed(`vpce-proof: could not check: ${error.message}`)
    return
  }
  if (isUserError(error)) {
    for (const line of error.details) core.error(stripControl(line))
    core.setFailed(stripControl(error.message))
    return
  }
  core.setFailed(error instanceof Error ? (error.stack ?? error.message) : String(error))
}
