import type { Finding } from '../model/finding.js'
import type { CloudTrailRecord } from './cloudtrail-record.js'
import { evidenceFinding } from './evidence-finding.js'
import { classifyIp } from './ip-class.js'
import { formatDuration, type LookupFailure } from './lookup.js'
import type { ProbeMatch } from './match.js'
import { isAccessDenied, isAuthenticationFailure } from './probe-response.js'
import { probeLabel, type ProbeRecord, type UnprobedEndpoint } from './probe-record.js'

export interface ExpectedPath {
  /** The declared endpoint's id (pinned, or found by the inventory); undefined when unknown. */
  endpointId?: string
  /** Why the id is unknown (the inventory's failed read, or the endpoint not found), for the message. */
  endpointIdProblem?: string
  /** The endpoint owner's account (inventory `ownerId`, else the manifest's `account`). */
  accountId?: string
  /** The VPC's CIDRs: a source address inside them is the VPC's even outside RFC 1918. */
  vpcCidrs?: readonly string[]
}

/** The probe's record was not found: the lookup ran out of time, or could not run. */
export interface ProbeMissing {
  missing: true
  waitedMs: number
  failure?: LookupFailure
  /** The last retryable LookupEvents error, when the timeout passed while retrying. */
  lastError?: { code: string; message: string }
}

function probeEvidence(probe: ProbeRecord): Record<string, string | number | undefined> {
  return {
    probe: probeLabel(probe),
    requestId: probe.requestId,
    sentAt: probe.sentAt,
    httpStatus: probe.httpStatus,
    // Not the access key id: findings reach PR comments and SARIF, where the runner's log masking
    // does not apply (configure-aws-credentials treats the key id as a secret). The ledger keeps it.
    errorCode: probe.errorCode
  }
}

function recordEvidence(record: CloudTrailRecord, match: 'requestId' | 'weak') {
  return {
    eventId: record.eventID,
    eventTime: record.eventTime,
    sourceIPAddress: record.sourceIPAddress,
    vpcEndpointId: record.vpcEndpointId,
    vpcEndpointAccountId: record.vpcEndpointAccountId,
    match: match === 'weak' ? 'weak (event source, name and time)' : 'requestID'
  }
}

function describeEvent(record: CloudTrailRecord): string {
  const id = record.eventID ?? '(no event id)'
  return record.eventTime ? `CloudTrail event ${id} at ${record.eventTime}` : `CloudTrail event ${id}`
}

/**
 * Judges one probe from its CloudTrail record (or its absence). Returns the findings for the endpoint
 * the probe speaks for: path (vpcEndpointId), endpoint owner (vpcEndpointAccountId, where recorded) and
 * source address; or one inconclusive finding saying why the path could not be judged.
 */
export function judgeProbe(
  probe: ProbeRecord,
  evidence: ProbeMatch | ProbeMissing,
  expected: ExpectedPath
): Finding[] {
  const link = probe.link
  const label = probeLabel(probe)
  const base = probeEvidence(probe)
  const endpointId = expected.endpointId

  if (probe.networkError) {
    const answers = [...probe.dns.ipv4, ...probe.dns.ipv6].join(', ') || 'nothing'
    return [
      evidenceFinding(
        link,
        'probe-answered',
        'inconclusive',
        `${label} to ${probe.host} got no answer (${probe.networkError.code}: ${probe.networkError.message}); the hostname resolved to ${answers}. ` +
          "Check that the endpoint's security group allows HTTPS (443) from the runner and that the runner can reach the service.",
        { ...base, networkError: probe.networkError.code, resolvedTo: answers },
        endpointId
      )
    ]
  }

  if ('missing' in evidence) {
    if (isAuthenticationFailure(probe.errorCode)) {
      return [
        evidenceFinding(
          link,
          'probe-answered',
          'inconclusive',
          `${label} was rejected before authorisation (${probe.errorCode}); CloudTrail does not log requests that fail authentication, so there is nothing to find. Check the runner's credentials.`,
          base,
          endpointId
        )
      ]
    }
    return [missingFinding(probe, evidence, endpointId)]
  }

  if (evidence.match === 'ambiguous') return ambiguousFindings(probe, evidence, endpointId)

  const { record, match } = evidence
  // The CloudTrail ids first: they are what a reviewer looks up.
  const ev = { ...recordEvidence(record, match), ...base }
  const event = describeEvent(record)
  const notes =
    (isAccessDenied(probe.errorCode)
      ? ` The probe was denied (${probe.errorCode}; grant ${probe.iamAction} to let it succeed), but CloudTrail recorded the call, so its path is still evidence.`
      : '') +
    (evidence.match === 'weak'
      ? ` Matched by event source, name and time because there is no request id to compare (${evidence.candidates} record(s) in the window, all alike): weaker evidence than a request-id match.`
      : '')
  return [
    pathFinding(probe, record, expected, event, ev, notes),
    ...accountFinding(probe, record, expected, event, ev, notes),
    sourceIpFinding(probe, record, expected, event, ev, notes, endpointId)
  ]
}

/** Several records could be the probe's and they disagree: naming one would be a guess. */
function ambiguousFindings(
  probe: ProbeRecord,
  evidence: Extract<ProbeMatch, { match: 'ambiguous' }>,
  endpointId: string | undefined
): Finding[] {
  const label = probeLabel(probe)
  const { candidates, window } = evidence
  const shown = candidates.slice(0, 5).map(r => {
    const via = r.vpcEndpointId?.trim() || 'no vpcEndpointId'
    return `${r.eventID ?? '(no event id)'} at ${r.eventTime ?? '?'} (${via}, from ${r.sourceIPAddress ?? 'unknown'})`
  })
  const more = candidates.length > shown.length ? ` and ${candidates.length - shown.length} more` : ''
  const clock =
    window.clock === 'service' ? "the service's clock" : "the runner's clock (the answer had no Date header)"
  const message =
    `ambiguous: ${candidates.length} records of ${probe.eventSource} ${probe.eventName} from this access key between ${window.from} and ${window.to} (${clock}) disagree about the path: ${shown.join('; ')}${more}. ` +
    `None carries the probe's request id (${probe.requestId ?? 'the service returned none'}), so none can be called the probe's. ` +
    'Run the probes with credentials used by nothing else (a role session per run), then verify again.'
  const ev = {
    ...probeEvidence(probe),
    match: 'ambiguous',
    candidates: candidates.length,
    eventIds: candidates.map(r => r.eventID ?? '').join(', '),
    windowFrom: window.from,
    windowTo: window.to
  }
  return [
    evidenceFinding(
      probe.link,
      'traffic-via-endpoint',
      'inconclusive',
      `${label}: ${message}`,
      ev,
      endpointId
    ),
    evidenceFinding(probe.link, 'source-ip-private', 'inconclusive', `${label}: ${message}`, ev, endpointId)
  ]
}

function missingFinding(probe: ProbeRecord, missing: ProbeMissing, endpointId: string | undefined): Finding {
  const label = probeLabel(probe)
  const base = probeEvidence(probe)
  if (missing.failure) {
    const f = missing.failure
    const message =
      f.kind === 'denied'
        ? `CloudTrail could not be searched for ${label}: ${f.action} was denied (${f.code}). Grant ${f.action} to the credentials that verify.`
        : `CloudTrail could not be searched for ${label}: LookupEvents failed with ${f.code}: ${f.message}`
    return evidenceFinding(
      probe.link,
      'cloudtrail-record-found',
      'inconclusive',
      message,
      { ...base, lookupError: f.code, iamAction: f.kind === 'denied' ? f.action : undefined },
      endpointId
    )
  }
  const retrying = missing.lastError
    ? ` LookupEvents was still failing with ${missing.lastError.code} at the end.`
    : ''
  return evidenceFinding(
    probe.link,
    'cloudtrail-record-found',
    'inconclusive',
    `${label} (request ${probe.requestId ?? 'without id'}, sent ${probe.sentAt}) was not in CloudTrail after ${formatDuration(missing.waitedMs)}.${retrying} ` +
      `CloudTrail delivers about 5 minutes after a call on average, with no guarantee: raise evidence-timeout or verify later in the job. ` +
      `Also check Event history in ${probe.region} (where the probe went), that no trail setting excludes ${probe.eventSource}, and that the verifying credentials may call cloudtrail:LookupEvents.`,
    { ...base, waited: formatDuration(missing.waitedMs), lookupError: missing.lastError?.code },
    endpointId
  )
}

function pathFinding(
  probe: ProbeRecord,
  record: CloudTrailRecord,
  expected: ExpectedPath,
  event: string,
  ev: Record<string, string | number | undefined>,
  notes: string
): Finding {
  const label = probeLabel(probe)
  const endpointId = expected.endpointId
  const vpce = record.vpcEndpointId?.trim()
  const ip = record.sourceIPAddress ?? 'unknown'
  const link = probe.link
  const expectedEv = { ...ev, expectedEndpointId: endpointId }
  if (!vpce) {
    return evidenceFinding(
      link,
      'traffic-via-endpoint',
      'fail',
      `${label} went around the endpoint: ${event} has no vpcEndpointId (source IP ${ip}), so the call did not pass through ${endpointId ?? 'any VPC endpoint'}.${notes}`,
      expectedEv,
      endpointId
    )
  }
  if (!vpce.startsWith('vpce-')) {
    return evidenceFinding(
      link,
      'traffic-via-endpoint',
      'inconclusive',
      `${event} for ${label} names "${vpce}" as vpcEndpointId. CloudTrail writes such values for calls made inside AWS's own network, not for one of your endpoints, so this record cannot show the path.${notes}`,
      expectedEv,
      endpointId
    )
  }
  if (endpointId === undefined) {
    // Any `vpce-` id is not proof: it may be another VPC's endpoint, or this VPC's endpoint of the wrong policy.
    const why = expected.endpointIdProblem ? ` (${expected.endpointIdProblem})` : ''
    return evidenceFinding(
      link,
      'traffic-via-endpoint',
      'inconclusive',
      `${label} went through VPC endpoint ${vpce} (${event}), but the declared endpoint's id is unknown${why}, so the record could not be compared with it. ` +
        `Pin the endpoint's \`id\` in the manifest or grant ec2:DescribeVpcEndpoints to the credentials that read the inventory.${notes}`,
      expectedEv,
      vpce
    )
  }
  if (vpce === endpointId) {
    return evidenceFinding(
      link,
      'traffic-via-endpoint',
      'pass',
      `${label} went through ${vpce} (${event}).${notes}`,
      expectedEv,
      endpointId
    )
  }
  return evidenceFinding(
    link,
    'traffic-via-endpoint',
    'fail',
    `${label} went through another endpoint, ${vpce}, not the declared ${endpointId} (${event}).${notes}`,
    expectedEv,
    endpointId
  )
}

function accountFinding(
  probe: ProbeRecord,
  record: CloudTrailRecord,
  expected: ExpectedPath,
  event: string,
  ev: Record<string, string | number | undefined>,
  notes: string
): Finding[] {
  const owner = record.vpcEndpointAccountId?.trim()
  // Only account ids are comparable; `AWS Internal` and service names say nothing about ownership.
  if (!owner || !/^\d{12}$/.test(owner) || !expected.accountId) return []
  const label = probeLabel(probe)
  const ok = owner === expected.accountId
  return [
    evidenceFinding(
      probe.link,
      'endpoint-account-matches',
      ok ? 'pass' : 'fail',
      ok
        ? `${label} went through an endpoint owned by ${owner}, the expected account (${event}).${notes}`
        : `${label} went through an endpoint owned by account ${owner}, not the expected ${expected.accountId} (${event}).${notes}`,
      { ...ev, expectedAccountId: expected.accountId },
      expected.endpointId
    )
  ]
}

function sourceIpFinding(
  probe: ProbeRecord,
  record: CloudTrailRecord,
  expected: ExpectedPath,
  event: string,
  ev: Record<string, string | number | undefined>,
  notes: string,
  endpointId: string | undefined
): Finding {
  const label = probeLabel(probe)
  const ip = record.sourceIPAddress
  const cls = classifyIp(ip, expected.vpcCidrs)
  const make = (verdict: Finding['verdict'], message: string) =>
    evidenceFinding(probe.link, 'source-ip-private', verdict, `${message}${notes}`, ev, endpointId)
  switch (cls) {
    case 'private':
      return make('pass', `${label} came from private address ${ip} (${event}).`)
    case 'in-vpc':
      return make('pass', `${label} came from ${ip}, inside the VPC's address range (${event}).`)
    case 'public':
      return make(
        'fail',
        `${label} came from public address ${ip} (${event}): it left the VPC through a NAT or internet gateway, or the runner is outside the VPC.`
      )
    case 'ipv6-global':
      return make(
        'inconclusive',
        `${label} came from global IPv6 address ${ip} (${event}); VPC IPv6 ranges are global too, so the address alone cannot show the path.`
      )
    case 'not-an-ip':
      return make(
        'inconclusive',
        ip
          ? `${event} for ${label} has sourceIPAddress "${ip}", which is not an IP address, so the source cannot be judged.`
          : `${event} for ${label} has no sourceIPAddress.`
      )
  }
}

/** The finding for a declared endpoint without a probe. */
export function judgeUnprobed(endpoint: UnprobedEndpoint, endpointId?: string): Finding {
  const message =
    endpoint.kind === 'skipped'
      ? `No probe for ${endpoint.link.service}: ${endpoint.reason}.`
      : `No probe for ${endpoint.link.service}: ${endpoint.reason}`
  return evidenceFinding(
    endpoint.link,
    'probe-answered',
    'skipped',
    message,
    { reason: endpoint.kind },
    endpointId
  )
}
