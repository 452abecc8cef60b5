/**
 * The fields of a CloudTrail record (the `CloudTrailEvent` JSON string of LookupEvents) that the
 * evidence reads. Values are as AWS writes them: `vpcEndpointId` may be `AWS Internal` or a service
 * name, `sourceIPAddress` may be `AWS Internal/#` or a service name (record contents reference).
 */
export interface CloudTrailRecord {
  eventVersion?: string
  eventID?: string
  eventTime?: string
  eventSource?: string
  eventName?: string
  awsRegion?: string
  requestID?: string
  sourceIPAddress?: string
  vpcEndpointId?: string
  vpcEndpointAccountId?: string
  errorCode?: string
  errorMessage?: string
  eventType?: string
  recipientAccountId?: string
  userIdentity?: { accessKeyId?: string; accountId?: string; arn?: string; type?: string }
}

const STRING_FIELDS = [
  'eventVersion',
  'eventID',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'requestID',
  'sourceIPAddress',
  'vpcEndpointId',
  'vpcEndpointAccountId',
  'errorCode',
  'errorMessage',
  'eventType',
  'recipientAccountId'
] as const

/** Parses the `CloudTrailEvent` string; undefined when it is not a JSON object. Keeps only known string fields. */
export function parseCloudTrailEvent(text: string | undefined): CloudTrailRecord | undefined {
  if (!text) return undefined
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return undefined
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined
  const obj = raw as Record<string, unknown>
  const record: CloudTrailRecord = {}
  for (const key of STRING_FIELDS) {
    const v = obj[key]
    if (typeof v === 'string') record[key] = v
  }
  const ui = obj.userIdentity
  if (ui !== null && typeof ui === 'object') {
    const u = ui as Record<string, unknown>
    const identity: NonNullable<CloudTrailRecord['userIdentity']> = {}
    for (const key of ['accessKeyId', 'accountId', 'arn', 'type'] as const) {
      const v = u[key]
      if (typeof v === 'string') identity[key] = v
    }
    record.userIdentity = identity
  }
  return record
}

/** Lambda's eventNames carry the API version (`ListFunctions20150331`, `GetFunction20150331v2`). */
export function normaliseEventName(name: string): string {
  return name.replace(/\d{8}(v\d+)?$/, '')
}
