import type { IgnoreEntry, Manifest } from '../manifest/types.js'
import { describeEntry } from '../suppress/apply.js'
import type { PolicyChange } from './diff.js'

/** An entry's identity across base and head: its rule and scope (the reason may be reworded freely). */
export const ignoreKey = (e: IgnoreEntry) => JSON.stringify([e.rule, e.vpc, e.service, e.endpoint])

/**
 * A pull request that adds an `ignore:` entry, drops an entry's `expires`, or moves it later accepts more
 * failures: a weakening. The entry does not apply in this run (suppressions come from the policy manifest
 * only), so the PR cannot excuse its own failure; it applies after merge, once a reviewer has seen it.
 */
export function ignoreWeakenings(base: Manifest, head: Manifest): PolicyChange[] {
  const baseEntries = new Map((base.ignore ?? []).map(e => [ignoreKey(e), e]))
  const changes: PolicyChange[] = []
  for (const h of head.ignore ?? []) {
    const b = baseEntries.get(ignoreKey(h))
    const what = !b
      ? `ignore entry added for ${describeEntry(h)} ("${h.reason}")`
      : b.expires !== undefined && (h.expires === undefined || h.expires > b.expires)
        ? `ignore entry for ${describeEntry(h)}: expires ${b.expires} → ${h.expires ?? '(never)'}`
        : undefined
    if (what === undefined) continue
    const vpc = head.vpcs.find(v => v.id === h.vpc) ?? head.vpcs[0]
    changes.push({
      vpcId: h.vpc ?? vpc?.id ?? '',
      region: vpc?.region ?? '',
      ...(h.service ? { service: h.service } : {}),
      what,
      location: h.location
    })
  }
  return changes
}

/** The policy's entries placed on the head file's lines (the same entry in head, else the head file's start). */
export function relocateIgnore(base: Manifest, head: Manifest): IgnoreEntry[] {
  const headEntries = new Map((head.ignore ?? []).map(e => [ignoreKey(e), e]))
  return (base.ignore ?? []).map(e => ({
    ...e,
    location: headEntries.get(ignoreKey(e))?.location ?? { file: head.file, line: 1, column: 1 }
  }))
}
