import { describe, expect, it } from 'vitest'
import { createRateLimiter } from '../../src/evidence/rate-limiter.js'

function fakeClock() {
  let t = 1_000_000
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms
    },
    advance: (ms: number) => {
      t += ms
    }
  }
}

/** Largest number of timestamps inside any 1-second window. */
function maxPerSecond(times: number[]): number {
  let max = 0
  for (const start of times) max = Math.max(max, times.filter(t => t >= start && t < start + 1000).length)
  return max
}

describe('createRateLimiter', () => {
  it('spaces back-to-back calls at least 550 ms apart: never more than 2 in a second', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ now: clock.now, sleep: clock.sleep })
    const times: number[] = []
    for (let i = 0; i < 10; i++) {
      await limiter.acquire()
      times.push(clock.now())
    }
    expect(maxPerSecond(times)).toBe(2)
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual(Array(9).fill(550))
    expect(limiter.count).toBe(10)
  })

  it('queues concurrent callers instead of letting them through together', async () => {
    const waits: number[] = []
    const limiter = createRateLimiter({
      now: () => 0,
      sleep: async ms => {
        waits.push(ms)
      }
    })
    // Three callers at the same instant: the first goes now, the others get the next free slots.
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()])
    expect(waits).toEqual([550, 1100])
  })

  it('does not wait when calls are already far apart', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ now: clock.now, sleep: clock.sleep })
    await limiter.acquire()
    clock.advance(5000)
    const before = clock.now()
    await limiter.acquire()
    expect(clock.now()).toBe(before)
  })
})
