import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { captureProcessOutput, useProcessEnv } from './in-process-io.js'
import { freshProcessState } from './process-state.js'
import type { Clock } from '../../src/core/clock.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  /** Workflow commands the step printed (`::error file=..::msg`), parsed. */
  commands: WorkflowCommand[]
  outputs: Record<string, string>
  summary: string
  dir: string
}

export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
}

/**
 * Runs dist/index.js the way the runner does: inputs as INPUT_* variables, outputs and summary through
 * the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, annotations as workflow commands on stdout.
 */
export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<ActionRun> {
  const step = await prepareStep(inputs, env)
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/index.js')], {
    cwd: ROOT,
    env: step.env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exitCode = await new Promise<number>(resolve => child.on('close', code => resolve(code ?? -1)))
  return finishStep(step, exitCode, stdout, stderr)
}

interface Step {
  dir: string
  outputFile: string
  summaryFile: string
  env: Record<string, string>
}

/** The runner's side of a step: its temporary directory, output and summary files, and environment. */
async function prepareStep(inputs: Record<string, string>, env: Record<string, string>): Promise<Step> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-e2e-'))
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary.md')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])
  )
  return {
    dir,
    outputFile,
    summaryFile,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      GITHUB_WORKSPACE: ROOT,
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_REGION: 'ap-northeast-1',
      // No instance metadata lookups on a developer machine.
      AWS_EC2_METADATA_DISABLED: 'true',
      // The fake GitHub is on loopback: its write spacing and backoff on a 1 ms second (loopback-second.ts).
      VPCE_PROOF_TEST_GITHUB_SECOND_MS: '1',
      ...inputEnv,
      ...env
    }
  }
}

async function finishStep(step: Step, exitCode: number, stdout: string, stderr: string): Promise<ActionRun> {
  return {
    exitCode,
    stdout,
    stderr,
    commands: parseCommands(stdout),
    outputs: parseOutputs(await readFile(step.outputFile, 'utf8')),
    summary: await readFile(step.summaryFile, 'utf8'),
    dir: step.dir
  }
}

/** What the runner's environment names (and the SDK, Octokit and @actions/core read): replaced for a step. */
const STEP_VARIABLES = /^(?:AWS_|GITHUB_|INPUT_|RUNNER_|ACTIONS_|VPCE_PROOF_|HOME$)/

/**
 * The same step through the Action's entry function (`run` from src/main.ts, which src/index.ts, bundled
 * to dist/index.js, awaits) inside the test process: the environment the runner would give, stdout and
 * stderr captured, the exit code the step would have. It pays no process and no 5 MB bundle start-up,
 * so a file can run many scenarios; action-entry.test.ts shows the bundle gives the same results.
 * Steps run one at a time (they own process.env and stdout while they run).
 *
 * `clock`: the run's waits on AWS (CloudTrail polling and pacing, metrics, S3 logs, Reachability) on this
 * clock, e.g. a skipping clock (test/clock/skipping-clock.ts) whose `now` the simulator also uses, so
 * delivery delays pass in simulated time. The run's deadline stays on real time.
 */
export async function runActionInProcess(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  options: { clock?: Clock } = {}
): Promise<ActionRun> {
  const step = await prepareStep(inputs, env)
  // Nothing a product module keeps (the secrets registered for redaction, above all) carries over from an
  // earlier step or test file: a step starts as a new process would (process-state.ts).
  freshProcessState()
  const { run } = await import('../../src/main.js')
  const core = await import('@actions/core')
  const savedExitCode = process.exitCode
  const restoreEnv = useProcessEnv(STEP_VARIABLES, step.env)
  process.exitCode = undefined
  // @actions/core keeps the summary file it found first: a fresh step starts with none.
  ;(core.summary as unknown as { _filePath?: string })._filePath = undefined
  core.summary.emptyBuffer()
  const output = captureProcessOutput()
  let exitCode: number
  try {
    await run(options.clock ? { clock: options.clock } : {})
    exitCode = Number(process.exitCode ?? 0)
  } finally {
    output.restore()
    process.exitCode = savedExitCode
    restoreEnv()
  }
  return finishStep(step, exitCode, output.stdout(), output.stderr())
}

function parseCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = []
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    const properties = Object.fromEntries(
      (m[2] ?? '')
        .split(',')
        .filter(Boolean)
        .map(kv => {
          const i = kv.indexOf('=')
          return [kv.slice(0, i), unescape(kv.slice(i + 1))]
        })
    )
    commands.push({ command: m[1]!, properties, message: unescape(m[3] ?? '') })
  }
  return commands
}

/** The runner's escaping of workflow command data (%25, %0D, %0A, %3A, %2C). */
function unescape(s: string): string {
  return s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')
}

/** GITHUB_OUTPUT uses `name<<DELIMITER\nvalue\nDELIMITER`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) outputs[m[1]!] = m[3]!
  return outputs
}
