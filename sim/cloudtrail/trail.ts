/** A CloudTrail record, shaped like the AWS samples (reference/aws/cloudtrail-record-*.json). */
export interface CloudTrailRecord {
  eventVersion: string
  userIdentity: Record<string, unknown> & { accessKeyId?: string }
  eventTime: string
  eventSource: string
  eventName: string
  awsRegion: string
  sourceIPAddress: string
  userAgent: string
  errorCode?: string
  errorMessage?: string
  requestParameters: Record<string, unknown> | null
  responseElements: Record<string, unknown> | null
  additionalEventData?: Record<string, unknown>
  requestID?: string
  eventID: string
  readOnly: boolean
  resources?: Array<{ ARN: string; accountId?: string; type: string }>
  eventType: string
  managementEvent: boolean
  recipientAccountId: string
  vpcEndpointId?: string
  vpcEndpointAccountId?: string
  eventCategory: string
  tlsDetails?: Record<string, string>
}

export interface TrailEntry {
  /** Insertion order, to sort events of the same millisecond. */
  seq: number
  /** When the call happened, ms. */
  at: number
  /** When CloudTrail has delivered it (call time + the scenario's delay), ms. */
  deliverAt: number
  accountId: string
  region: string
  category: 'management' | 'data'
  record: CloudTrailRecord
}

/** Everything CloudTrail recorded, per account and region as AWS keeps Event history. */
export class Trail {
  private readonly entries: TrailEntry[] = []

  add(entry: Omit<TrailEntry, 'seq'>): TrailEntry {
    const full = { ...entry, seq: this.entries.length }
    this.entries.push(full)
    return full
  }

  all(): readonly TrailEntry[] {
    return this.entries
  }

  /** What LookupEvents can return at `now`: delivered management events of that account and region, newest first. */
  lookupable(accountId: string, region: string, now: number): TrailEntry[] {
    return this.entries
      .filter(
        e =>
          e.category === 'management' &&
          e.accountId === accountId &&
          e.region === region &&
          e.deliverAt <= now
      )
      .sort((a, b) => b.at - a.at || b.seq - a.seq)
  }
}
