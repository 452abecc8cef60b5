import * as core from '@actions/core'
import { parseActionInputs, type ActionInputs } from './action/inputs.js'
import { AwsClientFactory } from './aws/clients.js'
import { isUserError } from './core/errors.js'
import type { Log } from './core/log.js'
import { executeRun } from './core/run.js'
import type { RunReport } from './core/run-report.js'
import { emitAnnotations } from './report/action-annotations.js'
import { setActionOutputs } from './report/action-outputs.js'
import { writeJobSummary } from './report/job-summary.js'
import { writeJsonReport } from './report/json-report.js'

/** The Actions log as the core's Log. */
export const actionLog: Log = {
  info: m => core.info(m),
  notice: m => core.notice(m),
  warning: m => core.warning(m)
}

export interface ActionDeps {
  inputs: ActionInputs
  aws: AwsClientFactory
  log: Log
  env: NodeJS.ProcessEnv
}

/**
 * The Action: parse the inputs into one typed object, run, report. A user error is one clear line
 * (manifest problems also become annotations on their lines); a bug keeps its stack.
 */
export async function run(deps: Partial<ActionDeps> = {}): Promise<void> {
  try {
    const env = deps.env ?? process.env
    const inputs = deps.inputs ?? parseActionInputs(name => core.getInput(name), env)
    if (inputs.githubToken) core.setSecret(inputs.githubToken)
    const log = deps.log ?? actionLog
    const aws = deps.aws ?? new AwsClientFactory({ onSecret: s => core.setSecret(s) })

    const report = await executeRun(inputs, { aws, log, env })
    await reportEverywhere(report, inputs, log)

    if (report.result === 'fail') {
      core.setFailed(`vpce-proof: ${failureLine(report)}`)
    }
  } catch (error) {
    failWith(error)
  }
}

async function reportEverywhere(report: RunReport, inputs: ActionInputs, log: Log): Promise<void> {
  // The verdict must reach the log and files even when a GitHub channel fails, so these come first.
  if (inputs.mode !== 'publish') await writeJsonReport(report, inputs.reportPath)
  emitAnnotations(report)
  await writeJobSummary(report, log)
  setActionOutputs(report, { reportPath: inputs.reportPath })
}

function failureLine(report: RunReport): string {
  const parts = report.failOn.filter(v => report.counts[v] > 0).map(v => `${report.counts[v]} ${v}`)
  return `${parts.join(', ')} (fail-on: ${report.failOn.join(',')}). See the annotations and the job summary.`
}

function failWith(error: unknown): void {
  if (isUserError(error)) {
    const problems = (error as { problems?: LocatedProblem[] }).problems ?? []
    for (const p of problems) {
      core.error(`${p.path ? `${p.path}: ` : ''}${p.message}`, { file: p.file, startLine: p.line, startColumn: p.column })
    }
    if (problems.length === 0) for (const line of error.details) core.error(line)
    core.setFailed(error.message)
    return
  }
  core.setFailed(error instanceof Error ? (error.stack ?? error.message) : String(error))
}

interface LocatedProblem {
  file: string
  line: number
  column: number
  path?: string
  message: string
}
