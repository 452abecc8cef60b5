import { UserError } from '../core/errors.js'
import type { RunReport, ShardStamp } from '../core/run-report.js'
import type { Manifest, VpcDeclaration } from '../manifest/types.js'
import { roleAccount } from '../policy/allowed-accounts.js'

/**
 * A shard is the part of the manifest one job of a GitHub Actions matrix checks with its own OIDC role:
 * the VPCs of one account in one region, named `ACCOUNT/REGION` (`123456789012/eu-west-1`), or `REGION`
 * for VPCs that name no account (neither `account` nor `role-arn`). Because the name is derived from the
 * manifest, the merge job derives the shards it expects from the same manifest (on a pull request the
 * base branch's, the policy) and notices a shard whose report never arrived.
 */

const SHARD = /^(?:\d{12}\/)?[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/

/** The shard a declared VPC belongs to. */
export function shardOf(vpc: Pick<VpcDeclaration, 'region' | 'account' | 'roleArn'>): string {
  const account = vpc.account ?? (vpc.roleArn ? roleAccount(vpc.roleArn) : undefined)
  return account ? `${account}/${vpc.region}` : vpc.region
}

/** Every shard of the manifest, in manifest order, each once. */
export function shardsOf(manifest: Manifest): string[] {
  return [...new Set(manifest.vpcs.map(shardOf))]
}

/** Input `shard` / `--shard`: empty is no shard (the whole manifest). */
export function parseShard(raw: string, where: string): string | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  if (!SHARD.test(value))
    throw new UserError(
      `${where}: "${value.slice(0, 100)}" is not a shard; use ACCOUNT/REGION (123456789012/eu-west-1), or REGION for VPCs that name no account.`
    )
  return value
}

/** Input `expected-shards` / `--expected-shards`: shard names, comma or newline separated. */
export function parseShardList(raw: string, where: string): string[] {
  const names = raw
    .split(/[\s,]+/)
    .map(s => s.trim())
    .filter(Boolean)
  return [...new Set(names.map(n => parseShard(n, where) as string))]
}

/**
 * The manifest as one shard's job checks it: only that shard's VPCs. A shard that matches no VPC is a
 * mistake in the matrix (a typo, or an account the policy does not have), never an empty green run.
 */
export function selectShard(manifest: Manifest, shard: string | undefined): Manifest {
  if (shard === undefined) return manifest
  const vpcs = manifest.vpcs.filter(v => shardOf(v) === shard)
  if (vpcs.length === 0) {
    const known = shardsOf(manifest)
    throw new UserError(`shard ${shard}: no VPC in ${manifest.file} belongs to it.`, [
      `The manifest's shards are: ${known.join(', ') || '(none)'}.`,
      'A VPC belongs to ACCOUNT/REGION by its `account` (or its `role-arn`), else to REGION alone.'
    ])
  }
  return { ...manifest, vpcs }
}

/** Who wrote a shard report: the name, and the workflow run and commit it proves (from the runner). */
export function shardStamp(name: string, env: NodeJS.ProcessEnv): ShardStamp {
  const id = env.GITHUB_RUN_ID ?? ''
  const attempt = env.GITHUB_RUN_ATTEMPT || '1'
  const sha = env.GITHUB_SHA ?? ''
  const job = env.GITHUB_JOB ?? ''
  return {
    name,
    ...(/^\d{1,20}$/.test(id) && /^\d{1,5}$/.test(attempt) ? { run: { id, attempt } } : {}),
    ...(/^[0-9a-f]{40,64}$/.test(sha) ? { sha } : {}),
    ...(/^[\w.-]{1,100}$/.test(job) ? { job } : {})
  }
}

/** The report of a shard's job carries its stamp; any other report is left as it is. */
export function stampShard(report: RunReport, shard: string | undefined, env: NodeJS.ProcessEnv): RunReport {
  return shard === undefined ? report : { ...report, shard: shardStamp(shard, env) }
}
