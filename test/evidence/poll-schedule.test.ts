import { describe, expect, it } from 'vitest'
import { nextPollWait, pollSchedule } from '../../src/evidence/poll-schedule.js'

/** Poll times (ms after the probes) up to `until`, for a fixed random draw. */
function polls(timeoutMs: number, random: number, until: number): number[] {
  const schedule = pollSchedule(timeoutMs)
  const at: number[] = []
  let age = 0
  while (age < until) {
    age += nextPollWait(schedule, age, random)
    at.push(age)
  }
  return at
}

describe('poll schedule tuned to CloudTrail delivery', () => {
  it('with the default 10-minute timeout: two early polls, then at most 10 s apart from 4m30s', () => {
    for (const random of [0, 0.5, 0.999]) {
      const at = polls(600_000, random, 600_000)
      expect(at[0]).toBeGreaterThanOrEqual(30_000)
      expect(at[0]).toBeLessThanOrEqual(33_000)
      expect(at.filter(t => t < 270_000)).toHaveLength(2)
      const tail = at.filter(t => t >= 270_000)
      const gaps = tail.slice(1).map((t, i) => t - tail[i]!)
      expect(Math.max(...gaps)).toBeLessThanOrEqual(10_000)
      // Delivery at 5 minutes: found by the poll at most 10 s later, within 8 polls.
      const first = at.findIndex(t => t >= 300_000)
      expect(at[first]! - 300_000).toBeLessThanOrEqual(10_000)
      expect(first + 1).toBeLessThanOrEqual(8)
    }
  })

  it('lays the same shape over half a short evidence-timeout, so it still polls several times', () => {
    const at = polls(8_000, 0.5, 8_000)
    expect(pollSchedule(8_000)).toEqual({ deliveryMs: 4_000, tailMs: 500 })
    expect(at.filter(t => t < 8_000).length).toBeGreaterThanOrEqual(8)
  })

  it('a verify job starting after the first checkpoint polls on the schedule from where it is', () => {
    const schedule = pollSchedule(600_000)
    expect(nextPollWait(schedule, 200_000, 0)).toBe(70_000)
    expect(nextPollWait(schedule, 400_000, 0)).toBe(10_000)
  })
})
