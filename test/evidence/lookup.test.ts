import type { LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import { describe, expect, it } from 'vitest'
import type { CloudTrailRecord } from '../../src/evidence/cloudtrail-record.js'
import { awaitProbeEvents, formatLookupProgress, type LookupProgress } from '../../src/evidence/lookup.js'
import { probe, record } from './fixtures.js'

const KEY = 'ASIAEXAMPLEPROBE0001'
const START = new Date('2024-06-04T23:07:49.000Z')

/** A fake CloudTrail on a fake clock: records become visible at `visibleAt` ms. */
function fakeCloudTrail(opts: {
  records: Array<{ record: CloudTrailRecord; visibleAt: number }>
  failFirst?: Array<Error>
}) {
  let t = 0
  const calls: Array<{ at: number; input: LookupEventsCommand['input'] }> = []
  const sleeps: number[] = []
  const failures = [...(opts.failFirst ?? [])]
  const client = {
    send: async (command: LookupEventsCommand) => {
      calls.push({ at: t, input: command.input })
      const failure = failures.shift()
      if (failure) throw failure
      const visible = opts.records.filter(r => r.visibleAt <= t).map(r => r.record)
      const offset = command.input.NextToken ? Number(command.input.NextToken) : 0
      const page = visible.slice(offset, offset + (command.input.MaxResults ?? 50))
      const next = offset + page.length < visible.length ? String(offset + page.length) : undefined
      return {
        $metadata: {},
        Events: page.map(r => ({ EventId: r.eventID, CloudTrailEvent: JSON.stringify(r) })),
        ...(next ? { NextToken: next } : {})
      }
    }
  }
  return {
    client: client as never,
    calls,
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      t += ms
    }
  }
}

function sdkError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } })
}

const kms = probe({
  service: 'kms',
  operation: 'ListKeys',
  eventSource: 'kms.amazonaws.com',
  eventName: 'ListKeys',
  requestId: 'req-kms'
})
const kmsRecord = record({
  eventID: 'ev-kms',
  eventSource: 'kms.amazonaws.com',
  eventName: 'ListKeys',
  requestID: 'req-kms'
})

describe('awaitProbeEvents', () => {
  it('polls until every probe is found, with one AccessKeyId attribute, and stops there', async () => {
    const ct = fakeCloudTrail({
      records: [
        { record: record(), visibleAt: 5000 },
        { record: kmsRecord, visibleAt: 20_000 }
      ]
    })
    const progress: LookupProgress[] = []
    const result = await awaitProbeEvents(
      ct.client,
      { region: 'ap-northeast-1', accessKeyId: KEY, startTime: START, probes: [probe(), kms] },
      {
        timeoutMs: 60_000,
        now: ct.now,
        sleep: ct.sleep,
        random: () => 0.5,
        onProgress: p => progress.push(p)
      }
    )
    expect(result.matches.map(m => (m && 'record' in m ? m.record.eventID : undefined))).toEqual([
      'ev-sns-1',
      'ev-kms'
    ])
    expect(result.failure).toBeUndefined()
    for (const c of ct.calls) {
      expect(c.input.LookupAttributes).toEqual([{ AttributeKey: 'AccessKeyId', AttributeValue: KEY }])
      expect(c.input.StartTime).toEqual(START)
      expect(c.input.MaxResults).toBe(50)
    }
    // A 60 s evidence-timeout lays the expected delivery at 30 s: checkpoints at 3 s, 15 s and 27 s
    // (stretched by the 5% jitter random() = 0.5 gives), found at the third, then no more calls.
    expect(ct.calls.map(c => c.at)).toEqual([3150, 15593, 27571])
    expect(progress.map(p => formatLookupProgress(p))).toEqual([
      'CloudTrail: 0/2 probes found after 3s; still waiting for sns:ListTopics, kms:ListKeys',
      'CloudTrail: 1/2 probes found after 16s; still waiting for kms:ListKeys',
      'CloudTrail: 2/2 probes found after 28s'
    ])
    expect(result.foundAfterMs).toEqual([15593, 27571])
  })

  it('keeps polling after a weak candidate until its window settles, and then reports a later disagreeing record as ambiguous', async () => {
    // Fake clock starts at the epoch; the probe was sent then and the service answered in the same second.
    const weakProbe = probe({
      requestId: undefined,
      sentAt: '1970-01-01T00:00:00.000Z',
      serviceDate: '1970-01-01T00:00:00.000Z',
      durationMs: 80
    })
    const viaEndpoint = record({
      eventID: 'ev-endpoint',
      requestID: undefined,
      eventTime: '1970-01-01T00:00:00Z'
    })
    const viaNat = record({
      eventID: 'ev-nat',
      requestID: undefined,
      eventTime: '1970-01-01T00:00:01Z',
      vpcEndpointId: undefined,
      sourceIPAddress: '203.0.113.10'
    })
    const ct = fakeCloudTrail({
      records: [
        { record: viaEndpoint, visibleAt: 0 },
        { record: viaNat, visibleAt: 40_000 }
      ]
    })
    const progress: string[] = []
    const result = await awaitProbeEvents(
      ct.client,
      { region: 'ap-northeast-1', accessKeyId: KEY, startTime: START, probes: [weakProbe] },
      {
        timeoutMs: 600_000,
        weakSettleMs: 60_000,
        now: ct.now,
        sleep: ct.sleep,
        random: () => 0.5,
        onProgress: p => progress.push(formatLookupProgress(p))
      }
    )
    expect(result.matches[0]?.match).toBe('ambiguous')
    // Not "first candidate found, stop": it went on past the second record and stopped once settled.
    expect(ct.now()).toBeGreaterThanOrEqual(60_080)
    expect(ct.now()).toBeLessThan(600_000)
    expect(progress[0]).toBe(
      'CloudTrail: 1/1 probes found after 32s; found without request id, watching for competing records: sns:ListTopics'
    )
  })

  it('reads every page (50 a page) and spaces page requests inside 2 per second', async () => {
    const noise = Array.from({ length: 120 }, (_, i) => ({
      record: record({ eventID: `noise-${i}`, requestID: `other-${i}` }),
      visibleAt: 0
    }))
    const ct = fakeCloudTrail({ records: [...noise, { record: kmsRecord, visibleAt: 0 }] })
    const result = await awaitProbeEvents(
      ct.client,
      { region: 'ap-northeast-1', accessKeyId: KEY, startTime: START, probes: [kms] },
      { timeoutMs: 10_000, now: ct.now, sleep: ct.sleep }
    )
    expect(result.matches[0]?.match).toBe('requestId')
    expect(ct.calls.map(c => c.input.NextToken)).toEqual([undefined, '50', '100'])
    const gaps = ct.calls.slice(1).map((c, i) => c.at - ct.calls[i]!.at)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(550)
    expect(result.calls).toBe(3)
  })

  it('gives up at the deadline, never sleeping past it, and reports what is missing', async () => {
    const ct = fakeCloudTrail({ records: [{ record: record(), visibleAt: 1_000_000 }] })
    const result = await awaitProbeEvents(
      ct.client,
      { region: 'ap-northeast-1', accessKeyId: KEY, startTime: START, probes: [probe()] },
      { timeoutMs: 120_000, now: ct.now, sleep: ct.sleep, random: () => 1 }
    )
    expect(result.matches).toEqual([undefined])
    expect(result.waitedMs).toBe(120_000)
    // The last poll happens at the deadline itself. A 120 s timeout lays the expected delivery at 60 s:
    // checkpoints at 6 s, 30 s and 54 s (stretched up to 10%), then polls at most 6 s apart.
    expect(ct.calls.at(-1)?.at).toBe(120_000)
    expect(ct.calls.slice(0, 4).map(c => c.at)).toEqual([6601, 32340, 56167, 60967])
    const tailGaps = ct.calls.slice(3).map((c, i) => c.at - ct.calls[i + 2]!.at)
    expect(Math.max(...tailGaps)).toBeLessThanOrEqual(6000)
  })

  it('retries throttling and transient errors and still finds the probe', async () => {
    const ct = fakeCloudTrail({
      records: [{ record: record(), visibleAt: 0 }],
      failFirst: [
        sdkError('ThrottlingException', 400),
        sdkError('ThrottlingException', 400),
        sdkError('InternalFailure', 500)
      ]
    })
    const result = await awaitProbeEvents(
      ct.client,
      { region: 'ap-northeast-1', accessKeyId: KEY, startTime: START, probes: [probe()] },
      { timeoutMs: 60_000, now: ct.now, sleep: ct.sleep }
    )
    expect(result.failure).toBeUndefined()
    expect(result.matches[0]).toMatchObject({ record: { eventID: 'ev-sns-1' } })
    expect(result.calls).toBe(4)
    const gaps = ct.calls.slice(1).map((c, i) => c.at - ct.calls[i]!.at)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(550)
  })

  it('stops at once when LookupEvents is denied, naming cloudtrail:LookupEvents', async () => {
    const ct = fakeCloudTrail({ records: [], failFirst: [sdkError('AccessDeniedException', 400)] })
    const result = await awaitProbeEvents(
      ct.client,
      { region: 'ap-northeast-1', accessKeyId: KEY, startTime: START, probes: [probe()] },
      { timeoutMs: 60_000, now: ct.now, sleep: ct.sleep }
    )
    expect(result.failure).toMatchObject({
      kind: 'denied',
      action: 'cloudtrail:LookupEvents',
      code: 'AccessDeniedException'
    })
    expect(ct.calls).toHaveLength(1)
  })

  it('keeps throttled lookups bounded by the deadline', async () => {
    const ct = fakeCloudTrail({
      records: [],
      failFirst: Array.from({ length: 1000 }, () => sdkError('ThrottlingException', 400))
    })
    const result = await awaitProbeEvents(
      ct.client,
      { region: 'ap-northeast-1', accessKeyId: KEY, startTime: START, probes: [probe()] },
      { timeoutMs: 20_000, now: ct.now, sleep: ct.sleep }
    )
    expect(result.failure).toBeUndefined()
    expect(result.lastError?.code).toBe('ThrottlingException')
    expect(ct.now()).toBeLessThanOrEqual(20_000 + 550)
  })
})
