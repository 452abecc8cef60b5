import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { Option, type Command } from 'commander'
import { duration, list, positive, regionFrom } from '../action/inputs.js'
import { AwsClientFactory } from '../aws/clients.js'
import { parseEc2Rate } from '../aws/token-bucket.js'
import { DEFAULT_RUN_TIMEOUT_MS, startDeadline } from '../core/deadline.js'
import { terminalSafe } from '../core/escape-log.js'
import { exitCodeFor, parseFailOn } from '../core/fail-on.js'
import type { RunOptions } from '../core/options.js'
import { registerEnvironmentSecrets, registerSecret } from '../core/redact.js'
import { executeRun } from '../core/run.js'
import { parseLookupRate } from '../evidence/lookup-rate.js'
import { parseAllowedAccounts } from '../policy/allowed-accounts.js'
import { parseEgressTarget } from '../connectivity/egress-target.js'
import { writeJsonReport } from '../report/json-report.js'
import { colorWanted } from './color.js'
import { formatReport, parseToday } from './formats.js'
import { assertWritable, writeOrExplain } from './report-file.js'
import { parseRunnerVpc } from '../runner/location.js'
import { terraformPlanOption } from '../plan/option.js'
import type { CliContext } from './program.js'
import { parseShard } from '../merge/shard.js'

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit'] as const
export type Format = (typeof FORMATS)[number]

/** The flags as commander hands them over (camelCase of the long names). */
interface CheckFlags {
  manifest: string
  format: Format
  failOn: string
  evidence?: boolean
  evidenceTimeout: string
  lookupRate?: string
  ec2Rate?: string
  timeout: string
  dnsServers?: string
  runnerVpc: string
  reachability?: boolean
  egressTarget?: string
  privatelinkMetrics?: boolean
  report?: string
  allowedAccounts?: string
  terraformPlan?: string
  verbose?: boolean
  today?: string
  shard?: string
}

const HELP_AFTER = `
Exit codes: 0 passed, 1 a check failed, 2 usage or manifest error, or nothing could be checked
("could not check: ..."), 3 unexpected error.
Credentials come from the AWS SDK's default chain (environment, AWS_PROFILE, SSO, instance role).
VPCs without a region in the manifest use AWS_REGION, else AWS_DEFAULT_REGION.
Opt-in (off unless the manifest declares it): \`access-log\` on an S3 endpoint adds one HeadBucket with
--evidence and reads that bucket's server access log (s3:ListBucket, s3:GetObject); S3 delivers it in hours,
so a terminal run usually reports it inconclusive (docs/workflows/vpce-proof-access-log-nightly.yml).`

/** `vpce-proof check`: the same run as the Action's, reported on stdout, judged by the exit code. */
export function addCheckCommand(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .summary('check the manifest against the VPCs (the Action, from a terminal)')
    .description(
      'Checks that the VPC endpoints declared in the manifest exist and are configured as declared' +
        ' (and, with --evidence, that probe calls really travel through them).'
    )
    .option('--manifest <FILE>', 'manifest to check', '.github/vpc-endpoints.yml')
    .addOption(
      new Option('--format <FORMAT>', 'output on stdout: text, JSON report, SARIF 2.1.0, Markdown, JUnit XML')
        .choices(FORMATS)
        .default('text')
    )
    .option('--verbose', 'text: list the passed and skipped checks too, not only their count')
    .option(
      '--fail-on <LIST>',
      'verdicts that fail: fail,warn,inconclusive,skipped or none',
      'fail,inconclusive'
    )
    .option('--evidence', 'also send probes and read CloudTrail (run inside the VPC)')
    .option('--evidence-timeout <DUR>', 'how long to wait for CloudTrail', '10m')
    .option(
      '--lookup-rate <N>',
      "LookupEvents requests/s for this job (default 2, AWS's limit per account and region; give parallel jobs in one account a share, e.g. 1 each)"
    )
    .option(
      '--ec2-rate <B/R>',
      "EC2 requests: B at once, then R per second, per account and region (default 100/20, EC2's documented Describe* bucket)"
    )
    .option('--timeout <DUR>', 'deadline for the whole run', '20m')
    .option('--dns-servers <LIST>', "DNS servers for the resolution check (default: the system's)")
    .option('--runner-vpc <WHERE>', 'auto (instance metadata), a VPC id, or outside', 'auto')
    .option(
      '--reachability',
      "opt-in, charged by AWS per analysis: one Reachability Analyzer analysis per declared endpoint, from the runner's network interface (or reachability-source) to the endpoint on TCP 443; path and analysis are deleted afterwards"
    )
    .option(
      '--egress-target <HOST:PORT>',
      'public host:port the internet test of VPCs with egress: none tries (default www.amazon.com:443; only those VPCs, from a runner inside them)'
    )
    .option(
      '--privatelink-metrics',
      "opt-in: also read AWS/PrivateLinkEndpoints metrics for the probes' minutes (needs cloudwatch:GetMetricData; GetMetricData is billed per metric requested)"
    )
    .option('--report <FILE>', 'also write the JSON report to FILE')
    .option(
      '--allowed-accounts <LIST>',
      "AWS account ids the manifest's account and role-arn may name (default any)"
    )
    .option(
      '--terraform-plan <FILE>',
      'also predict the checks after apply from `terraform show -json PLAN` output (docs/terraform-plan.md)'
    )
    .option(
      '--today <YYYY-MM-DD>',
      "judge the ignore entries' expires dates as on this day (default: today, UTC), e.g. to see what expires next month"
    )
    .option(
      '--shard <ACCOUNT/REGION>',
      "check only the manifest's VPCs of that account and region (REGION: VPCs that name no account), and stamp the report for `vpce-proof merge`"
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (flags: CheckFlags) => {
      ctx.exitCode = await check(flags, ctx)
    })
}

async function check(flags: CheckFlags, ctx: CliContext): Promise<number> {
  const options = runOptions(flags, ctx.env)
  if (flags.report) await assertWritable(options.reportPath, flags.report)
  registerEnvironmentSecrets(ctx.env)
  const deadline = startDeadline(options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS)
  const aws = new AwsClientFactory({
    signal: deadline.signal,
    onSecret: registerSecret,
    ...(options.ec2Limits ? { ec2Limits: options.ec2Limits } : {})
  })
  const report = await executeRun(options, {
    aws,
    log: ctx.log,
    env: ctx.env,
    deadline,
    clock: ctx.clock
  }).finally(() => deadline.dispose())
  if (flags.report) {
    const shown = flags.report
    await writeOrExplain(shown, () => writeJsonReport(report, options.reportPath))
  }
  ctx.out(
    formatReport(report, flags.format, {
      color: colorWanted(ctx.env, ctx.outIsTTY),
      verbose: flags.verbose === true
    })
  )
  if (report.undecided) ctx.err(`vpce-proof: could not check: ${terminalSafe(oneLine(report.undecided))}\n`)
  return exitCodeFor(report)
}

function runOptions(flags: CheckFlags, env: NodeJS.ProcessEnv): RunOptions {
  const manifest = flags.manifest
  // The ledger only lives for this process (probe and verify run back to back here). A temp dir, not a
  // path under cwd: ncc would turn a relative directory that exists at build time into a bundled asset.
  const tmp = path.join(tmpdir(), `vpce-proof-${process.pid}`)
  return {
    manifestPath: path.resolve(manifest),
    manifestDisplayPath: manifest,
    ...regionFrom(env),
    mode: flags.evidence ? 'full' : 'config',
    failOn: parseFailOn(flags.failOn, '--fail-on'),
    evidence: flags.evidence === true,
    evidenceTimeoutMs: duration(flags.evidenceTimeout, '--evidence-timeout'),
    lookupRate: parseLookupRate(flags.lookupRate ?? '', '--lookup-rate'),
    ec2Limits: parseEc2Rate(flags.ec2Rate ?? '', '--ec2-rate'),
    timeoutMs: positive(duration(flags.timeout, '--timeout'), '--timeout'),
    dnsServers: list(flags.dnsServers ?? ''),
    runnerVpc: parseRunnerVpc(flags.runnerVpc, '--runner-vpc'),
    reachability: flags.reachability === true,
    egressTarget: parseEgressTarget(flags.egressTarget, '--egress-target').label,
    privateLinkMetrics: flags.privatelinkMetrics === true,
    ledgerPath: path.join(tmp, 'ledger.json'),
    reportPath: flags.report ? path.resolve(flags.report) : '',
    allowedAccounts: parseAllowedAccounts(flags.allowedAccounts ?? '', '--allowed-accounts'),
    ...terraformPlanOption(flags.terraformPlan, process.cwd()),
    ...(flags.today !== undefined ? { today: parseToday(flags.today) } : {}),
    ...shardOption(parseShard(flags.shard ?? '', '--shard'))
  }
}

function shardOption(shard: string | undefined): { shard?: string } {
  return shard ? { shard } : {}
}

/** The cause may quote an AWS message: keep it to one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}
