/**
 * The run's view of time for its waits: CloudTrail polling, the LookupEvents spacing, metrics and
 * Reachability polling. One clock, injected at the entry, so tests can hand every wait a simulated clock
 * (test/clock/skipping-clock.ts) and run on simulated time; a real run always has `systemClock`. The
 * run's deadline and the per-call budgets stay on real time: they bound what a server may make us wait.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now: () => number
  /** Resolves after `ms` of this clock's time. */
  sleep: (ms: number) => Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: ms => new Promise<void>(resolve => setTimeout(resolve, ms))
}
