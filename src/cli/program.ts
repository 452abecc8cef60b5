import { Command, CommanderError } from 'commander'
import type { Clock } from '../core/clock.js'
import { lineLog, type Log } from '../core/log.js'
import { UserError } from '../core/errors.js'
import { EXIT } from '../core/fail-on.js'
import { VERSION } from '../core/version.js'

/** Where the CLI writes, and what it reads besides argv: main() gives the process's, tests their own. */
export interface CliIo {
  env: NodeJS.ProcessEnv
  /** The report; `isTTY` (a terminal) turns colour on by default. */
  stdout: { write(text: string): unknown; isTTY?: boolean }
  /** Progress, warnings, and the one-line errors. */
  stderr: { write(text: string): unknown }
  /** The clock of the run's waits on AWS (CloudTrail and Reachability polling, pacing); tests give a simulated one. */
  clock: Clock
}

/** What every subcommand gets: the environment, and where its report, log and exit code go. */
export interface CliContext {
  env: NodeJS.ProcessEnv
  /** stdout (the report); progress and warnings go to stderr through the log. */
  out: (text: string) => void
  /** stderr, for the lines the command writes itself ("could not check: ..."). */
  err: (text: string) => void
  /** Whether stdout is a terminal. */
  outIsTTY: boolean
  /** Progress and warnings, one line each on stderr. */
  log: Log
  clock: Clock
  /** Set by the command's action; stays 0 for help and version. */
  exitCode: number
}

/** A subcommand: adds itself (options, help, action) to the program. */
export type Subcommand = (program: Command, ctx: CliContext) => void

const HELP_AFTER = `
First time? \`vpce-proof init --vpc vpc-...\` writes a manifest of the endpoints the VPC has now;
\`vpce-proof iam-policy\` prints the IAM policy a run needs; then \`vpce-proof check\`.
Each command has its own help: \`vpce-proof check --help\`, \`vpce-proof init --help\`,
\`vpce-proof iam-policy --help\`, \`vpce-proof merge --help\`.
A GitHub Actions matrix runs one \`check --shard ACCOUNT/REGION --report F\` per job; \`merge\` joins them.

Synopsis:
  vpce-proof check [--manifest FILE] [--format text|json|sarif|markdown|junit] [options]
  vpce-proof init --vpc VPC_ID [--vpc ...] | --all-vpcs [--region R] [--output FILE] [--force]
  vpce-proof iam-policy [--manifest FILE] [--evidence [--privatelink-metrics]]
  vpce-proof merge REPORT... [--expected-shards LIST] [--manifest FILE] [--report FILE] [--sarif FILE]

Exit codes: 0 passed, 1 a check failed, 2 usage or manifest error, or nothing could be checked
("could not check: ..."), 3 unexpected error.`

/**
 * Parses argv with commander (subcommands, generated help, did-you-mean for flags and commands) and runs the
 * chosen subcommand. Commander never exits the process or prints an error itself: its errors come back as
 * UserErrors (exit 2, one line), so the CLI has one place that decides what reaches stderr.
 */
export async function runProgram(
  argv: readonly string[],
  io: CliIo,
  subcommands: readonly Subcommand[]
): Promise<number> {
  const err = (text: string) => void io.stderr.write(text)
  const ctx: CliContext = {
    env: io.env,
    out: text => void io.stdout.write(text),
    err,
    outIsTTY: io.stdout.isTTY === true,
    log: lineLog(err),
    clock: io.clock,
    exitCode: EXIT.pass
  }
  const program = new Command('vpce-proof')
    .description(
      'Proves that the VPC endpoints declared in a manifest exist, are configured as declared and, with' +
        ' `check --evidence`, that probe calls really travel through them.'
    )
    .version(VERSION, '--version', 'print the version and exit')
    .helpOption('-h, --help', 'this help')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: text => ctx.out(text),
      // Errors are rethrown as UserErrors below and printed once by main().
      writeErr: () => undefined,
      outputError: () => undefined
    })
    .addHelpText('after', HELP_AFTER)
  for (const add of subcommands) add(program, ctx)

  // No command at all: the usage, as a request for help (exit 0), not as an error.
  if (argv.length === 0) {
    ctx.out(program.helpInformation())
    return EXIT.pass
  }
  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error
    if (error.exitCode === 0) return EXIT.pass // --help, --version
    throw new UserError(`${usageMessage(error.message)} Run ${helpCommandFor(argv, program)}.`)
  }
  return ctx.exitCode
}

/** Commander's "error: unknown option '--manfest'\n(Did you mean --manifest?)" as one sentence. */
function usageMessage(message: string): string {
  const text = message
    .replace(/^error:\s*/, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\(Did you mean/g, '(did you mean')
    .trim()
  return /[.?]$/.test(text) ? text : `${text}.`
}

function helpCommandFor(argv: readonly string[], program: Command): string {
  const name = argv[0]
  const known = program.commands.some(c => c.name() === name)
  return known ? `vpce-proof ${name} --help` : 'vpce-proof --help'
}
