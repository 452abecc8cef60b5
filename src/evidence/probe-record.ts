import type { EndpointDeclaration, EndpointType, SourceLocation, VpcDeclaration } from '../manifest/types.js'
import type { DnsAnswers } from './dns.js'

/** Which declared endpoint a probe (or a DNS answer) speaks for. */
export interface EndpointLink {
  vpcId: string
  region: string
  /** Probe-table short name (`sns`, `ecr.api`). */
  service: string
  /** Full service name, e.g. com.amazonaws.ap-northeast-1.sns. */
  serviceName: string
  type: EndpointType
  /** The id pinned in the manifest, if any (the inventory finds it otherwise). */
  declaredEndpointId?: string
  privateDns: boolean
  location: SourceLocation
}

/** One probe as sent: what a person needs to find it again, and nothing secret. */
export interface ProbeRecord {
  link: EndpointLink
  service: string
  operation: string
  iamAction: string
  /** How CloudTrail names the call (the fallback match when a record has no requestID). */
  eventSource: string
  eventName: string
  /** The standard regional hostname (what the workload would call). */
  host: string
  /** Where the request actually went (differs only when AWS_ENDPOINT_URL* overrides it). */
  url: string
  region: string
  /** Access key id of the signing credentials; never the secret. */
  accessKeyId: string
  /** ISO time just before sending. */
  sentAt: string
  durationMs: number
  /**
   * The answer's `Date` header, as ISO: the service's clock, which CloudTrail's eventTime also uses. The
   * weak match's window is measured on it, so a runner clock that is off cannot move the window.
   */
  serviceDate?: string
  httpStatus?: number
  requestId?: string
  /** Service error code (AccessDenied...): a denied call is still recorded by CloudTrail, so still evidence. */
  errorCode?: string
  errorMessage?: string
  /** Set when no HTTP answer came (DNS failure, refused, timeout). */
  networkError?: { code: string; message: string }
  /** What the standard hostname resolved to from the runner. */
  dns: DnsAnswers
}

/** A declared endpoint without a probe (`probe: false`, or a service without a usable call). */
export interface UnprobedEndpoint {
  link: EndpointLink
  /** `skipped`: turned off in the manifest; `none`: the table has no probe for the service. */
  kind: 'skipped' | 'none'
  reason: string
  host?: string
  dns?: DnsAnswers
}

export function probeLabel(probe: Pick<ProbeRecord, 'service' | 'operation'>): string {
  return `${probe.service}:${probe.operation}`
}

/** What a finding about a declared endpoint needs to know of it, kept in the ledger with its probe. */
export function endpointLink(vpc: VpcDeclaration, decl: EndpointDeclaration): EndpointLink {
  return {
    vpcId: vpc.id,
    region: vpc.region,
    service: decl.service,
    serviceName: decl.serviceName,
    type: decl.type,
    ...(decl.id ? { declaredEndpointId: decl.id } : {}),
    privateDns: decl.privateDns,
    location: decl.location
  }
}
