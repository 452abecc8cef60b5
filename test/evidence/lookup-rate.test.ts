import { describe, expect, it } from 'vitest'
import { lookupIntervalMs, parseLookupRate } from '../../src/evidence/lookup-rate.js'
import { createRateLimiter } from '../../src/evidence/rate-limiter.js'

describe('lookup-rate', () => {
  it('defaults to CloudTrail\u2019s whole limit and accepts a share of it', () => {
    expect(parseLookupRate('', 'Input lookup-rate')).toBe(2)
    expect(parseLookupRate('1', 'Input lookup-rate')).toBe(1)
    expect(parseLookupRate(' 0.5 ', 'Input lookup-rate')).toBe(0.5)
  })

  it('refuses a rate above the account limit, zero, or not a number, naming the input', () => {
    for (const bad of ['3', '0', '-1', 'fast', '1e9', '2.5']) {
      expect(() => parseLookupRate(bad, 'Input lookup-rate')).toThrow(
        /Input lookup-rate: ".*" is not a number/
      )
    }
  })

  it('spaces requests so that no 1-second window holds more than the rate', async () => {
    for (const rate of [2, 1, 0.5]) {
      let t = 0
      const limiter = createRateLimiter({
        minIntervalMs: lookupIntervalMs(rate),
        now: () => t,
        sleep: async ms => {
          t += ms
        }
      })
      const starts: number[] = []
      for (let i = 0; i < 20; i += 1) {
        await limiter.acquire()
        starts.push(t)
      }
      const most = Math.max(...starts.map(s => starts.filter(x => x > s - 1000 && x <= s).length))
      expect(most).toBeLessThanOrEqual(Math.max(1, Math.floor(rate)))
    }
  })
})
