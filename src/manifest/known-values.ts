import { partition } from '@aws-sdk/core/client'
import { offeredProbes, probeTable } from '../evidence/probe-table.js'
import { awsRegions } from './aws-regions.js'
import { didYouMean, editDistance } from './did-you-mean.js'
import { REGION, SERVICE_NAME } from './patterns.js'

/**
 * Values that have the right shape but may not exist: a region the AWS SDK does not know, a service
 * vpce-proof has never heard of. Checked at load, in every mode, so `eu-centrl-1` is a located error with a
 * suggestion rather than, minutes later, a "missing endpoint".
 */

/**
 * A region is known when the AWS SDK's partition data lists it (the same data its endpoint resolution uses).
 * The SDK's `partition()` also accepts any name shaped like a region, so the listing is what counts: only a
 * listed region comes back with its `description` (typed loosely by the SDK; test/manifest/regions.test.ts
 * holds it to that).
 */
export function isKnownRegion(region: string): boolean {
  return (partition(region) as { description?: string }).description !== undefined
}

/** Why a region is not usable, with the closest known one; undefined when the SDK knows it. */
export function regionProblem(region: string): string | undefined {
  if (isKnownRegion(region)) return undefined
  const close = closest(region.toLowerCase(), awsRegions)
  const hint = close.length > 0 ? ` (did you mean \`${close.join('` or `')}\`?)` : ''
  return (
    `"${region}" is not an AWS region the AWS SDK knows${hint}; ` +
    'if AWS opened it recently, update vpce-proof to a version with a newer AWS SDK'
  )
}

/** The short service names vpce-proof knows (its probe table). */
export const knownServices: readonly string[] = [...probeTable.keys()]

export type ServiceCheck = { ok: true } | { ok: false; level: 'error' | 'warning'; message: string }

/**
 * Checks a short service name against the known service table. A name that is a known one spelt with
 * other separators (`secrets-manager`) is certainly a typo: an error. Any other unknown name may be a
 * service AWS added since this release: a warning naming the closest known names.
 */
export function checkServiceName(service: string): ServiceCheck {
  if (knownServices.includes(service)) return { ok: true }
  const compact = (name: string) => name.replace(/[-_.]/g, '')
  const same = knownServices.find(known => compact(known) === compact(service))
  if (same !== undefined) {
    return { ok: false, level: 'error', message: `unknown service "${service}" (did you mean \`${same}\`?)` }
  }
  const close = closest(service, knownServices)
  const hint = close.length > 0 ? `did you mean \`${close.join('` or `')}\`? ` : ''
  return {
    ok: false,
    level: 'warning',
    message:
      `service "${service}" is not in vpce-proof's service table (${hint}known: ${knownServices.join(', ')}); ` +
      'it is checked in EC2 as declared, with no probe'
  }
}

/** Up to three candidates as close as `didYouMean` would accept, nearest first. */
function closest(word: string, candidates: readonly string[]): string[] {
  const best = didYouMean(word, candidates)
  if (best === undefined) return []
  const limit = editDistance(word, best)
  return candidates
    .map(candidate => ({ candidate, distance: editDistance(word, candidate) }))
    .filter(c => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(c => c.candidate)
}

/**
 * For a value that failed its field's pattern only through its letter case (`S3`, `EU-West-1`, `SNS:listTopics`),
 * the spelling meant; undefined otherwise.
 */
export function caseCorrection(field: string, value: string): string | undefined {
  const lower = value.toLowerCase()
  if (field === 'service' && SERVICE_NAME.test(lower)) return lower
  if (field === 'region' && REGION.test(lower)) return lower
  if (field === 'probe') {
    const all = knownServices.flatMap(service => offeredProbes(service))
    return all.find(probe => probe.toLowerCase() === lower)
  }
  return undefined
}
