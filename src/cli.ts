/**
 * The CLI: `vpce-proof check|init|iam-policy|merge`, over the same core as the Action. Arguments are parsed by
 * commander (src/cli/program.ts); each subcommand lives in src/cli/.
 * Exit codes: 0 every check passed (per --fail-on), 1 a check failed, 2 usage or manifest error or a run
 * that could decide nothing, 3 an unexpected error (a bug: the stack is printed).
 */
import { addCheckCommand, oneLine } from './cli/check.js'
import { addIamPolicyCommand } from './cli/iam-policy.js'
import { addInitCommand } from './cli/init.js'
import { addMergeCommand } from './cli/merge.js'
import { runProgram, type CliIo, type Subcommand } from './cli/program.js'
import { systemClock } from './core/clock.js'
import { isDeadlineExceeded } from './core/deadline.js'
import { isUserError } from './core/errors.js'
import { terminalSafe } from './core/escape-log.js'
import { EXIT } from './core/fail-on.js'

export { EXIT }

/** Every subcommand, in the order `--help` lists them. */
const SUBCOMMANDS: readonly Subcommand[] = [
  addCheckCommand,
  addInitCommand,
  addIamPolicyCommand,
  addMergeCommand
]

/** What main() uses besides argv and env; each defaults to the process's (stdout, stderr, system clock). */
export type CliDeps = Partial<Omit<CliIo, 'env'>>

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  deps: CliDeps = {}
): Promise<number> {
  // vpce-proof supports and tests this Node (see README); the SDK's notice about its own future Node floor
  // would otherwise greet every run. The SDK reads only process.env for this documented switch.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const stderr = deps.stderr ?? process.stderr
  const io: CliIo = { env, stdout: deps.stdout ?? process.stdout, stderr, clock: deps.clock ?? systemClock }
  try {
    return await runProgram(argv, io, SUBCOMMANDS)
  } catch (error) {
    if (isDeadlineExceeded(error)) {
      stderr.write(`vpce-proof: could not check: ${oneLine(error.message)}\n`)
      return EXIT.usage
    }
    if (isUserError(error)) {
      // Messages quote the manifest (unknown keys, values): no control sequences reach the terminal.
      stderr.write(terminalSafe(`vpce-proof: ${error.message}\n`))
      for (const line of error.details) stderr.write(terminalSafe(`  ${line}\n`))
      return EXIT.usage
    }
    stderr.write(
      terminalSafe(
        `vpce-proof: unexpected error (please report it):\n${(error as Error)?.stack ?? String(error)}\n`
      )
    )
    return EXIT.bug
  }
}
