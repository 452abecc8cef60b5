import { describe, expect, it } from 'vitest'
import { createTokenBucket } from '../../src/aws/token-bucket.js'

/** Most request start times in any window (t - 1000, t]. */
function maxPerSecond(times: number[]): number {
  return Math.max(...times.map(s => times.filter(x => x > s - 1000 && x <= s).length))
}

describe('token bucket (EC2 throttling model)', () => {
  it('lets the burst go at once, then one request per refilled token', async () => {
    let t = 0
    const starts: number[] = []
    const bucket = createTokenBucket(
      { burst: 100, refillPerSecond: 20 },
      {
        now: () => t,
        sleep: async ms => {
          t += ms
        }
      }
    )
    for (let i = 0; i < 140; i += 1) {
      await bucket.acquire()
      starts.push(t)
    }
    expect(starts.filter(s => s === 0)).toHaveLength(100)
    expect(starts[100]).toBe(50)
    expect(starts.at(-1)).toBe(2000)
  })

  it('never lets more requests start in a second than burst + refill, and sustains the refill rate', async () => {
    let t = 0
    const starts: number[] = []
    const bucket = createTokenBucket(
      { burst: 100, refillPerSecond: 20 },
      {
        now: () => t,
        sleep: async ms => {
          t += ms
        }
      }
    )
    // One request at a time, as a single caller in a loop would: 400 requests.
    for (let i = 0; i < 400; i += 1) {
      await bucket.acquire()
      starts.push(t)
    }
    expect(maxPerSecond(starts)).toBeLessThanOrEqual(120)
    // After the burst, 300 more at 20/s: 15 s.
    expect(t).toBeGreaterThanOrEqual(14_950)
    expect(t).toBeLessThanOrEqual(15_100)
    const late = starts.filter(s => s >= 5000)
    expect(maxPerSecond(late)).toBeLessThanOrEqual(20)
  })

  it('refills while idle, up to the burst and no further', async () => {
    let t = 0
    const sleeps: number[] = []
    const bucket = createTokenBucket(
      { burst: 5, refillPerSecond: 1 },
      {
        now: () => t,
        sleep: async ms => {
          sleeps.push(ms)
          t += ms
        }
      }
    )
    for (let i = 0; i < 5; i += 1) await bucket.acquire()
    t = 60_000
    for (let i = 0; i < 5; i += 1) await bucket.acquire()
    expect(sleeps).toEqual([])
    // A full bucket after a minute idle holds 5, not 60: the sixth request waits a second.
    await bucket.acquire()
    expect(sleeps).toEqual([1000])
  })
})
