import { CloudTrailClient, LookupEventsCommand, paginateLookupEvents } from '@aws-sdk/client-cloudtrail'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { isThrottlingError } from '@smithy/core/retry'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { SimScenario } from '../../sim/scenario.js'
import { skippingClock } from '../clock/skipping-clock.js'
import { clientConfig, demoScenario } from './helpers.js'

const PROBE_KEY = {
  accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'
}

describe('CloudTrail LookupEvents', () => {
  let sim: SimulatedAws | undefined
  const clients: Array<{ destroy(): void }> = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await sim?.close()
  })

  /**
   * The simulator's clock (delivery delay, the 2 requests/second limit): waits between calls are skipped,
   * never slept. Calls here go one at a time, so no skipped wait overtakes a request in flight.
   */
  let clock = skippingClock()
  const sleep = (ms: number) => clock.sleep(ms)

  async function start(scenario: SimScenario) {
    clock = skippingClock()
    sim = await startSimulatedAws(scenario, { now: clock.now })
    const sts = new STSClient(clientConfig(sim.url, { credentials: PROBE_KEY }))
    const trail = new CloudTrailClient(clientConfig(sim.url, { maxAttempts: 1 }))
    clients.push(sts, trail)
    return { sim, sts, trail }
  }

  // A fresh object each time: the SDK paginator writes NextToken into the input it is given.
  const byProbeKey = () => ({
    LookupAttributes: [{ AttributeKey: 'AccessKeyId' as const, AttributeValue: PROBE_KEY.accessKeyId }]
  })

  it('returns the recorded call, newest first, with CloudTrailEvent as a JSON string of the full record', async () => {
    const { sts, trail } = await start(demoScenario())
    const first = await sts.send(new GetCallerIdentityCommand({}))
    const second = await sts.send(new GetCallerIdentityCommand({}))
    const out = await trail.send(new LookupEventsCommand(byProbeKey()))
    expect(out.Events).toHaveLength(2)
    const [newest, oldest] = out.Events ?? []
    expect(newest).toMatchObject({
      EventName: 'GetCallerIdentity',
      EventSource: 'sts.amazonaws.com',
      ReadOnly: 'true',
      AccessKeyId: PROBE_KEY.accessKeyId,
      Username: 'vpce-proof-ci',
      Resources: []
    })
    expect(newest?.EventTime).toBeInstanceOf(Date)
    const records = [newest, oldest].map(e => JSON.parse(e?.CloudTrailEvent ?? '{}'))
    expect(records.map(r => r.requestID)).toEqual([second.$metadata.requestId, first.$metadata.requestId])
    expect(records[0]).toMatchObject({
      eventVersion: '1.09',
      eventType: 'AwsApiCall',
      eventCategory: 'Management',
      managementEvent: true,
      readOnly: true,
      awsRegion: 'ap-northeast-1',
      recipientAccountId: '123456789012',
      userIdentity: { type: 'IAMUser', accessKeyId: PROBE_KEY.accessKeyId, accountId: '123456789012' },
      requestParameters: null,
      responseElements: null
    })
    expect(records[0].eventID).toBe(newest?.EventId)
  })

  it('pages at 50 events, with a NextToken the SDK paginator follows', async () => {
    const { sts, trail } = await start(demoScenario())
    for (let i = 0; i < 60; i++) await sts.send(new GetCallerIdentityCommand({}))
    const sizes: number[] = []
    for await (const page of paginateLookupEvents({ client: trail }, byProbeKey()))
      sizes.push(page.Events?.length ?? 0)
    expect(sizes).toEqual([50, 10])
    await sleep(1000)
    await expect(
      trail.send(new LookupEventsCommand({ ...byProbeKey(), NextToken: 'forged' }))
    ).rejects.toMatchObject({
      name: 'InvalidNextTokenException'
    })
  })

  it('hides an event until its delivery delay has passed', async () => {
    const { sts, trail } = await start(demoScenario({ cloudTrailDelayMs: 600 }))
    await sts.send(new GetCallerIdentityCommand({}))
    const early = await trail.send(new LookupEventsCommand(byProbeKey()))
    expect(early.Events).toEqual([])
    await sleep(700)
    const late = await trail.send(new LookupEventsCommand(byProbeKey()))
    expect(late.Events).toHaveLength(1)
  })

  it('throttles the third call within a second with a ThrottlingException the SDK classifies as throttling', async () => {
    const { sim, trail } = await start(demoScenario())
    await trail.send(new LookupEventsCommand({}))
    await trail.send(new LookupEventsCommand({}))
    const error = await trail.send(new LookupEventsCommand({})).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } })
    expect(isThrottlingError(error as Parameters<typeof isThrottlingError>[0])).toBe(true)
    expect(sim.maxRequestsPerSecond('LookupEvents')).toBe(3)
    expect(sim.lookupEventsTimes()).toHaveLength(3)
    await sleep(1000)
    await expect(trail.send(new LookupEventsCommand({}))).resolves.toBeTruthy()
  })

  it('lets a client that waits half a second between calls through without throttling', async () => {
    const { sim, trail } = await start(demoScenario())
    for (let i = 0; i < 4; i++) {
      await trail.send(new LookupEventsCommand({}))
      await sleep(510)
    }
    expect(sim.maxRequestsPerSecond('LookupEvents')).toBeLessThanOrEqual(2)
    expect(sim.calls.every(c => c.status === 200)).toBe(true)
  })

  it('rejects two lookup attributes, an unknown key and MaxResults above 50', async () => {
    const { trail } = await start(demoScenario())
    await expect(
      trail.send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: 'AccessKeyId', AttributeValue: 'A' },
            { AttributeKey: 'EventName', AttributeValue: 'B' }
          ]
        })
      )
    ).rejects.toMatchObject({ name: 'InvalidLookupAttributesException' })
    await sleep(1000)
    await expect(trail.send(new LookupEventsCommand({ MaxResults: 51 }))).rejects.toMatchObject({
      name: 'InvalidMaxResultsException'
    })
  })

  it('filters by time: events outside StartTime..EndTime are not returned', async () => {
    const { sts, trail } = await start(demoScenario())
    await sts.send(new GetCallerIdentityCommand({}))
    const future = new Date(Date.now() + 60_000)
    const out = await trail.send(new LookupEventsCommand({ ...byProbeKey(), StartTime: future }))
    expect(out.Events).toEqual([])
    const past = new Date(Date.now() - 60_000)
    const all = await trail.send(new LookupEventsCommand({ ...byProbeKey(), StartTime: past }))
    expect(all.Events).toHaveLength(1)
  })

  it('answers AccessDeniedException when cloudtrail:LookupEvents is denied', async () => {
    const { trail } = await start(demoScenario({ deny: ['cloudtrail:LookupEvents'] }))
    await expect(trail.send(new LookupEventsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException'
    })
  })
})
