import { describe, expect, it } from 'vitest'
import { normaliseEventName } from '../../src/evidence/cloudtrail-record.js'
import { matchRecords } from '../../src/evidence/match.js'
import { probe, record } from './fixtures.js'

describe('matchRecords', () => {
  it('matches by requestID, whatever the order and the other events', () => {
    const p1 = probe()
    const p2 = probe({
      service: 'kms',
      operation: 'ListKeys',
      eventSource: 'kms.amazonaws.com',
      eventName: 'ListKeys',
      requestId: 'req-kms'
    })
    const other = record({ eventID: 'ev-other', requestID: 'someone-else' })
    const r2 = record({
      eventID: 'ev-kms',
      eventSource: 'kms.amazonaws.com',
      eventName: 'ListKeys',
      requestID: 'req-kms'
    })
    const r1 = record()
    const m = matchRecords([p1, p2], [other, r2, r1])
    expect(m[0]).toEqual({ record: r1, match: 'requestId' })
    expect(m[1]).toEqual({ record: r2, match: 'requestId' })
  })

  it("does not take a same-named event with another request id (somebody else's call)", () => {
    expect(matchRecords([probe()], [record({ requestID: 'not-ours' })])).toEqual([undefined])
  })

  it('falls back to source, name and time for records without requestID, labelled weak', () => {
    const r = record({ requestID: undefined, eventTime: '2024-06-04T23:13:10Z' })
    expect(matchRecords([probe()], [r])).toEqual([{ record: r, match: 'weak', candidates: 1 }])
  })

  it('matches request ids whatever their case', () => {
    const r = record({ requestID: 'REQ-SNS-1' })
    expect(matchRecords([probe({ requestId: 'req-sns-1' })], [r])).toEqual([
      { record: r, match: 'requestId' }
    ])
  })

  it("normalises Lambda's version suffix in the weak fallback", () => {
    const lambda = probe({
      service: 'lambda',
      operation: 'ListFunctions',
      eventSource: 'lambda.amazonaws.com',
      eventName: 'ListFunctions20150331',
      requestId: undefined
    })
    const r = record({
      eventSource: 'lambda.amazonaws.com',
      eventName: 'ListFunctions20150331v2',
      requestID: undefined
    })
    expect(matchRecords([lambda], [r])[0]?.match).toBe('weak')
    expect(normaliseEventName('GetFunction20150331v2')).toBe('GetFunction')
    expect(normaliseEventName('ListTopics')).toBe('ListTopics')
  })

  it('keeps weak matches inside the time window', () => {
    const early = probe({ requestId: undefined, sentAt: '2024-06-04T23:12:00.000Z' })
    const late = probe({ requestId: undefined, sentAt: '2024-06-04T23:20:00.000Z' })
    const near = record({ eventID: 'near', requestID: undefined, eventTime: '2024-06-04T23:12:01Z' })
    const far = record({ eventID: 'far', requestID: undefined, eventTime: '2024-06-04T23:40:00Z' })
    const m = matchRecords([early, late], [far, near], { windowMs: 60_000 })
    expect(m[0]).toMatchObject({ record: { eventID: 'near' } })
    expect(m[1]).toBeUndefined()
  })

  it("never weakly claims a record that carries another probe's request id", () => {
    const withId = probe({ requestId: 'req-a', sentAt: '2024-06-04T23:12:00.000Z' })
    const withoutId = probe({ requestId: undefined, sentAt: '2024-06-04T23:12:00.100Z' })
    const ra = record({ eventID: 'a', requestID: 'req-a', eventTime: '2024-06-04T23:12:00Z' })
    const m = matchRecords([withoutId, withId], [ra])
    expect(m[1]).toMatchObject({ record: { eventID: 'a' } })
    expect(m[0]).toBeUndefined()
  })

  describe("on the service clock (the probe answer's Date header)", () => {
    // Runner clock 3 minutes fast: sentAt says 23:15:50, the service answered at 23:12:50.
    const natProbe = probe({
      requestId: undefined,
      sentAt: '2024-06-04T23:15:50.000Z',
      serviceDate: '2024-06-04T23:12:50.000Z',
      durationMs: 120
    })
    const olderViaEndpoint = record({
      eventID: 'older-endpoint',
      requestID: undefined,
      eventTime: '2024-06-04T23:12:20Z',
      vpcEndpointId: 'vpce-01251def6b627a209',
      sourceIPAddress: '10.0.1.25'
    })
    const probeViaNat = record({
      eventID: 'the-probe',
      requestID: undefined,
      eventTime: '2024-06-04T23:12:50Z',
      vpcEndpointId: undefined,
      sourceIPAddress: '203.0.113.10'
    })

    it('takes only records inside [Date − duration − skew, Date + skew]: an older endpoint record is not the NAT probe', () => {
      const [m] = matchRecords([natProbe], [olderViaEndpoint, probeViaNat])
      expect(m).toMatchObject({ match: 'weak', candidates: 1, record: { eventID: 'the-probe' } })
    })

    it('does not let an older NAT record stand in for an endpoint probe (the reverse)', () => {
      const olderNat = { ...probeViaNat, eventID: 'older-nat', eventTime: '2024-06-04T23:12:20Z' }
      const viaEndpoint = { ...olderViaEndpoint, eventID: 'the-probe', eventTime: '2024-06-04T23:12:50Z' }
      const [m] = matchRecords([natProbe], [olderNat, viaEndpoint])
      expect(m).toMatchObject({ match: 'weak', record: { eventID: 'the-probe' } })
    })

    it('is ambiguous, never the first, when candidates in the window disagree', () => {
      const sameSecond = { ...olderViaEndpoint, eventTime: '2024-06-04T23:12:51Z' }
      const [m] = matchRecords([natProbe], [sameSecond, probeViaNat])
      expect(m?.match).toBe('ambiguous')
      if (m?.match !== 'ambiguous') return
      expect(m.candidates.map(r => r.eventID).sort()).toEqual(['older-endpoint', 'the-probe'])
      expect(m.window).toEqual({
        from: '2024-06-04T23:12:47.880Z',
        to: '2024-06-04T23:12:52.000Z',
        clock: 'service'
      })
    })

    it('keeps a weak match when every candidate tells the same story', () => {
      const twin = { ...probeViaNat, eventID: 'twin', eventTime: '2024-06-04T23:12:49Z' }
      const [m] = matchRecords([natProbe], [probeViaNat, twin])
      expect(m).toMatchObject({ match: 'weak', candidates: 2 })
    })

    it('falls back to the runner clock (±windowMs) only without a Date header, and then disagreement is ambiguous too', () => {
      const runnerOnly = probe({ requestId: undefined, sentAt: '2024-06-04T23:12:50.000Z' })
      const [m] = matchRecords([runnerOnly], [olderViaEndpoint, probeViaNat])
      expect(m).toMatchObject({ match: 'ambiguous', window: { clock: 'runner' } })
    })

    it("never weakly matches a record whose request id differs from the probe's", () => {
      const withId = { ...natProbe, requestId: 'req-mine' }
      expect(matchRecords([withId], [{ ...probeViaNat, requestID: 'req-other' }])).toEqual([undefined])
    })
  })
})
