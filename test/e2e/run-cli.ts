import { spawn } from 'node:child_process'
import * as path from 'node:path'

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

/** `bin/vpce-proof.js` (over dist/cli) with PATH, no instance metadata, and `env`. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return runProcess(process.execPath, ['--no-warnings', path.join(ROOT, 'bin/vpce-proof.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true', ...env }
  })
}

/**
 * The packaged CLI's entry (dist/cli) for each argument list, in one process (test/e2e/cli-batch.mjs):
 * for tables of runs that call nothing outside (usage and manifest errors, offline commands). Each result
 * is what `runCli` gives for that run; a test of the same case through `runCli` keeps the two equal.
 */
export async function runCliBatch(
  argvs: string[][],
  env: Record<string, string> = {}
): Promise<ProcessRun[]> {
  const run = await runProcess(
    process.execPath,
    ['--no-warnings', path.join(ROOT, 'test/e2e/cli-batch.mjs'), JSON.stringify(argvs)],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true', ...env } }
  )
  if (run.code !== 0) throw new Error(`the CLI batch failed (exit ${run.code}): ${run.stderr}`)
  const results = JSON.parse(run.stdout) as ProcessRun[]
  if (results.length !== argvs.length)
    throw new Error(`the CLI batch ran ${results.length} of ${argvs.length}`)
  return results
}
