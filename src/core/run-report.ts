import type { Finding, Verdict } from '../model/finding.js'

/**
 * Everything a reporter needs, as plain data. It is also the JSON report file, so `mode: publish`
 * can re-render it in another workflow without AWS access. Keep it backwards compatible.
 */
export interface RunReport {
  schemaVersion: 1
  tool: { name: 'vpce-proof'; version: string }
  /** Manifest path as given (relative to the workspace), used for annotation and SARIF locations. */
  manifestFile: string
  startedAt: string
  finishedAt: string
  /** Verdicts that make `result` fail. */
  failOn: Verdict[]
  /** `fail` also when the run decided nothing (`undecided`), whatever `fail-on` says. */
  result: 'pass' | 'fail'
  /** Set when nothing could be decided: the first cause ("ec2:DescribeVpcs: no answer from … within 45s"). */
  undecided?: string
  counts: Record<Verdict, number>
  findings: Finding[]
  /** Plain statements shown once above the findings (e.g. "the runner is outside the VPC"). */
  notes: string[]
  /** AWS API calls made, by `service:Operation`. */
  apiCalls: Record<string, number>
  /** HTTP requests sent for them, by `service:Operation`: every attempt, the SDK's retries included. */
  apiAttempts?: Record<string, number>
  /** Set by a matrix job run with `shard`: which part of the manifest, for which run and commit (src/merge/). */
  shard?: ShardStamp
}

/** Who wrote a shard report; `mode: merge` counts only this run's and this commit's, each shard once. */
export interface ShardStamp {
  /** `ACCOUNT/REGION`, or `REGION` for VPCs that name no account. */
  name: string
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT of the job that wrote it. */
  run?: { id: string; attempt: string }
  /** GITHUB_SHA of that job. */
  sha?: string
  /** GITHUB_JOB (the job id; the same for every job of one matrix). */
  job?: string
}
