import { access } from 'node:fs/promises'
import { UserError } from '../core/errors.js'
import type { Log } from '../core/log.js'
import type { RunOptions } from '../core/options.js'
import type { RunReport } from '../core/run-report.js'
import type { VpcDeclaration } from '../manifest/types.js'
import type { BaseManifestReader } from '../policy/base-manifest.js'
import { loadPolicy } from '../policy/load-policy.js'
import { mergeShardReports } from './merge-reports.js'
import { readShardReports } from './read-shards.js'
import { shardOf } from './shard.js'

export interface MergeDeps {
  log: Log
  env: NodeJS.ProcessEnv
  /** On pull requests: the base commit's manifest is the policy, and so says which shards to expect. */
  pullRequestBase?: BaseManifestReader
  now?: () => Date
}

interface Expectation {
  names: string[]
  from: string
  policyVpcs?: Map<string, VpcDeclaration[]>
  manifestFile: string
}

/**
 * `mode: merge` / `vpce-proof merge`: which shards to expect (never the artifacts that arrived: a missing
 * one must be noticed), the shard reports as found, and the merged report. No AWS access.
 */
export async function runMerge(options: RunOptions, deps: MergeDeps): Promise<RunReport> {
  const now = deps.now ?? (() => new Date())
  const startedAt = now()
  const paths = options.shardReports ?? []
  if (paths.length === 0)
    throw new UserError(
      'mode: merge needs shard-reports: the files or folders the shard jobs uploaded (e.g. the download-artifact path).'
    )
  const expectation = await expectedShards(options, deps)
  deps.log.info(
    `Expecting ${expectation.names.length} shards (${expectation.from}): ${expectation.names.join(', ') || 'none'}.`
  )
  const files = await readShardReports(paths, deps.env.GITHUB_WORKSPACE || process.cwd())
  deps.log.info(
    `Read ${files.length} shard report files (${files.filter(f => !f.report).length} unreadable).`
  )
  return mergeShardReports({
    files,
    expected: expectation.names,
    expectedFrom: expectation.from,
    ...(expectation.policyVpcs ? { policyVpcs: expectation.policyVpcs } : {}),
    failOn: options.failOn,
    reference: {
      ...(deps.env.GITHUB_RUN_ID ? { runId: deps.env.GITHUB_RUN_ID } : {}),
      ...(deps.env.GITHUB_SHA ? { sha: deps.env.GITHUB_SHA } : {})
    },
    manifestFile: expectation.manifestFile,
    startedAt,
    finishedAt: now()
  })
}

/** `expected-shards` when given; otherwise one shard per ACCOUNT/REGION of the policy manifest. */
async function expectedShards(options: RunOptions, deps: MergeDeps): Promise<Expectation> {
  const listed = options.expectedShards ?? []
  if (listed.length > 0)
    return { names: [...listed], from: 'expected-shards', manifestFile: options.manifestDisplayPath }
  const exists = await access(options.manifestPath).then(
    () => true,
    () => false
  )
  if (!exists)
    throw new UserError(
      `mode: merge expects one shard per ACCOUNT/REGION of the manifest, and there is no manifest at ${options.manifestDisplayPath}.`,
      ['Check out the repository before this step, or list the shards in expected-shards.']
    )
  const policy = await loadPolicy({
    manifestPath: options.manifestPath,
    displayPath: options.manifestDisplayPath,
    ...(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {}),
    manifestRef: options.manifestRef ?? 'base',
    allowedAccounts: options.allowedAccounts ?? [],
    ...(deps.pullRequestBase ? { pullRequestBase: deps.pullRequestBase } : {}),
    log: deps.log
  })
  const policyVpcs = new Map<string, VpcDeclaration[]>()
  for (const vpc of policy.manifest.vpcs) {
    const shard = shardOf(vpc)
    policyVpcs.set(shard, [...(policyVpcs.get(shard) ?? []), vpc])
  }
  const which = deps.pullRequestBase && options.manifestRef !== 'head' ? ' at the base commit' : ''
  return {
    names: [...policyVpcs.keys()],
    from: `the policy manifest ${policy.manifest.file}${which}`,
    policyVpcs,
    manifestFile: policy.manifest.file
  }
}
