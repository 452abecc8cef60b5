import { UserError } from '../core/errors.js'
import { ManifestError, type ManifestProblem } from '../manifest/errors.js'
import type { Manifest, SourceLocation, VpcDeclaration } from '../manifest/types.js'

export interface AccountPolicy {
  /** Input `allowed-accounts`: empty = no list (any account, except for roles from a PR's own manifest). */
  allowed: readonly string[]
  /**
   * Set when the manifest that decides the AWS calls comes from the pull request itself: its `role-arn`s
   * must then be in `allowed` or already in the base manifest (these), so a PR cannot point the runner's
   * credentials at an account of its author's choosing.
   */
  fromPullRequest?: { baseRoleArns: readonly string[] }
}

/** `arn:aws:iam::123456789012:role/x` → `123456789012`. */
export function roleAccount(roleArn: string): string | undefined {
  return /^arn:[^:]+:iam::(\d{12}):role\//.exec(roleArn)?.[1]
}

/** Every `account` and `role-arn` the policy does not allow, at its own line; thrown before any AWS call. */
export function assertAllowedAccounts(manifest: Manifest, policy: AccountPolicy): void {
  const problems = manifest.vpcs.flatMap((vpc, i) => vpcProblems(manifest.file, vpc, i, policy))
  if (problems.length > 0) throw new ManifestError(manifest.file, problems)
}

function vpcProblems(
  file: string,
  vpc: VpcDeclaration,
  index: number,
  policy: AccountPolicy
): ManifestProblem[] {
  const problems: ManifestProblem[] = []
  const allowed = new Set(policy.allowed)
  const listed = policy.allowed.join(', ')
  const problem = (field: string, message: string) => {
    const at: SourceLocation = vpc.fieldLocations?.[field] ?? vpc.location
    problems.push({ file, line: at.line, column: at.column, path: `vpcs[${index}].${field}`, message })
  }
  if (allowed.size > 0 && vpc.account !== undefined && !allowed.has(vpc.account)) {
    problem('account', `account ${vpc.account} is not in allowed-accounts (${listed})`)
  }
  if (vpc.roleArn === undefined) return problems
  const account = roleAccount(vpc.roleArn) ?? '?'
  if (allowed.size > 0 && !allowed.has(account)) {
    problem(
      'role-arn',
      `role-arn ${vpc.roleArn} is in account ${account}, which is not in allowed-accounts (${listed})`
    )
  } else if (
    policy.fromPullRequest &&
    allowed.size === 0 &&
    !policy.fromPullRequest.baseRoleArns.includes(vpc.roleArn)
  ) {
    problem(
      'role-arn',
      `role-arn ${vpc.roleArn} comes from the pull request's own manifest and is not in the base branch's; ` +
        'list its account in allowed-accounts to let a pull request assume it'
    )
  }
  return problems
}

const ACCOUNT_ID = /^\d{12}$/

/** Parses the `allowed-accounts` input / `--allowed-accounts` flag: 12-digit ids, comma or space separated. */
export function parseAllowedAccounts(raw: string, name: string): string[] {
  const ids = raw
    .split(/[\s,]+/)
    .map(s => s.trim())
    .filter(Boolean)
  const bad = ids.filter(id => !ACCOUNT_ID.test(id))
  if (bad.length > 0) {
    throw new UserError(
      `${name}: ${bad.map(b => JSON.stringify(b)).join(', ')} is not a 12-digit AWS account id.`
    )
  }
  return ids
}
