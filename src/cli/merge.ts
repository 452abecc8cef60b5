import * as path from 'node:path'
import { Option, type Command } from 'commander'
import { regionFrom } from '../action/inputs.js'
import { terminalSafe } from '../core/escape-log.js'
import { exitCodeFor, parseFailOn } from '../core/fail-on.js'
import { parseShardList } from '../merge/shard.js'
import { runMerge } from '../merge/run-merge.js'
import { parseAllowedAccounts } from '../policy/allowed-accounts.js'
import { writeJsonReport } from '../report/json-report.js'
import { writeSarif } from '../report/sarif/write.js'
import { renderText } from '../report/text-report.js'
import type { CliContext } from './program.js'

interface MergeFlags {
  expectedShards?: string
  manifest: string
  failOn: string
  format: 'text' | 'json'
  report?: string
  sarif?: string
  allowedAccounts?: string
}

const DESCRIPTION =
  `Folds the JSON reports of a matrix (one \`vpce-proof check --shard ACCOUNT/REGION --report F\` per job) into one
report. REPORT is a file or a folder (searched for *.json, e.g. download-artifact's path). A shard that is missing,
unreadable, duplicated or from another run or commit fails the merged verdict ("shard X missing"); each shard's
verdict is recomputed from its findings with --fail-on. No AWS access.`.replace(/\n/g, ' ')

const HELP_AFTER = `
In GitHub Actions (GITHUB_RUN_ID, GITHUB_SHA set) only reports of this run and commit count; elsewhere
they must all name one run and commit. Exit codes as for check: 0 passed, 1 failed, 2 nothing decided
(every shard missing or undecided) or a usage error. See docs/matrix.md.`

/** \`vpce-proof merge REPORT...\`: the merged report on stdout, the exit code by its verdict. */
export function addMergeCommand(program: Command, ctx: CliContext): void {
  program
    .command('merge')
    .summary('fold the shard reports of a matrix into one verdict')
    .description(DESCRIPTION)
    .argument('<REPORT...>', 'shard report files or folders')
    .option(
      '--expected-shards <LIST>',
      'the shards to expect, ACCOUNT/REGION or REGION, comma separated (default: every ACCOUNT/REGION of --manifest)'
    )
    .option('--manifest <FILE>', 'manifest the shards come from', '.github/vpc-endpoints.yml')
    .option(
      '--fail-on <LIST>',
      'verdicts that fail: fail,warn,inconclusive,skipped or none',
      'fail,inconclusive'
    )
    .addOption(new Option('--format <FORMAT>', 'output on stdout').choices(['text', 'json']).default('text'))
    .option('--report <FILE>', 'also write the merged JSON report to FILE')
    .option('--sarif <FILE>', 'also write the merged SARIF to FILE')
    .option(
      '--allowed-accounts <LIST>',
      "AWS account ids the manifest's account and role-arn may name (default any)"
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (reports: string[], flags: MergeFlags) => {
      ctx.exitCode = await merge(reports, flags, ctx)
    })
}

async function merge(reports: string[], flags: MergeFlags, ctx: CliContext): Promise<number> {
  const expected = parseShardList(flags.expectedShards ?? '', '--expected-shards')
  const report = await runMerge(
    {
      manifestPath: path.resolve(flags.manifest),
      manifestDisplayPath: flags.manifest,
      ...regionFrom(ctx.env),
      mode: 'merge',
      failOn: parseFailOn(flags.failOn, '--fail-on'),
      evidence: false,
      evidenceTimeoutMs: 0,
      dnsServers: [],
      ledgerPath: '',
      reportPath: flags.report ? path.resolve(flags.report) : '',
      manifestRef: 'head',
      allowedAccounts: parseAllowedAccounts(flags.allowedAccounts ?? '', '--allowed-accounts'),
      shardReports: reports.map(p => path.resolve(p)),
      ...(expected.length > 0 ? { expectedShards: expected } : {})
    },
    // Report files are named relative to where the command runs.
    { log: ctx.log, env: { ...ctx.env, GITHUB_WORKSPACE: process.cwd() } }
  )
  if (flags.report) await writeJsonReport(report, path.resolve(flags.report))
  if (flags.sarif) await writeSarif(report, path.resolve(flags.sarif))
  ctx.out(`${flags.format === 'json' ? JSON.stringify(report, null, 2) : terminalSafe(renderText(report))}\n`)
  if (report.undecided) ctx.err(`vpce-proof: could not check: ${terminalSafe(report.undecided)}\n`)
  return exitCodeFor(report)
}
