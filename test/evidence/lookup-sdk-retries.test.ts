import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http'
import { describe, expect, it } from 'vitest'
import { awaitProbeEvents } from '../../src/evidence/lookup.js'
import type { RateLimiter } from '../../src/evidence/rate-limiter.js'
import { probe, record } from './fixtures.js'

/**
 * The real CloudTrail client with an in-memory HTTP handler: the SDK's own retries of a throttled request
 * must pass the rate limiter too, or the 2 requests/second limit is broken by retries.
 */
describe('awaitProbeEvents with the real SDK client', () => {
  it("passes every HTTP attempt, the SDK's retries included, through the limiter", async () => {
    const events: string[] = []
    let attempts = 0
    const requestHandler = {
      handle: async (request: HttpRequest) => {
        events.push('send')
        attempts += 1
        expect(request.headers['x-amz-target']).toMatch(/CloudTrail_20131101\.LookupEvents$/)
        const throttled = attempts <= 2
        const body = throttled
          ? { __type: 'ThrottlingException', message: 'Rate exceeded' }
          : { Events: [{ EventId: 'ev-sns-1', CloudTrailEvent: JSON.stringify(record()) }] }
        return {
          response: new HttpResponse({
            statusCode: throttled ? 400 : 200,
            headers: {
              'content-type': 'application/x-amz-json-1.1',
              'x-amzn-requestid': `lookup-${attempts}`
            },
            body: Buffer.from(JSON.stringify(body))
          })
        }
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({})
    }
    const client = new CloudTrailClient({
      region: 'ap-northeast-1',
      credentials: { accessKeyId: 'ASIAEXAMPLEPROBE0001', secretAccessKey: 'x' },
      requestHandler,
      // Three attempts, without the SDK's backoff delay between them.
      retryStrategy: new ConfiguredRetryStrategy(3, 0)
    })
    let count = 0
    const limiter: RateLimiter = {
      acquire: async () => {
        count += 1
        events.push('acquire')
      },
      get count() {
        return count
      }
    }
    const result = await awaitProbeEvents(
      client,
      {
        region: 'ap-northeast-1',
        accessKeyId: 'ASIAEXAMPLEPROBE0001',
        startTime: new Date(0),
        probes: [probe()]
      },
      // The page in flight (SDK retries and their backoff included) now ends at the timeout: leave room.
      { timeoutMs: 30_000, limiter }
    )
    expect(result.lastError ?? result.failure).toBeUndefined()
    expect(result.matches[0]).toMatchObject({ record: { eventID: 'ev-sns-1' } })
    expect(attempts).toBe(3)
    expect(events).toEqual(['acquire', 'send', 'acquire', 'send', 'acquire', 'send'])
    expect(result.calls).toBe(3)
  })
})
