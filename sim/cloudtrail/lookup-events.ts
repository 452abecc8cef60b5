import { createHash } from 'node:crypto'
import type { OperationCall, OperationResult } from '../core/operation.js'
import { SimError } from '../core/response.js'
import { jsonOk } from '../services/protocols.js'
import type { TrailEntry } from './trail.js'

const ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId'
] as const
type AttributeKey = (typeof ATTRIBUTE_KEYS)[number]

interface LookupRequest {
  LookupAttributes?: Array<{ AttributeKey?: string; AttributeValue?: string }>
  StartTime?: number
  EndTime?: number
  EventCategory?: string
  MaxResults?: number
  NextToken?: string
}

/** AWS: "The rate of lookup requests is limited to two per second, per account, per Region." */
export const LOOKUP_EVENTS_PER_SECOND = 2

function parseBody(call: OperationCall): LookupRequest {
  try {
    const text = call.req.body.toString('utf8')
    return (text === '' ? {} : JSON.parse(text)) as LookupRequest
  } catch {
    throw new SimError('SerializationException', 'Start of structure or map found where not expected.')
  }
}

function attributeValues(entry: TrailEntry, key: AttributeKey): string[] {
  const r = entry.record
  switch (key) {
    case 'EventId':
      return [r.eventID]
    case 'EventName':
      return [r.eventName]
    case 'ReadOnly':
      return [String(r.readOnly)]
    case 'Username':
      return [username(entry)]
    case 'ResourceType':
      return (r.resources ?? []).map(x => x.type)
    case 'ResourceName':
      return (r.resources ?? []).map(x => x.ARN)
    case 'EventSource':
      return [r.eventSource]
    case 'AccessKeyId':
      return r.userIdentity.accessKeyId === undefined ? [] : [r.userIdentity.accessKeyId]
  }
}

function username(entry: TrailEntry): string {
  const id = entry.record.userIdentity as { userName?: string; arn?: string }
  return id.userName ?? id.arn?.split('/').pop() ?? ''
}

interface Cursor {
  q: string
  at: number
  seq: number
}

function queryHash(body: LookupRequest): string {
  const { LookupAttributes, StartTime, EndTime, EventCategory } = body
  return createHash('sha256')
    .update(
      JSON.stringify([LookupAttributes ?? [], StartTime ?? null, EndTime ?? null, EventCategory ?? null])
    )
    .digest('hex')
    .slice(0, 16)
}

function decodeCursor(token: string, q: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor
    if (cursor.q === q && Number.isFinite(cursor.at) && Number.isInteger(cursor.seq)) return cursor
  } catch {
    // fall through: any undecodable token is invalid
  }
  throw new SimError('InvalidNextTokenException', 'Invalid NextToken')
}

function validate(body: LookupRequest): { key?: AttributeKey; value?: string; max: number } {
  const attributes = body.LookupAttributes ?? []
  if (attributes.length > 1) {
    throw new SimError('InvalidLookupAttributesException', 'You can only specify one lookup attribute.')
  }
  const [attribute] = attributes
  if (attribute && !(ATTRIBUTE_KEYS as readonly string[]).includes(attribute.AttributeKey ?? '')) {
    throw new SimError(
      'InvalidLookupAttributesException',
      `Invalid attribute key: ${String(attribute.AttributeKey)}. Valid keys are ${ATTRIBUTE_KEYS.join(', ')}.`
    )
  }
  if (attribute && (typeof attribute.AttributeValue !== 'string' || attribute.AttributeValue === '')) {
    throw new SimError('InvalidLookupAttributesException', 'Lookup attribute value must not be empty.')
  }
  const max = body.MaxResults ?? 50
  if (!Number.isInteger(max) || max < 1 || max > 50) {
    throw new SimError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.')
  }
  if (body.EventCategory !== undefined && body.EventCategory !== 'insight') {
    throw new SimError('InvalidEventCategoryException', `Invalid event category: ${body.EventCategory}`)
  }
  if (body.StartTime !== undefined && body.EndTime !== undefined && body.StartTime > body.EndTime) {
    throw new SimError('InvalidTimeRangeException', 'Start time must be before end time.')
  }
  return {
    ...(attribute ? { key: attribute.AttributeKey as AttributeKey, value: attribute.AttributeValue } : {}),
    max
  }
}

/**
 * CloudTrail LookupEvents (JSON 1.1): delivered management events of the caller's account and region, newest
 * first, 50 a page at most, two calls a second at most (ThrottlingException beyond).
 */
export function lookupEvents(call: OperationCall): OperationResult {
  const { env, identity } = call
  if (!env.lookupLimiter.tryAcquire(`${identity.accountId}/${call.region}`, call.at)) {
    throw new SimError('ThrottlingException', 'Rate exceeded')
  }
  const body = parseBody(call)
  const { key, value, max } = validate(body)
  const q = queryHash(body)
  const repeats = env.scenario.repeatNextToken?.includes('cloudtrail:LookupEvents') === true
  const cursor = body.NextToken === undefined || repeats ? undefined : decodeCursor(body.NextToken, q)
  // Insights events only: the simulator records none.
  const candidates =
    body.EventCategory === 'insight' ? [] : env.trail.lookupable(identity.accountId, call.region, call.at)
  const matching = candidates.filter(e => {
    // EventTime has one-second precision, so a StartTime with a fraction excludes events of that second.
    const seconds = Math.floor(e.at / 1000)
    if (body.StartTime !== undefined && seconds < body.StartTime) return false
    if (body.EndTime !== undefined && seconds > body.EndTime) return false
    if (cursor && !(e.at < cursor.at || (e.at === cursor.at && e.seq < cursor.seq))) return false
    return key === undefined || attributeValues(e, key).includes(value ?? '')
  })
  const page = matching.slice(0, max)
  const last = page[page.length - 1]
  const more = matching.length > max && last !== undefined
  return {
    response: jsonOk('1.1', call.ids, {
      Events: page.map(toEvent),
      ...(repeats
        ? { NextToken: 'c2ltLXJlcGVhdGVkLXRva2Vu' }
        : more
          ? {
              NextToken: Buffer.from(
                JSON.stringify({ q, at: last.at, seq: last.seq } satisfies Cursor)
              ).toString('base64url')
            }
          : {})
    })
  }
}

function toEvent(entry: TrailEntry) {
  const r = entry.record
  return {
    EventId: r.eventID,
    EventName: r.eventName,
    ReadOnly: String(r.readOnly),
    ...(r.userIdentity.accessKeyId === undefined ? {} : { AccessKeyId: r.userIdentity.accessKeyId }),
    EventTime: Math.floor(entry.at / 1000),
    EventSource: r.eventSource,
    Username: username(entry),
    Resources: (r.resources ?? []).map(x => ({ ResourceType: x.type, ResourceName: x.ARN })),
    CloudTrailEvent: JSON.stringify(r)
  }
}
