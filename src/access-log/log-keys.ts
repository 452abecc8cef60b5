import type { AccessLogDeclaration } from '../manifest/types.js'

/**
 * Where the log objects for a time window are (S3 User Guide, "Log object key format"; the S3 API's
 * SimplePrefix / PartitionedPrefix):
 * - SimplePrefix: `[prefix]YYYY-mm-DD-HH-MM-SS-UniqueString`, the time of *delivery*: every object delivered
 *   after the probe sorts after `[prefix]<probe time>`, so one listing with StartAfter covers them;
 * - PartitionedPrefix: `[prefix][account]/[region]/[bucket]/YYYY/MM/DD/YYYY-MM-DD-hh-mm-ss-UniqueString`, by
 *   event day (time set to 00-00-00) or delivery day: every day folder from the probe's day to today is listed.
 */
export interface LogListing {
  prefix: string
  startAfter?: string
}

/** Day folders listed at most (a partitioned log verified more than a week later is not searched further). */
export const MAX_PARTITION_DAYS = 8

const pad = (n: number) => String(n).padStart(2, '0')

export function simpleTimestamp(ms: number): string {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}-${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}`
}

export function logListings(
  decl: AccessLogDeclaration,
  window: { fromMs: number; toMs: number },
  source: { account?: string; region: string }
): LogListing[] | { problem: string } {
  if (decl.keyFormat === 'simple') {
    return [{ prefix: decl.logPrefix, startAfter: `${decl.logPrefix}${simpleTimestamp(window.fromMs)}` }]
  }
  if (!source.account)
    return {
      problem:
        "the partitioned key format names the bucket's account, and neither the manifest's `account` nor the inventory gave it"
    }
  const listings: LogListing[] = []
  const day = 86_400_000
  for (
    let t = Math.floor(window.fromMs / day) * day;
    t <= window.toMs && listings.length < MAX_PARTITION_DAYS;
    t += day
  ) {
    const d = new Date(t)
    listings.push({
      prefix: `${decl.logPrefix}${source.account}/${source.region}/${decl.bucket}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/`
    })
  }
  return listings
}
