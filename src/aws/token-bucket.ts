import { UserError } from '../core/errors.js'

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
  /** Resolves when this request may go (a token is free), taking the token. */
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
  const refill = () => {
    const t = now()
    tokens = Math.min(limits.burst, tokens + ((t - at) / 1000) * limits.refillPerSecond)
    at = t
  }
  return {
    limits,
    async acquire() {
      // The token is taken when the request may really go, not reserved ahead: timers that fire late
      // (a busy event loop) would otherwise release their requests together, above the rate.
      for (;;) {
        refill()
        if (tokens >= 1) {
          tokens -= 1
          return
        }
        await sleep(Math.max(1, Math.ceil(((1 - tokens) / limits.refillPerSecond) * 1000)))
      }
    }
  }
}

/**
 * `ec2-rate`: `BURST/REFILL` (e.g. `100/20`), for an account whose EC2 limits were raised or that other
 * tools share. Empty: EC2's documented Describe* bucket.
 */
export function parseEc2Rate(value: string, name: string): TokenBucketLimits {
  const text = value.trim()
  if (text === '') return EC2_DESCRIBE_LIMITS
  const m = /^(\d{1,6})\/(\d{1,6}(?:\.\d+)?)$/.exec(text)
  const limits = m ? { burst: Number(m[1]), refillPerSecond: Number(m[2]) } : undefined
  if (!limits || limits.burst < 1 || !(limits.refillPerSecond > 0)) {
    throw new UserError(
      `${name}: "${value}" is not BURST/REFILL (requests at once / requests per second, e.g. 100/20).`
    )
  }
  return limits
}
