/**
 * Simulated time for in-process runs against the simulator: real time plus every wait skipped so far. A
 * `sleep(ms)` returns at once and moves the clock to at least `ms` after the moment it was called, so code
 * that waits (CloudTrail polling, the LookupEvents pacing, weak-match settling) and the simulator's view of
 * time (CloudTrail delivery, its 2 requests/second limit, Date headers) move together, in milliseconds of
 * real time. Sleeps that overlap wake at the latest of their targets: never earlier than asked, as on a busy
 * machine. Not for measuring a request rate at the simulator: a skipped wait can overtake a request still in
 * flight, which the simulator then stamps late (bunched).
 */
export interface SkippingClock {
  now: () => number
  sleep: (ms: number) => Promise<void>
  /** Simulated ms skipped so far. */
  skipped: () => number
}

export function skippingClock(): SkippingClock {
  let skipped = 0
  const now = () => Date.now() + skipped
  return {
    now,
    sleep: async ms => {
      const target = now() + Math.max(0, ms)
      // Yield first, like a timer: callbacks queued before the sleep run before it returns.
      await new Promise<void>(resolve => setImmediate(resolve))
      skipped += Math.max(0, target - now())
    },
    skipped: () => skipped
  }
}
