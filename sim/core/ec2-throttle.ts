/**
 * EC2's API throttling as AWS documents it: a token bucket per account and Region; each request takes a
 * token; an empty bucket answers RequestLimitExceeded (ec2-api-throttling-facts.json). Throttled
 * requests take no token. One bucket for every EC2 action (the older wording of the page).
 */
export class Ec2Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly burst: number,
    private readonly refillPerSecond: number
  ) {}

  tryAcquire(key: string, now: number): boolean {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.refillPerSecond)
    b.at = now
    this.buckets.set(key, b)
    if (b.tokens < 1) return false
    b.tokens -= 1
    return true
  }
}
