import type { Log } from '../core/log.js'
import { UserError } from '../core/errors.js'
import { ManifestError } from '../manifest/errors.js'
import { loadManifest, parseManifest } from '../manifest/load.js'
import type { IgnoreEntry, Manifest } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import { assertAllowedAccounts } from './allowed-accounts.js'
import type { BaseManifestReader } from './base-manifest.js'
import { diffPolicy } from './diff.js'
import { relocateIgnore } from './ignore-diff.js'
import { headFallbackFinding, policyDiffFindings } from './policy-findings.js'
import { relocateToHead } from './relocate.js'

export type ManifestRef = 'base' | 'head'

export interface PolicyInput {
  manifestPath: string
  displayPath: string
  defaultRegion?: string
  /** Input `manifest-ref` (pull requests only). */
  manifestRef: ManifestRef
  /** Input `allowed-accounts`. */
  allowedAccounts: readonly string[]
  /** Present on pull_request / pull_request_target events only: how to read the base commit's manifest. */
  pullRequestBase?: BaseManifestReader
  log: Log
}

/** The manifest that decides this run, and what the report says about where it came from. */
export interface Policy {
  /** Decides the AWS calls and the checks. */
  manifest: Manifest
  findings: Finding[]
  notes: string[]
  /** Moves findings of the policy onto the head file's lines (identity outside pull requests). */
  relocate: (findings: Finding[]) => Finding[]
  /** The policy manifest's `ignore:` entries, on the head file's lines: the only suppressions this run applies. */
  suppressions: IgnoreEntry[]
}

/**
 * Outside pull requests: the checked-out manifest, as always. On a pull request: the base commit's manifest is
 * the policy and the checked-out (head) one is data, shown as a diff, so a PR cannot weaken its own check.
 * Account rules run last, on the manifest that decides the AWS calls, before any of them is made.
 */
export async function loadPolicy(input: PolicyInput): Promise<Policy> {
  const head = await loadManifest(input.manifestPath, {
    displayPath: input.displayPath,
    ...(input.defaultRegion ? { defaultRegion: input.defaultRegion } : {})
  })
  const pr = input.pullRequestBase
  if (!pr) {
    assertAllowedAccounts(head, { allowed: input.allowedAccounts })
    return { manifest: head, findings: [], notes: [], relocate: f => f, suppressions: head.ignore ?? [] }
  }

  const base = await readBase(pr, head.file, input)
  const fromHead = input.manifestRef === 'head' || base === undefined
  if (fromHead) {
    assertAllowedAccounts(head, {
      allowed: input.allowedAccounts,
      fromPullRequest: { baseRoleArns: base?.vpcs.flatMap(v => (v.roleArn ? [v.roleArn] : [])) ?? [] }
    })
    if (base === undefined) {
      input.log.warning(
        `The base commit has no ${head.file}: checking against the pull request's own manifest.`
      )
      return {
        manifest: head,
        findings: [headFallbackFinding(head, pr.sha)],
        notes: [],
        relocate: f => f,
        suppressions: head.ignore ?? []
      }
    }
    const shown = policyDiffFindings(diffPolicy(base, head))
    return {
      manifest: head,
      findings: shown.findings,
      notes: [
        "manifest-ref: head: this run checks the pull request's own manifest, so the PR can change its own policy.",
        ...shown.notes
      ],
      relocate: f => f,
      suppressions: head.ignore ?? []
    }
  }

  assertAllowedAccounts(base, { allowed: input.allowedAccounts })
  input.log.info(
    `Policy: ${head.file} at the base commit ${pr.sha.slice(0, 12)}; the pull request's version is compared with it.`
  )
  const shown = policyDiffFindings(diffPolicy(base, head))
  return {
    manifest: base,
    findings: shown.findings,
    notes: [
      `The policy is ${head.file} at the base commit ${pr.sha.slice(0, 12)} (manifest-ref: base); this pull request's changes to it apply after merge.`,
      ...shown.notes
    ],
    relocate: f => relocateToHead(f, base, head),
    suppressions: relocateIgnore(base, head)
  }
}

async function readBase(
  pr: BaseManifestReader,
  file: string,
  input: PolicyInput
): Promise<Manifest | undefined> {
  const text = await pr.read(file)
  if (text === undefined) return undefined
  try {
    return parseManifest(text, file, input.defaultRegion ? { defaultRegion: input.defaultRegion } : {})
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error
    // Its lines are the base commit's, not the file the pull request shows: no annotations, just the text.
    throw new UserError(
      `The base commit ${pr.sha.slice(0, 12)}'s ${file} is not a valid manifest, so there is no policy to check against.`,
      [
        ...error.details,
        'Fix the manifest on the base branch, or set manifest-ref: head for this pull request.'
      ]
    )
  }
}
