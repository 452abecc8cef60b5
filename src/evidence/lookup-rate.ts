import { UserError } from '../core/errors.js'

/** CloudTrail: LookupEvents is limited to two requests per second per account and region. */
export const MAX_LOOKUP_RATE = 2

/**
 * `lookup-rate`: LookupEvents requests per second this job may send. Parallel jobs in one account and
 * region share AWS's limit, so each may take a share of it (two jobs: 1 each). Empty: the whole limit.
 */
export function parseLookupRate(value: string, name: string): number {
  const text = value.trim()
  if (text === '') return MAX_LOOKUP_RATE
  const rate = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN
  if (!(rate > 0) || rate > MAX_LOOKUP_RATE) {
    throw new UserError(
      `${name}: "${value}" is not a number of LookupEvents requests per second above 0 and at most ${MAX_LOOKUP_RATE} (CloudTrail's limit per account and region).`
    )
  }
  return rate
}

/**
 * Spacing between requests (start to start) for a rate: 10% above 1/rate, a margin for timer and
 * network jitter that keeps every 1-second window within the rate (550 ms at 2/s).
 */
export function lookupIntervalMs(rate: number): number {
  return Math.ceil(1100 / rate)
}
