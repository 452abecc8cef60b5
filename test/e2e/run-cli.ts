import { spawn } from 'node:child_process'
import * as path from 'node:path'
import { captureProcessOutput, useProcessEnv } from './in-process-io.js'
import { freshProcessState } from './process-state.js'
import type { Clock } from '../../src/core/clock.js'

/** The repository root: the packaged CLI runs from here as a user runs it. */
export const ROOT = path.resolve(import.meta.dirname, '../..')

export interface ProcessRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs a process to its end with only the environment given (nothing of the test runner's leaks in). */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> }
): Promise<ProcessRun> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise(resolve => child.on('close', code => resolve({ code: code ?? -1, stdout, stderr })))
}

/** The whole environment of a CLI run: PATH, no instance metadata lookups, and `env`. */
function cliEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true', ...env }
}

/** `bin/vpce-proof.js` (over dist/cli) with PATH, no instance metadata, and `env`. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return runProcess(process.execPath, ['--no-warnings', path.join(ROOT, 'bin/vpce-proof.js'), ...args], {
    cwd: ROOT,
    env: cliEnv(env)
  })
}

/**
 * What the product, the AWS SDK (credentials, endpoint, profile files under HOME) and the colour rules read
 * from process.env: none of the test runner's may leak into an in-process run.
 */
const RUN_VARIABLES =
  /^(?:AWS_|GITHUB_|INPUT_|RUNNER_|ACTIONS_|VPCE_PROOF_|HOME$|FORCE_COLOR$|NO_COLOR$|TERM$)/

type Main = (typeof import('../../src/cli.js'))['main']

/** The CLI's entry with the process state a new process has: nothing a module keeps carries over from earlier runs. */
async function freshMain(): Promise<Main> {
  if (process.cwd() !== ROOT)
    throw new Error(`in-process CLI runs need the cwd ${ROOT}, as runCli has, not ${process.cwd()}`)
  freshProcessState()
  return (await import('../../src/cli.js')).main
}

/** One run of `main` with the process environment runCli would give, its stdout and stderr captured. */
async function runMain(
  main: Main,
  args: string[],
  env: Record<string, string>,
  clock: Clock | undefined
): Promise<ProcessRun> {
  const restoreEnv = useProcessEnv(RUN_VARIABLES, cliEnv(env))
  // main writes to the streams it is given; anything else that writes to the process's (nothing should)
  // lands in the same capture, as it would in a spawned run's pipes.
  const output = captureProcessOutput()
  try {
    // As bin/vpce-proof.js calls it, with process.env; its stdout is a pipe, not a terminal.
    const code = await main(args, process.env, {
      stdout: { write: output.out, isTTY: false },
      stderr: { write: output.err },
      ...(clock ? { clock } : {})
    })
    return { code, stdout: output.stdout(), stderr: output.stderr() }
  } finally {
    output.restore()
    restoreEnv()
  }
}

/**
 * The same run as `runCli` through the CLI's entry (`main` of src/cli.ts, which bin/vpce-proof.js awaits)
 * inside the test process: process.env is the environment runCli would give the process (only it, for
 * every variable the SDK or the product reads), stdout and stderr are captured as a pipe would (not a
 * terminal), and `code` is what main returns, which the bin makes the exit code. It pays no process and no
 * 5 MB bundle start-up; cli-parity.test.ts shows both give the same results. `clock`: the run's waits on
 * simulated time (test/clock/skipping-clock.ts). Runs go one at a time (they own process.env meanwhile),
 * each starting as a new process would (nothing a module keeps, such as the secrets
 * registered for redaction, carries over). The working directory is the repository root, as for runCli.
 */
export async function runCliInProcess(
  args: string[],
  env: Record<string, string> = {},
  opts: { clock?: Clock } = {}
): Promise<ProcessRun> {
  return runMain(await freshMain(), args, env, opts.clock)
}

/**
 * Each argument list through the CLI's entry, one after the other from one fresh process state, as one process
 * running them all would: for tables of runs that leave no state behind and call nothing outside (usage and
 * manifest errors, help, iam-policy). Each result is what `runCliInProcess` gives for that run; a table's
 * test keeps one case equal to a spawned bin/vpce-proof.js run.
 */
export async function runCliBatchInProcess(
  argvs: string[][],
  env: Record<string, string> = {}
): Promise<ProcessRun[]> {
  const main = await freshMain()
  const results: ProcessRun[] = []
  for (const argv of argvs) results.push(await runMain(main, argv, env, undefined))
  return results
}
