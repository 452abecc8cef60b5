/**
 * When to ask CloudTrail again. AWS: "CloudTrail typically delivers logs within an average of about 5
 * minutes of an API call. This time is not guaranteed." Polling every few seconds from the start spends
 * the 2 requests/second account limit on empty answers; polling every 30 s near the delivery time leaves
 * the verdict up to 30 s late. So: two sparse early polls (a fast delivery is still seen), then polls at
 * most `tailMs` apart from shortly before the expected delivery until the deadline.
 */
export interface PollSchedule {
  /** Expected delivery after the probes, laid over at most half the evidence timeout. */
  deliveryMs: number
  /** Interval from shortly before the expected delivery on (AWS's delivery has a spread). */
  tailMs: number
}

export const EXPECTED_DELIVERY_MS = 5 * 60_000
export const MAX_TAIL_INTERVAL_MS = 10_000

/**
 * A short evidence-timeout means the user expects (or can only afford) an early delivery: the schedule
 * is compressed to fit in it, so the lookup polls several times before giving up.
 */
export function pollSchedule(timeoutMs: number, expectedDeliveryMs = EXPECTED_DELIVERY_MS): PollSchedule {
  const deliveryMs = Math.max(1, Math.min(expectedDeliveryMs, timeoutMs / 2))
  return { deliveryMs, tailMs: Math.min(MAX_TAIL_INTERVAL_MS, Math.max(500, deliveryMs / 10)) }
}

/** Early checkpoints as fractions of the expected delivery; the dense tail starts at the last. */
const CHECKPOINTS = [0.1, 0.5, 0.9]

/**
 * Milliseconds to wait before the next poll, given how long ago the probes were sent (`ageMs`) and a
 * random number in [0, 1). Checkpoint waits are stretched by up to 10% and tail waits shortened by up to 20%, so
 * parallel jobs drift apart and no wait exceeds `tailMs` once the tail has begun.
 */
export function nextPollWait(schedule: PollSchedule, ageMs: number, random: number): number {
  const age = Math.max(0, ageMs)
  const tailStart = CHECKPOINTS.at(-1)! * schedule.deliveryMs
  if (age < tailStart) {
    const next = CHECKPOINTS.map(f => f * schedule.deliveryMs).find(at => at > age)!
    // Late rather than early, so the poll lands past its checkpoint and the next one is the next.
    return Math.ceil((next - age) * (1 + 0.1 * random))
  }
  return Math.round(schedule.tailMs * (1 - 0.2 * random))
}
