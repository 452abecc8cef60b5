/**
 * The CLI: `vpce-proof check --manifest FILE [--format text|json]`, over the same core as the Action.
 * Exit codes: 0 every check passed (per --fail-on), 1 a check failed, 2 usage or manifest error or a run
 * that could decide nothing, 3 an unexpected error (a bug: the stack is printed).
 */
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { parseArgs } from 'node:util'
import { duration, list, positive, regionFrom } from './action/inputs.js'
import { AwsClientFactory } from './aws/clients.js'
import { DEFAULT_RUN_TIMEOUT_MS, isDeadlineExceeded, startDeadline } from './core/deadline.js'
import { UserError, isUserError } from './core/errors.js'
import { terminalSafe } from './core/escape-log.js'
import { EXIT, exitCodeFor, parseFailOn } from './core/fail-on.js'
import { consoleLog } from './core/log.js'
import { VERSION } from './core/version.js'
import type { RunOptions } from './core/options.js'
import { parseRunnerVpc } from './runner/location.js'
import { registerEnvironmentSecrets, registerSecret } from './core/redact.js'
import { executeRun } from './core/run.js'
import { writeJsonReport } from './report/json-report.js'
import { parseAllowedAccounts } from './policy/allowed-accounts.js'
import { iamPolicyCommand } from './cli/iam-policy.js'
import { initCommand } from './cli/init.js'
import { parseLookupRate } from './evidence/lookup-rate.js'
import { parseEc2Rate } from './aws/token-bucket.js'
import { parseEgressTarget } from './connectivity/egress-target.js'
import { renderText } from './report/text-report.js'

export { EXIT }

const USAGE = `Usage: vpce-proof check [options]
       vpce-proof init --vpc VPC_ID [--vpc ...] | --all-vpcs [--region R] [--output FILE] [--force]
       vpce-proof iam-policy [--manifest FILE] [--evidence]

First time? \`vpce-proof init --vpc vpc-...\` writes a manifest of the endpoints the VPC has now;
\`vpce-proof iam-policy\` prints the IAM policy a run needs; then \`vpce-proof check\`.
(\`vpce-proof init --help\`, \`vpce-proof iam-policy --help\`: their options.)

Checks that the VPC endpoints declared in the manifest exist and are configured as declared
(and, with --evidence, that probe calls really travel through them).

Options:
  --manifest FILE          manifest to check (default .github/vpc-endpoints.yml)
  --format text|json       output on stdout (default text)
  --fail-on LIST           verdicts that fail: fail,warn,inconclusive,skipped or none
                           (default fail,inconclusive)
  --evidence               also send probes and read CloudTrail (run inside the VPC)
  --evidence-timeout DUR   how long to wait for CloudTrail (default 10m)
  --lookup-rate N          LookupEvents requests/s for this job (default 2, AWS's limit per account
                           and region; give parallel jobs in one account a share, e.g. 1 each)
  --ec2-rate B/R           EC2 requests: B at once, then R per second, per account and region
                           (default 100/20, EC2's documented Describe* bucket)
  --timeout DUR            deadline for the whole run (default 20m)
  --dns-servers LIST       DNS servers for the resolution check (default: the system's)
  --runner-vpc WHERE       auto (default: instance metadata), a VPC id, or outside
  --egress-target H:P      public host:port the internet test of VPCs with egress: none tries
                           (default www.amazon.com:443; only runs for VPCs that declare it)
  --privatelink-metrics    opt-in: also read AWS/PrivateLinkEndpoints metrics for the probes' minutes
                           (needs cloudwatch:GetMetricData; GetMetricData is billed per metric requested)
  --report FILE            also write the JSON report to FILE
  --allowed-accounts LIST  AWS account ids the manifest's account and role-arn may name (default any)
  --version                print the version and exit
  -h, --help               this help

Exit codes: 0 passed, 1 a check failed, 2 usage or manifest error, or nothing could be checked
("could not check: ..."), 3 unexpected error.
Credentials come from the AWS SDK's default chain (environment, AWS_PROFILE, SSO, instance role).
VPCs without a region in the manifest use AWS_REGION, else AWS_DEFAULT_REGION.`

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // vpce-proof supports and tests this Node (see README); the SDK's notice about its own future Node floor
  // would otherwise greet every run. The SDK reads only process.env for this documented switch.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  try {
    const command = COMMANDS[argv[0] ?? '']
    if (command) {
      registerEnvironmentSecrets(env)
      process.stdout.write(await command(argv.slice(1), env))
      return EXIT.pass
    }
    const { format, options, version } = parseCli(argv, env)
    if (version) {
      process.stdout.write(`${VERSION}\n`)
      return EXIT.pass
    }
    if (!options) {
      process.stdout.write(`${USAGE}\n`)
      return EXIT.pass
    }
    registerEnvironmentSecrets(env)
    const deadline = startDeadline(options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS)
    const aws = new AwsClientFactory({
      signal: deadline.signal,
      onSecret: registerSecret,
      ...(options.ec2Limits ? { ec2Limits: options.ec2Limits } : {})
    })
    const report = await executeRun(options, { aws, log: consoleLog, env, deadline }).finally(() =>
      deadline.dispose()
    )
    if (options.reportPath) await writeJsonReport(report, options.reportPath)
    // JSON escapes control characters itself; the text carries AWS and manifest strings as they are.
    process.stdout.write(
      `${format === 'json' ? JSON.stringify(report, null, 2) : terminalSafe(renderText(report))}\n`
    )
    if (report.undecided)
      process.stderr.write(`vpce-proof: could not check: ${terminalSafe(oneLine(report.undecided))}\n`)
    return exitCodeFor(report)
  } catch (error) {
    if (isDeadlineExceeded(error)) {
      process.stderr.write(`vpce-proof: could not check: ${oneLine(error.message)}\n`)
      return EXIT.usage
    }
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

function parseCli(
  argv: string[],
  env: NodeJS.ProcessEnv
): { format: 'text' | 'json'; options?: RunOptions; version?: boolean } {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        manifest: { type: 'string', default: '.github/vpc-endpoints.yml' },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'fail,inconclusive' },
        evidence: { type: 'boolean', default: false },
        'evidence-timeout': { type: 'string', default: '10m' },
        'lookup-rate': { type: 'string', default: '' },
        'ec2-rate': { type: 'string', default: '' },
        timeout: { type: 'string', default: '20m' },
        'dns-servers': { type: 'string', default: '' },
        'runner-vpc': { type: 'string', default: 'auto' },
        'egress-target': { type: 'string', default: '' },
        'privatelink-metrics': { type: 'boolean', default: false },
        report: { type: 'string' },
        'allowed-accounts': { type: 'string', default: '' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false }
      }
    })
  } catch (error) {
    throw new UserError(`${(error as Error).message}. Run vpce-proof --help.`)
  }
  const { values, positionals } = parsed
  if (values.version) return { format: 'text', version: true }
  if (values.help || positionals.length === 0) return { format: 'text' }
  if (positionals[0] !== 'check' || positionals.length > 1) {
    throw new UserError(
      `unknown command "${positionals.join(' ')}"; the commands are: check, init, iam-policy. Run vpce-proof --help.`
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
      lookupRate: parseLookupRate(values['lookup-rate'], '--lookup-rate'),
      ec2Limits: parseEc2Rate(values['ec2-rate'], '--ec2-rate'),
      timeoutMs: positive(duration(values.timeout, '--timeout'), '--timeout'),
      dnsServers: list(values['dns-servers']),
      runnerVpc: parseRunnerVpc(values['runner-vpc'], '--runner-vpc'),
      egressTarget: parseEgressTarget(values['egress-target'], '--egress-target').label,
      privateLinkMetrics: values['privatelink-metrics'],
      ledgerPath: path.join(tmp, 'ledger.json'),
      reportPath: values.report ? path.resolve(values.report) : '',
      allowedAccounts: parseAllowedAccounts(values['allowed-accounts'], '--allowed-accounts')
    }
  }
}

/** Commands with their own options; each returns what goes to stdout, or throws a UserError. */
const COMMANDS: Record<string, (argv: string[], env: NodeJS.ProcessEnv) => Promise<string>> = {
  'iam-policy': iamPolicyCommand,
  init: initCommand
}

/** The cause may quote an AWS message: keep it to one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}
