/**
 * At most `limit` accepted requests per key in any window `(now - windowMs, now]` (CloudTrail LookupEvents: two
 * per second per account and region). Rejected requests do not use up the allowance.
 */
export class SlidingWindowLimiter {
  private readonly accepted = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number
  ) {}

  tryAcquire(key: string, now: number): boolean {
    const recent = (this.accepted.get(key) ?? []).filter(t => t > now - this.windowMs)
    if (recent.length >= this.limit) {
      this.accepted.set(key, recent)
      return false
    }
    recent.push(now)
    this.accepted.set(key, recent)
    return true
  }
}
