import type { Finding, Verdict } from '../model/finding.js'
import type { IgnoreEntry, Manifest } from '../manifest/types.js'

/**
 * Applies the policy manifest's `ignore:` entries to a run's findings. A matching `fail` or `warn` keeps its
 * verdict and gains `suppressed` (so it counts for no verdict); an expired entry suppresses nothing and is a
 * warning at its line, and so is an entry whose rule ran and passed everywhere in its scope.
 * An `inconclusive` finding is never suppressed: the exception was accepted for what was seen, and a check
 * that could not be made (a permission lost, CloudTrail late) must not turn green under it.
 * Pure: the date comes in (`now`), so tests move the clock instead of waiting for it.
 */
const SUPPRESSIBLE_VERDICTS: ReadonlySet<Verdict> = new Set(['fail', 'warn'])

export function applySuppressions(
  entries: readonly IgnoreEntry[],
  findings: readonly Finding[],
  now: Date,
  manifest: Pick<Manifest, 'vpcs'>
): Finding[] {
  if (entries.length === 0) return [...findings]
  const out = findings.map(f => ({ ...f }))
  const notes: Finding[] = []
  for (const entry of entries) {
    // A matrix job checks part of the manifest (a shard): an entry about a VPC or service it does not
    // check is another job's to apply and to warn about.
    if (!inThisRun(entry, manifest)) continue
    if (isExpired(entry, now)) {
      notes.push(entryFinding(entry, manifest, 'suppression-not-expired', expiredMessage(entry)))
      continue
    }
    const inScope = out.filter(f => matches(entry, f))
    const suppressed = inScope.filter(f => SUPPRESSIBLE_VERDICTS.has(f.verdict) && !f.suppressed)
    for (const f of suppressed) {
      f.suppressed = {
        reason: entry.reason,
        ...(entry.expires ? { expires: entry.expires } : {}),
        location: entry.location
      }
    }
    // A rule that did not run (evidence off, a probe-only job) says nothing either way about the entry.
    const ran = out.some(f => f.ruleId === entry.rule)
    const allPassed = inScope.every(f => f.verdict === 'pass')
    if (suppressed.length === 0 && ran && allPassed) {
      notes.push(entryFinding(entry, manifest, 'suppression-matches', unusedMessage(entry, inScope.length)))
    }
  }
  return [...out, ...notes]
}

function inThisRun(entry: IgnoreEntry, manifest: Pick<Manifest, 'vpcs'>): boolean {
  const vpcs = entry.vpc === undefined ? manifest.vpcs : manifest.vpcs.filter(v => v.id === entry.vpc)
  if (vpcs.length === 0) return false
  return entry.service === undefined || vpcs.some(v => v.endpoints.some(e => e.service === entry.service))
}

/** The entry holds through the whole of its `expires` day in UTC. */
export function isExpired(entry: Pick<IgnoreEntry, 'expires'>, now: Date): boolean {
  if (!entry.expires) return false
  const end = Date.parse(`${entry.expires}T00:00:00Z`) + 24 * 60 * 60 * 1000
  return now.getTime() >= end
}

export function matches(entry: IgnoreEntry, f: Finding): boolean {
  if (f.ruleId !== entry.rule) return false
  if (entry.vpc !== undefined && f.vpcId !== entry.vpc) return false
  if (entry.service !== undefined && f.service !== entry.service) return false
  if (entry.endpoint !== undefined && f.endpointId !== entry.endpoint) return false
  return true
}

/** `private-dns-enabled for kms in vpc-…` as a reviewer reads an entry. */
export function describeEntry(entry: IgnoreEntry): string {
  const scope = [
    entry.service ? `service ${entry.service}` : '',
    entry.endpoint ? `endpoint ${entry.endpoint}` : '',
    entry.vpc ? `in ${entry.vpc}` : ''
  ].filter(Boolean)
  return `${entry.rule}${scope.length > 0 ? ` (${scope.join(', ')})` : ''}`
}

function expiredMessage(entry: IgnoreEntry): string {
  return (
    `The ignore entry for ${describeEntry(entry)} expired on ${entry.expires ?? ''} ("${entry.reason}"): ` +
    'its findings count again. Fix them, or renew the entry with a new date and reason.'
  )
}

function unusedMessage(entry: IgnoreEntry, inScope: number): string {
  const what =
    inScope === 0
      ? 'no finding of that rule is in its scope'
      : `every finding in its scope passed (${inScope})`
  return `The ignore entry for ${describeEntry(entry)} suppressed nothing: ${what}. Remove it, or correct its scope.`
}

function entryFinding(
  entry: IgnoreEntry,
  manifest: Pick<Manifest, 'vpcs'>,
  ruleId: string,
  message: string
): Finding {
  const vpc = manifest.vpcs.find(v => v.id === entry.vpc) ?? manifest.vpcs[0]
  return {
    ruleId,
    verdict: 'warn',
    message,
    location: entry.location,
    vpcId: entry.vpc ?? vpc?.id ?? '',
    region: vpc?.region ?? '',
    ...(entry.service ? { service: entry.service } : {}),
    ...(entry.endpoint ? { endpointId: entry.endpoint } : {}),
    evidence: {
      rule: entry.rule,
      ...(entry.expires ? { expires: entry.expires } : {})
    }
  }
}
