import type { Finding } from '../model/finding.js'
import type { Manifest } from '../manifest/types.js'
import type { PolicyChange, PolicyDiff } from './diff.js'

/** The diff as the report shows it: one `warn` per weakening, one note listing what is checked after merge. */
export function policyDiffFindings(diff: PolicyDiff): { findings: Finding[]; notes: string[] } {
  const weakenings = [...diff.removed, ...diff.weakened]
  const findings = weakenings.map(change => weakeningFinding(change))
  const notes: string[] = []
  if (diff.added.length > 0) {
    notes.push(
      `This pull request adds to the policy; checked after merge (the base branch's manifest is the policy now): ` +
        diff.added.map(c => c.what).join('; ') +
        '.'
    )
  }
  return { findings, notes }
}

function weakeningFinding(change: PolicyChange): Finding {
  return {
    ruleId: 'policy-not-weakened',
    verdict: 'warn',
    message:
      `This pull request weakens the policy: ${change.what}. This run checks the base branch's policy; ` +
      'the change applies after merge, once a reviewer of the manifest approves it.',
    location: change.location,
    vpcId: change.vpcId,
    region: change.region,
    ...(change.service ? { service: change.service } : {}),
    evidence: {}
  }
}

/** The base commit has no manifest (the PR adds it): the head manifest is the policy, and the report says so. */
export function headFallbackFinding(head: Manifest, baseSha: string): Finding {
  const vpc = head.vpcs[0]
  return {
    ruleId: 'policy-from-base',
    verdict: 'warn',
    message:
      `The base commit ${baseSha.slice(0, 12)} has no ${head.file}, so this pull request's own manifest is the ` +
      'policy for this run (expected on the PR that adds it). Review it as you would code: it decides what this check accepts.',
    location: { file: head.file, line: 1, column: 1 },
    vpcId: vpc?.id ?? '',
    region: vpc?.region ?? '',
    evidence: { baseSha }
  }
}
