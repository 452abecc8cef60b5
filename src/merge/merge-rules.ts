import type { Rule } from '../model/rule.js'

import { reportRules } from '../report/report-rules.js'

/**
 * Rules about the shard reports of a matrix (`mode: merge`). Each of these, and `report-consistent` for
 * a shard report whose verdict was edited, fails the merge whatever `fail-on` says: a report that cannot
 * be trusted, or a shard that is missing, never makes the verdict smaller.
 */
export const shardRules = [
  {
    id: 'shard-reported',
    kind: 'report',
    title: 'Every expected shard delivered one report of this run',
    checks:
      'In `mode: merge`: each expected shard (`expected-shards`, else every ACCOUNT/REGION of the policy manifest) ' +
      'has exactly one valid shard report, written by this workflow run (GITHUB_RUN_ID) for this commit ' +
      '(GITHUB_SHA). A missing, unreadable, stale or duplicated report is a `fail` naming the shard.',
    why:
      'A matrix job that failed, was cancelled or uploaded nothing would otherwise make the merged verdict about ' +
      'fewer accounts and regions than the policy declares, and green.',
    fix:
      'Open the failed shard job: it must run vpce-proof with `shard:` and upload its `report-path` with ' +
      '`if: always()`; set `fail-fast: false` on the matrix so one failing shard does not cancel the others.'
  },
  {
    id: 'shard-expected',
    kind: 'report',
    title: 'Every report read is a shard the merge expects',
    checks:
      'In `mode: merge`: each report read names a shard (it was written with `shard:`) that the merge expects. ' +
      'Anything else is a `fail` and its findings are not counted.',
    why: 'A report the merge does not expect is about a part of the policy nobody asked it to judge.',
    fix: 'Give the matrix job `shard:` with its ACCOUNT/REGION, or add the shard to `expected-shards`.'
  },
  {
    id: 'shard-decided',
    kind: 'report',
    title: 'Every shard decided something',
    checks:
      'In `mode: merge`: a shard whose own run decided nothing (no AWS read succeeded, every check inconclusive) ' +
      'is a `fail` naming its cause, as it was in that shard.',
    why: 'One shard that could not check must fail the merged verdict as it failed its own job.',
    fix: "Fix the shard's cause (usually its role's permissions, see docs/iam.md)."
  },
  {
    id: 'shard-complete',
    kind: 'report',
    title: "Each shard report covers its shard's VPCs",
    checks:
      'In `mode: merge` with the expected shards from the policy manifest: each VPC of a shard has findings in ' +
      "that shard's report. A VPC without any is a `fail`.",
    why: 'A shard job that checked another manifest (an older one, or the pull request’s) would leave VPCs unchecked.',
    fix: 'Run the shard jobs and the merge job against the same manifest (both default to the base branch’s on pull requests).'
  }
] as const satisfies readonly Rule[]

export type ReportRuleId = (typeof shardRules)[number]['id']

/** A finding of one of these rules fails the merged run whatever `fail-on` says. */
export const ALWAYS_FAILING: ReadonlySet<string> = new Set<string>(
  [...reportRules, ...shardRules].map(r => r.id)
)
