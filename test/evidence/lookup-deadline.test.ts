import { CloudTrailClient, type LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import { describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startSimulatedAws } from '../../sim/server.js'
import { awaitProbeEvents } from '../../src/evidence/lookup.js'
import { MAX_PAGES } from '../../src/aws/pages.js'
import { probe, record } from './fixtures.js'

/**
 * LookupEvents that misbehaves cannot hold the run: a repeated NextToken, endless pages, slow pages
 * and a page that never answers all end at the page cap, at evidence-timeout or at the run's deadline.
 * The clock is injected; nothing here sleeps.
 */
const KEY = 'ASIAEXAMPLEPROBE0001'
const START = new Date('2024-06-04T23:07:49.000Z')
const want = (probes = [probe()]) => ({
  region: 'ap-northeast-1',
  accessKeyId: KEY,
  startTime: START,
  probes
})
const noise = (i: number) => ({
  EventId: `noise-${i}`,
  CloudTrailEvent: JSON.stringify(record({ eventID: `noise-${i}`, requestID: `other-${i}` }))
})

/** A CloudTrail whose every page is answered by `page(n)`, on a fake clock that `page` may advance. */
function hostileCloudTrail(page: (n: number, clock: { t: number }) => Promise<object> | object) {
  const clock = { t: 0 }
  const calls: Array<LookupEventsCommand['input']> = []
  return {
    calls,
    clock,
    client: {
      send: async (command: LookupEventsCommand) => {
        calls.push(command.input)
        return { $metadata: {}, ...(await page(calls.length, clock)) }
      }
    } as never,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms
    }
  }
}

describe('LookupEvents paging that cannot loop', () => {
  it('stops on a repeated NextToken after two pages; the probe stays missing with the reason', async () => {
    const ct = hostileCloudTrail(n => ({ Events: [noise(n)], NextToken: 'same-token' }))
    const result = await awaitProbeEvents(ct.client, want(), {
      timeoutMs: 600_000,
      now: ct.now,
      sleep: ct.sleep
    })
    expect(ct.calls).toHaveLength(2)
    expect(result.matches).toEqual([undefined])
    expect(result.failure).toMatchObject({
      kind: 'error',
      action: 'cloudtrail:LookupEvents',
      code: 'RepeatedNextToken',
      message: expect.stringContaining('CloudTrail LookupEvents returned the same NextToken twice')
    })
  })

  it(`stops at ${MAX_PAGES} pages of fresh tokens in one poll`, async () => {
    const ct = hostileCloudTrail(n => ({ Events: [noise(n)], NextToken: `token-${n}` }))
    const result = await awaitProbeEvents(ct.client, want(), {
      timeoutMs: 3_600_000,
      now: ct.now,
      sleep: ct.sleep
    })
    expect(ct.calls).toHaveLength(MAX_PAGES)
    expect(result.failure?.code).toBe('TooManyPages')
  })

  it('a probe found on an early page still counts when paging is stopped', async () => {
    const ct = hostileCloudTrail(n =>
      n === 1
        ? { Events: [{ EventId: 'ev-sns-1', CloudTrailEvent: JSON.stringify(record()) }], NextToken: 'same' }
        : { Events: [noise(n)], NextToken: 'same' }
    )
    const result = await awaitProbeEvents(ct.client, want(), {
      timeoutMs: 600_000,
      now: ct.now,
      sleep: ct.sleep
    })
    expect(result.matches[0]).toMatchObject({ match: 'requestId', record: { eventID: 'ev-sns-1' } })
  })
})

describe('LookupEvents that is slow or silent', () => {
  it('slow pages (10 s each, endless) stop paging at evidence-timeout', async () => {
    const ct = hostileCloudTrail((n, clock) => {
      clock.t += 10_000
      return { Events: [noise(n)], NextToken: `token-${n}` }
    })
    const result = await awaitProbeEvents(ct.client, want(), {
      timeoutMs: 30_000,
      now: ct.now,
      sleep: ct.sleep
    })
    expect(result.matches).toEqual([undefined])
    // Three slow pages reach the 30 s timeout; v0 paged on for the whole listing.
    expect(ct.calls).toHaveLength(3)
    expect(ct.now()).toBeLessThanOrEqual(30_000 + 10_000)
  })

  it("the run's deadline ends a page in flight and the waits; what was found stays", async () => {
    const controller = new AbortController()
    const kms = probe({
      service: 'kms',
      operation: 'ListKeys',
      eventSource: 'kms.amazonaws.com',
      eventName: 'ListKeys',
      requestId: 'req-kms'
    })
    let released = false
    const ct = hostileCloudTrail(n => {
      if (n === 1) return { Events: [{ EventId: 'ev-sns-1', CloudTrailEvent: JSON.stringify(record()) }] }
      // The second poll's page never answers; the deadline fires while it is in flight.
      queueMicrotask(() =>
        controller.abort(
          Object.assign(new Error('ran out of time after 20m00s (timeout 20m00s)'), {
            name: 'DeadlineExceeded'
          })
        )
      )
      return new Promise(() => {
        released = true
      })
    })
    const result = await awaitProbeEvents(ct.client, want([probe(), kms]), {
      timeoutMs: 600_000,
      now: ct.now,
      sleep: ct.sleep,
      signal: controller.signal
    })
    expect(released).toBe(true)
    expect(result.matches[0]).toMatchObject({ match: 'requestId', record: { eventID: 'ev-sns-1' } })
    expect(result.matches[1]).toBeUndefined()
    expect(result.failure).toMatchObject({
      code: 'DeadlineExceeded',
      message: 'ran out of time after 20m00s (timeout 20m00s)'
    })
  })

  it('a page that never answers ends at evidence-timeout (real clock, 50 ms)', async () => {
    const result = await awaitProbeEvents({ send: () => new Promise(() => undefined) } as never, want(), {
      timeoutMs: 50
    })
    expect(result.matches).toEqual([undefined])
    expect(result.lastError?.code).toBe('TimeoutError')
  })
})

describe('LookupEvents through the real SDK against the simulator', () => {
  it('a CloudTrail that repeats its NextToken: two calls, then the probe is inconclusive with the reason', async () => {
    const scenario = structuredClone(demoScenario)
    scenario.repeatNextToken = ['cloudtrail:LookupEvents']
    const sim = await startSimulatedAws(scenario)
    try {
      const client = new CloudTrailClient({
        region: 'ap-northeast-1',
        endpoint: sim.url,
        credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
        maxAttempts: 1
      })
      const result = await awaitProbeEvents(client, want(), { timeoutMs: 60_000 })
      expect(sim.callCount('LookupEvents')).toBe(2)
      expect(result.failure?.code).toBe('RepeatedNextToken')
    } finally {
      await sim.close()
    }
  })
})
