/**
 * The CLI: `vpce-proof check --manifest FILE [--format text|json]`, over the same core as the Action.
 * Exit codes: 0 every check passed (per --fail-on), 1 a check failed, 2 usage or manifest error,
 * 3 an unexpected error (a bug: the stack is printed).
 */
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { parseArgs } from 'node:util'
import { duration, list, regionFrom } from './action/inputs.js'
import { AwsClientFactory } from './aws/clients.js'
import { UserError, isUserError } from './core/errors.js'
import { terminalSafe } from './core/escape-log.js'
import { parseFailOn } from './core/fail-on.js'
import { consoleLog } from './core/log.js'
import type { RunOptions } from './core/options.js'
import { registerEnvironmentSecrets } from './core/redact.js'
import { executeRun } from './core/run.js'
import { writeJsonReport } from './report/json-report.js'
import { renderText } from './report/text-report.js'

export const EXIT = { pass: 0, fail: 1, usage: 2, bug: 3 } as const

const USAGE = `Usage: vpce-proof check [options]

Checks that the VPC endpoints declared in the manifest exist and are configured as declared
(and, with --evidence, that probe calls really travel through them).

Options:
  --manifest FILE          manifest to check (default .github/vpc-endpoints.yml)
  --format text|json       output on stdout (default text)
  --fail-on LIST           verdicts that fail: fail,warn,inconclusive,skipped or none (default fail)
  --evidence               also send probes and read CloudTrail (run inside the VPC)
  --evidence-timeout DUR   how long to wait for CloudTrail (default 10m)
  --dns-servers LIST       DNS servers for the resolution check (default: the system's)
  --report FILE            also write the JSON report to FILE
  -h, --help               this help

Exit codes: 0 passed, 1 a check failed, 2 usage or manifest error, 3 unexpected error.
Credentials come from the AWS SDK's default chain (environment, AWS_PROFILE, SSO, instance role).
VPCs without a region in the manifest use AWS_REGION, else AWS_DEFAULT_REGION.`

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { format, options } = parseCli(argv, env)
    if (!options) {
      process.stdout.write(`${USAGE}\n`)
      return EXIT.pass
    }
    registerEnvironmentSecrets(env)
    const report = await executeRun(options, { aws: new AwsClientFactory(), log: consoleLog, env })
    if (options.reportPath) await writeJsonReport(report, options.reportPath)
    // JSON escapes control characters itself; the text carries AWS and manifest strings as they are.
    process.stdout.write(
      `${format === 'json' ? JSON.stringify(report, null, 2) : terminalSafe(renderText(report))}\n`
    )
    return report.result === 'pass' ? EXIT.pass : EXIT.fail
  } catch (error) {
    if (isUserError(error)) {
      // Messages quote the manifest (unknown keys, values): no control sequences reach the terminal.
      process.stderr.write(terminalSafe(`vpce-proof: ${error.message}\n`))
      for (const line of error.details) process.stderr.write(terminalSafe(`  ${line}\n`))
      return EXIT.usage
    }
    process.stderr.write(
      terminalSafe(
        `vpce-proof: unexpected error (please report it):\n${(error as Error)?.stack ?? String(error)}\n`
      )
    )
    return EXIT.bug
  }
}

function parseCli(argv: string[], env: NodeJS.ProcessEnv): { format: 'text' | 'json'; options?: RunOptions } {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        manifest: { type: 'string', default: '.github/vpc-endpoints.yml' },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'fail' },
        evidence: { type: 'boolean', default: false },
        'evidence-timeout': { type: 'string', default: '10m' },
        'dns-servers': { type: 'string', default: '' },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (error) {
    throw new UserError(`${(error as Error).message}. Run vpce-proof --help.`)
  }
  const { values, positionals } = parsed
  if (values.help || positionals.length === 0) return { format: 'text' }
  if (positionals[0] !== 'check' || positionals.length > 1) {
    throw new UserError(
      `unknown command "${positionals.join(' ')}"; the command is: vpce-proof check. Run vpce-proof --help.`
    )
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UserError(`--format: "${values.format}" is not text or json.`)
  }
  const manifest = values.manifest
  // The ledger only lives for this process (probe and verify run back to back here). A temp dir, not a
  // path under cwd: ncc would turn a relative directory that exists at build time into a bundled asset.
  const tmp = path.join(tmpdir(), `vpce-proof-${process.pid}`)
  return {
    format: values.format,
    options: {
      manifestPath: path.resolve(manifest),
      manifestDisplayPath: manifest,
      ...regionFrom(env),
      mode: values.evidence ? 'full' : 'config',
      failOn: parseFailOn(values['fail-on'], '--fail-on'),
      evidence: values.evidence,
      evidenceTimeoutMs: duration(values['evidence-timeout'], '--evidence-timeout'),
      dnsServers: list(values['dns-servers']),
      ledgerPath: path.join(tmp, 'ledger.json'),
      reportPath: values.report ? path.resolve(values.report) : ''
    }
  }
}
