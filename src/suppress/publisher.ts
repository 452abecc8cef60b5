import { isUserError } from '../core/errors.js'
import { loadManifest } from '../manifest/load.js'
import type { Manifest } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import { applySuppressions } from './apply.js'

/**
 * `mode: publish` renders an artifact a fork's pull request may have written. Suppressions in it are not
 * evidence of anything: the publisher drops them and applies its own manifest's `ignore:` entries instead
 * (the workflow_run job checks out the default branch, the trusted policy). No manifest: no suppression.
 */
export interface PublisherPolicy {
  /** The publisher's own manifest, when it could be read; undefined = suppress nothing. */
  entries: Pick<Manifest, 'vpcs' | 'ignore' | 'file'> | undefined
  now: Date
  /** Why there is no manifest to take suppressions from, for the note. */
  missing?: string
}

export async function publisherPolicy(
  options: { manifestPath: string; manifestDisplayPath: string; defaultRegion?: string },
  now: Date
): Promise<PublisherPolicy> {
  const { manifestPath, manifestDisplayPath: displayPath, defaultRegion } = options
  try {
    return {
      entries: await loadManifest(manifestPath, { displayPath, ...(defaultRegion ? { defaultRegion } : {}) }),
      now
    }
  } catch (error) {
    // A publish job need not check the manifest out; a broken one must not stop the report either.
    if (!isUserError(error)) throw error
    return { entries: undefined, now, missing: error.message }
  }
}

export function rederiveSuppressions(
  findings: readonly Finding[],
  policy: PublisherPolicy
): { findings: Finding[]; notes: string[] } {
  const claimed = findings.filter(f => f.suppressed).length
  // Entry warnings from the artifact are its run's; this run says its own about its own entries.
  const bare = findings
    .filter(f => f.ruleId !== 'suppression-not-expired' && f.ruleId !== 'suppression-matches')
    .map(({ suppressed: _dropped, ...f }) => f)
  const notes: string[] = []
  const manifest = policy.entries
  if (!manifest) {
    if (claimed > 0)
      notes.push(
        `The artifact marks ${claimed} finding${claimed === 1 ? '' : 's'} suppressed; mode: publish takes suppressions only ` +
          `from this workflow's own manifest, which could not be read (${policy.missing ?? 'none'}), so they count here.`
      )
    return { findings: bare, notes }
  }
  notes.push(
    `Suppressions are this workflow's own: the ignore entries of ${manifest.file}, not the artifact's.`
  )
  return { findings: applySuppressions(manifest.ignore ?? [], bare, policy.now, manifest), notes }
}
