import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * One AWS call's time budget (`callMs`, 45 s by default), counted while the call is the run's to wait
 * for: signing, sending, the SDK's retries and backoff, the response body. Time spent queued in the EC2
 * token bucket is not the call's: a run past ~900 EC2 requests in one account and region queues later
 * requests for more than 45 s, and a budget that counted the queue turned those reads inconclusive
 * instead of letting them wait their turn. The run's deadline still bounds the queue (clients.ts races
 * every wait against it).
 */
export interface CallBudget {
  /** Aborts when the call has used its budget. */
  readonly signal: AbortSignal
  /** Waits for `wait` with the budget stopped (a queue, not the call's own time). */
  paused<T>(wait: Promise<T>): Promise<T>
  /** Cancels the timer once the call has settled. */
  dispose(): void
}

/** Timers on an injectable clock, so tests step time instead of sleeping. */
export interface BudgetClock {
  now(): number
  setTimer(fire: () => void, ms: number): { cancel(): void }
}

export const systemBudgetClock: BudgetClock = {
  now: () => Date.now(),
  setTimer: (fire, ms) => {
    const timer = setTimeout(fire, ms)
    timer.unref?.()
    return { cancel: () => clearTimeout(timer) }
  }
}

export class CallBudgetExceeded extends Error {
  override readonly name = 'CallBudgetExceeded'
}

export function startCallBudget(ms: number, clock: BudgetClock = systemBudgetClock): CallBudget {
  const controller = new AbortController()
  let left = ms
  let runningSince: number | undefined
  let timer: { cancel(): void } | undefined
  let pauses = 0
  let disposed = false

  const run = () => {
    if (disposed || controller.signal.aborted) return
    runningSince = clock.now()
    timer = clock.setTimer(
      () => controller.abort(new CallBudgetExceeded(`call budget of ${ms} ms used`)),
      Math.max(0, left)
    )
  }
  const stop = () => {
    timer?.cancel()
    timer = undefined
    if (runningSince !== undefined) left -= clock.now() - runningSince
    runningSince = undefined
  }
  run()

  return {
    signal: controller.signal,
    async paused<T>(wait: Promise<T>): Promise<T> {
      // One call's attempts run one after another; the count only guards against overlapping waits.
      if (pauses++ === 0) stop()
      try {
        return await wait
      } finally {
        if (--pauses === 0) run()
      }
    },
    dispose() {
      disposed = true
      stop()
    }
  }
}

/**
 * The budget of the call being sent, seen from the SDK middleware that waits in the token bucket. The
 * middleware runs inside `client.send`'s async context, so no field has to travel on the command.
 */
const current = new AsyncLocalStorage<CallBudget>()

export function withinCallBudget<T>(budget: CallBudget, send: () => Promise<T>): Promise<T> {
  return current.run(budget, send)
}

/** Waits for `wait` outside the current call's budget (inside no call: just waits). */
export function outsideCallBudget<T>(wait: Promise<T>): Promise<T> {
  const budget = current.getStore()
  return budget ? budget.paused(wait) : wait
}
