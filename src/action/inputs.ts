import * as path from 'node:path'
import { UserError } from '../core/errors.js'
import { parseFailOn } from '../core/fail-on.js'
import type { RunOptions } from '../core/options.js'
import { parseRunnerVpc } from '../runner/location.js'
import { parseAllowedAccounts } from '../policy/allowed-accounts.js'
import { terraformPlanOption } from '../plan/option.js'
import { parseLookupRate } from '../evidence/lookup-rate.js'
import { parseEc2Rate } from '../aws/token-bucket.js'
import { parseShard, parseShardList } from '../merge/shard.js'
import { Inputs, MODES, type Mode } from './constants.js'

/** Inputs that only the Action has (GitHub channels), on top of the run's options. */
export interface ActionInputs extends RunOptions {
  githubToken: string
  /** `auto`: comment on pull_request events only. */
  comment: 'auto' | boolean
  checkRun: boolean
  checkName: string
}

export type ReadInput = (name: string) => string

/**
 * Parses the raw inputs (the runner passes them as INPUT_* variables) into one typed object. Every
 * problem is a UserError naming the input, so the user sees one line, not a stack.
 */
export function parseActionInputs(read: ReadInput, env: NodeJS.ProcessEnv): ActionInputs {
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const manifest = read(Inputs.Manifest) || '.github/vpc-endpoints.yml'
  const manifestPath = path.resolve(workspace, manifest)
  const mode = oneOf(read(Inputs.Mode) || 'full', MODES, Inputs.Mode)
  const sarif = read(Inputs.SarifPath)
  const runnerTemp = env.RUNNER_TEMP || path.join(workspace, '.vpce-proof')
  return {
    manifestPath,
    manifestDisplayPath: toPosix(path.relative(workspace, manifestPath) || manifest),
    ...regionFrom(env),
    mode,
    manifestRef: oneOf(read(Inputs.ManifestRef) || 'base', ['base', 'head'] as const, Inputs.ManifestRef),
    allowedAccounts: parseAllowedAccounts(read(Inputs.AllowedAccounts), `Input ${Inputs.AllowedAccounts}`),
    failOn: parseFailOn(read(Inputs.FailOn), Inputs.FailOn),
    evidence: bool(read(Inputs.Evidence), true, Inputs.Evidence),
    evidenceTimeoutMs: duration(read(Inputs.EvidenceTimeout) || '10m', Inputs.EvidenceTimeout),
    timeoutMs: positive(duration(read(Inputs.Timeout) || '20m', Inputs.Timeout), Inputs.Timeout),
    lookupRate: parseLookupRate(read(Inputs.LookupRate), `Input ${Inputs.LookupRate}`),
    ec2Limits: parseEc2Rate(read(Inputs.Ec2Rate), `Input ${Inputs.Ec2Rate}`),
    dnsServers: list(read(Inputs.DnsServers)),
    runnerVpc: parseRunnerVpc(read(Inputs.RunnerVpc), `Input ${Inputs.RunnerVpc}`),
    ledgerPath: path.resolve(
      workspace,
      read(Inputs.LedgerPath) || path.join(runnerTemp, 'vpce-proof-ledger.json')
    ),
    reportPath: path.resolve(
      workspace,
      read(Inputs.ReportPath) || path.join(runnerTemp, 'vpce-proof-report.json')
    ),
    ...(sarif ? { sarifPath: path.resolve(workspace, sarif) } : {}),
    ...terraformPlanOption(read(Inputs.TerraformPlan), workspace),
    githubToken: read(Inputs.GitHubToken),
    comment: commentMode(read(Inputs.Comment)),
    checkRun: bool(read(Inputs.CheckRun), false, Inputs.CheckRun),
    checkName: read(Inputs.CheckName) || 'vpce-proof',
    ...shardInputs(read, workspace)
  }
}

/** `shard` for a matrix job; `shard-reports` and `expected-shards` for `mode: merge`. */
function shardInputs(read: ReadInput, workspace: string): Partial<RunOptions> {
  const shard = parseShard(read(Inputs.Shard), `Input ${Inputs.Shard}`)
  const reports = list(read(Inputs.ShardReports)).map(p => path.resolve(workspace, p))
  const expected = parseShardList(read(Inputs.ExpectedShards), `Input ${Inputs.ExpectedShards}`)
  return {
    ...(shard ? { shard } : {}),
    ...(reports.length > 0 ? { shardReports: reports } : {}),
    ...(expected.length > 0 ? { expectedShards: expected } : {})
  }
}

export function regionFrom(env: NodeJS.ProcessEnv): { defaultRegion?: string } {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION
  return region ? { defaultRegion: region } : {}
}

/** `auto` (or empty): comment on pull request events only; otherwise a boolean. */
function commentMode(raw: string): 'auto' | boolean {
  return raw.trim() === '' || raw.trim() === 'auto' ? 'auto' : bool(raw, true, Inputs.Comment)
}

function oneOf<T extends string>(raw: string, allowed: readonly T[], name: string): T {
  const value = raw.trim().toLowerCase()
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UserError(`Input ${name}: "${raw}" is not one of ${allowed.join(', ')}.`)
}

/** YAML 1.2 core booleans, as @actions/core accepts them. */
export function bool(raw: string, fallback: boolean, name: string): boolean {
  const value = raw.trim()
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new UserError(`Input ${name}: "${raw}" is not a boolean; use true or false.`)
}

/** `600`, `600s`, `10m`, `1h`, or `1m30s`. */
export function duration(raw: string, name: string): number {
  const value = raw.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(value)
  if (!match || value === '')
    throw new UserError(`Input ${name}: "${raw}" is not a duration; use e.g. 600, 90s or 10m.`)
  const [, h = '0', m = '0', s = '0'] = match
  return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000)
}

/** A run deadline of zero would decide nothing; refuse it as a typo. */
export function positive(ms: number, name: string): number {
  if (ms > 0) return ms
  throw new UserError(`Input ${name}: must be longer than 0; use e.g. 90s or 20m.`)
}

export function list(raw: string): string[] {
  return raw
    .split(/[\s,]+/)
    .map(s => s.trim())
    .filter(Boolean)
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}

export type { Mode }
