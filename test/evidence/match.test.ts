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
    expect(matchRecords([probe()], [r])).toEqual([{ record: r, match: 'weak' }])
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

  it('keeps weak matches inside the time window and uses each record once', () => {
    const early = probe({ requestId: undefined, sentAt: '2024-06-04T23:12:00.000Z' })
    const late = probe({ requestId: undefined, sentAt: '2024-06-04T23:20:00.000Z' })
    const near = record({ eventID: 'near', requestID: undefined, eventTime: '2024-06-04T23:12:01Z' })
    const far = record({ eventID: 'far', requestID: undefined, eventTime: '2024-06-04T23:40:00Z' })
    const m = matchRecords([early, late], [far, near], { windowMs: 60_000 })
    expect(m[0]?.record.eventID).toBe('near')
    expect(m[1]).toBeUndefined()
  })

  it("never weakly claims a record that carries another probe's request id", () => {
    const withId = probe({ requestId: 'req-a', sentAt: '2024-06-04T23:12:00.000Z' })
    const withoutId = probe({ requestId: undefined, sentAt: '2024-06-04T23:12:00.100Z' })
    const ra = record({ eventID: 'a', requestID: 'req-a', eventTime: '2024-06-04T23:12:00Z' })
    const m = matchRecords([withoutId, withId], [ra])
    expect(m[1]?.record.eventID).toBe('a')
    expect(m[0]).toBeUndefined()
  })
})
