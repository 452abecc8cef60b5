/**
 * EC2's API throttling model, client side: "Amazon EC2 uses the token bucket algorithm to implement API
 * throttling ... the bucket size for non-mutating (Describe*) API actions is 100 tokens, and the refill
 * rate is 20 tokens per second" (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html,
 * worked example; ../shared/reference/aws/ec2-api-throttling-facts.json). Pacing every request to it
 * means a large manifest waits a few seconds instead of collecting RequestLimitExceeded and backing off.
 */
export interface TokenBucketLimits {
  /** Requests that may go at once (the bucket's size). */
  burst: number
  /** Tokens added back per second. */
  refillPerSecond: number
}

export const EC2_DESCRIBE_LIMITS: TokenBucketLimits = { burst: 100, refillPerSecond: 20 }

export interface TokenBucket {
  /** Resolves when this request may go. Reservations are taken in call order (first come, first served). */
  acquire(): Promise<void>
  readonly limits: TokenBucketLimits
}

export function createTokenBucket(
  limits: TokenBucketLimits,
  clock: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {}
): TokenBucket {
  if (!(limits.burst >= 1) || !(limits.refillPerSecond > 0)) {
    throw new Error(
      `token bucket needs burst >= 1 and refill > 0 (got ${limits.burst}, ${limits.refillPerSecond})`
    )
  }
  const now = clock.now ?? Date.now
  const sleep = clock.sleep ?? ((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)))
  let tokens = limits.burst
  let at = now()
  return {
    limits,
    acquire() {
      const t = now()
      tokens = Math.min(limits.burst, tokens + ((t - at) / 1000) * limits.refillPerSecond)
      at = t
      // Taken now even when the bucket is short: a negative balance is the queue of waiting requests,
      // each of which goes when the refill has covered it.
      tokens -= 1
      if (tokens >= 0) return Promise.resolve()
      return sleep(Math.ceil((-tokens / limits.refillPerSecond) * 1000))
    }
  }
}
