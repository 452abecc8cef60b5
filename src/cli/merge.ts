import * as path from 'node:path'
import { parseArgs } from 'node:util'
import { regionFrom } from '../action/inputs.js'
import { UserError } from '../core/errors.js'
import { terminalSafe } from '../core/escape-log.js'
import { exitCodeFor, parseFailOn } from '../core/fail-on.js'
import { consoleLog } from '../core/log.js'
import { parseShardList } from '../merge/shard.js'
import { runMerge } from '../merge/run-merge.js'
import { parseAllowedAccounts } from '../policy/allowed-accounts.js'
import { writeJsonReport } from '../report/json-report.js'
import { writeSarif } from '../report/sarif/write.js'
import { renderText } from '../report/text-report.js'

export const MERGE_USAGE = `Usage: vpce-proof merge REPORT... [options]

Folds the JSON reports of a matrix (one \`vpce-proof check --shard ACCOUNT/REGION --report F\` per job)
into one report. REPORT is a file or a folder (searched for *.json, e.g. download-artifact's path).
A shard that is missing, unreadable, duplicated or from another run or commit fails the merged
verdict ("shard X missing"); each shard's verdict is recomputed from its findings with --fail-on.

Options:
  --expected-shards LIST   the shards to expect (ACCOUNT/REGION or REGION, comma separated)
                           (default: every ACCOUNT/REGION of --manifest)
  --manifest FILE          manifest the shards come from (default .github/vpc-endpoints.yml)
  --fail-on LIST           verdicts that fail (default fail,inconclusive)
  --format text|json       output on stdout (default text)
  --report FILE            also write the merged JSON report to FILE
  --sarif FILE             also write the merged SARIF to FILE
  -h, --help               this help

In GitHub Actions (GITHUB_RUN_ID, GITHUB_SHA set) only reports of this run and commit count; elsewhere
they must all name one run and commit. Exit codes as for check: 0 passed, 1 failed, 2 nothing decided
(every shard missing or undecided) or a usage error.`

/** `vpce-proof merge`: no AWS access; the exit code follows the merged verdict. */
export async function mergeCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'expected-shards': { type: 'string', default: '' },
        manifest: { type: 'string', default: '.github/vpc-endpoints.yml' },
        'fail-on': { type: 'string', default: 'fail,inconclusive' },
        format: { type: 'string', default: 'text' },
        report: { type: 'string' },
        sarif: { type: 'string' },
        'allowed-accounts': { type: 'string', default: '' },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (error) {
    throw new UserError(`${(error as Error).message}. Run vpce-proof merge --help.`)
  }
  const { values, positionals } = parsed
  if (values.help) {
    process.stdout.write(`${MERGE_USAGE}\n`)
    return 0
  }
  if (positionals.length === 0)
    throw new UserError('merge needs the shard reports: vpce-proof merge REPORT... (see --help).')
  if (values.format !== 'text' && values.format !== 'json')
    throw new UserError(`--format: "${values.format}" is not text or json.`)
  const expected = parseShardList(values['expected-shards'], '--expected-shards')
  const report = await runMerge(
    {
      manifestPath: path.resolve(values.manifest),
      manifestDisplayPath: values.manifest,
      ...regionFrom(env),
      mode: 'merge',
      failOn: parseFailOn(values['fail-on'], '--fail-on'),
      evidence: false,
      evidenceTimeoutMs: 0,
      dnsServers: [],
      ledgerPath: '',
      reportPath: values.report ? path.resolve(values.report) : '',
      manifestRef: 'head',
      allowedAccounts: parseAllowedAccounts(values['allowed-accounts'], '--allowed-accounts'),
      shardReports: positionals.map(p => path.resolve(p)),
      ...(expected.length > 0 ? { expectedShards: expected } : {})
    },
    // Report files are named relative to where the command runs.
    { log: consoleLog, env: { ...env, GITHUB_WORKSPACE: process.cwd() } }
  )
  if (values.report) await writeJsonReport(report, path.resolve(values.report))
  if (values.sarif) await writeSarif(report, path.resolve(values.sarif))
  process.stdout.write(
    `${values.format === 'json' ? JSON.stringify(report, null, 2) : terminalSafe(renderText(report))}\n`
  )
  if (report.undecided)
    process.stderr.write(`vpce-proof: could not check: ${terminalSafe(report.undecided)}\n`)
  return exitCodeFor(report)
}
