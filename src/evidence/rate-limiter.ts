/**
 * Spaces calls at least `minIntervalMs` apart (start to start). CloudTrail allows two LookupEvents per
 * second per account and region; 550 ms spacing keeps every 1-second window at two or fewer, with a
 * margin for timer and network jitter. Slots are reserved synchronously, so concurrent callers queue.
 */
export interface RateLimiter {
  acquire(): Promise<void>
  /** Slots handed out so far (= requests sent through this limiter). */
  readonly count: number
}

export interface RateLimiterOptions {
  minIntervalMs?: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export const LOOKUP_MIN_INTERVAL_MS = 550

export const realSleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const minIntervalMs = options.minIntervalMs ?? LOOKUP_MIN_INTERVAL_MS
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? realSleep
  let lastSlot = Number.NEGATIVE_INFINITY
  let count = 0
  return {
    acquire() {
      const t = now()
      const slot = Math.max(t, lastSlot + minIntervalMs)
      lastSlot = slot
      count += 1
      return slot > t ? sleep(slot - t) : Promise.resolve()
    },
    get count() {
      return count
    }
  }
}
