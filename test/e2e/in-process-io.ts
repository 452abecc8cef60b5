/** The process-wide pieces of an in-process Action or CLI run: its output and its environment. */

/**
 * What the process writes to stdout and stderr while a run is in-process, captured as a spawned run's pipes
 * would capture it. `restore` puts the streams back (call it in a `finally`).
 */
export interface CapturedOutput {
  stdout: () => string
  stderr: () => string
  /** Appends to the captured stdout / stderr (for writers handed to the code under test). */
  out: (text: string) => void
  err: (text: string) => void
  restore: () => void
}

export function captureProcessOutput(): CapturedOutput {
  const writes = { out: process.stdout.write, err: process.stderr.write }
  let stdout = ''
  let stderr = ''
  process.stdout.write = ((chunk: string | Uint8Array) => (
    (stdout += String(chunk)),
    true
  )) as typeof process.stdout.write
  process.stderr.write = ((chunk: string | Uint8Array) => (
    (stderr += String(chunk)),
    true
  )) as typeof process.stderr.write
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    out: text => void (stdout += text),
    err: text => void (stderr += text),
    restore: () => {
      process.stdout.write = writes.out
      process.stderr.write = writes.err
    }
  }
}

/**
 * Gives the process the environment a spawned run would have for every variable `owned` names (the ones the
 * product, the SDK and the runner read): the test runner's own are removed, `env`'s set. Returns the undo.
 */
export function useProcessEnv(owned: RegExp, env: Record<string, string>): () => void {
  // One in-process run at a time, Action or CLI: each owns process.env (and stdout) while it runs.
  if (envInUse) throw new Error('in-process runs go one at a time: they own process.env and stdout meanwhile')
  envInUse = true
  const saved = { ...process.env }
  for (const key of Object.keys(process.env)) if (owned.test(key)) delete process.env[key]
  Object.assign(process.env, env)
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
    envInUse = false
  }
}

let envInUse = false
