import type { Mode } from '../action/constants.js'
import type { Verdict } from '../model/finding.js'
import type { RunnerVpcSetting } from '../runner/location.js'
import type { ManifestRef } from '../policy/load-policy.js'

/** Everything a run needs to know, parsed once from the Action's inputs or the CLI's flags. */
export interface RunOptions {
  /** Path to read the manifest from. */
  manifestPath: string
  /** Path to show in annotations and reports (relative to the repository root). */
  manifestDisplayPath: string
  /** Region for VPCs that name none: AWS_REGION, else AWS_DEFAULT_REGION. */
  defaultRegion?: string
  mode: Mode
  failOn: Verdict[]
  /** Send probes and read CloudTrail (full/probe/verify). */
  evidence: boolean
  /** `evidence-timeout`, clamped below `timeoutMs` so that reporting keeps time (deadline.ts). */
  evidenceTimeoutMs: number
  /** `lookup-rate`: LookupEvents requests per second this job may send (default 2, AWS's whole limit). */
  lookupRate?: number
  /** `ec2-rate`: EC2 request bucket per account and region (default EC2's documented 100 at once, 20/s). */
  ec2Limits?: { burst: number; refillPerSecond: number }
  /** `timeout` / `--timeout`: the whole run's deadline (default DEFAULT_RUN_TIMEOUT_MS, 20m). */
  timeoutMs?: number
  /** DNS servers for the resolution check (`host` or `host:port`); empty = the system's. */
  dnsServers: string[]
  /** `runner-vpc`: where the runner is (`auto`: RUNNER_ENVIRONMENT, then instance metadata). */
  runnerVpc?: RunnerVpcSetting
  ledgerPath: string
  reportPath: string
  sarifPath?: string
  /** On pull requests: check against the base commit's manifest (default) or the PR's own. */
  manifestRef?: ManifestRef
  /** Accounts a manifest `account` or `role-arn` may name; empty = any. */
  allowedAccounts?: string[]
  /** `terraform-plan`: `terraform show -json` output; its changes are checked as predictions (src/plan/). */
  terraformPlan?: { path: string; displayPath: string }
  /** `shard`: this matrix job checks only that ACCOUNT/REGION of the manifest (src/merge/shard.ts). */
  shard?: string
  /** `mode: merge`: the shard reports (files or folders, absolute). */
  shardReports?: string[]
  /** `mode: merge`: `expected-shards`; empty = every shard of the policy manifest. */
  expectedShards?: string[]
}
