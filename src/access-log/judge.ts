import { endpointFinding } from '../evidence/evidence-finding.js'
import type { Finding, Verdict } from '../model/finding.js'
import type { FactProblem } from '../model/fact.js'
import type { AccessLogDeclaration } from '../manifest/types.js'
import type { EndpointLink } from '../evidence/probe-record.js'
import { classifyIp } from '../evidence/ip-class.js'
import { formatMs } from '../core/deadline.js'
import { requestUriParam, type AccessLogRecord } from './log-line.js'
import { MARKER_PARAM, type AccessLogProbe } from './ledger-entry.js'
import { ACCESS_LOG_RULE } from './rules.js'

/** A log line's Time is S3's clock, the probe's sentAt the runner's: SigV4 allows 5 minutes between them. */
export const CLOCK_SKEW_MS = 5 * 60_000

export interface SearchOutcome {
  matches: Array<{ record: AccessLogRecord; key: string }>
  objectsRead: number
  bytesRead: number
  malformedLines: number
  capped?: 'pages' | 'objects' | 'bytes'
  failure?: FactProblem
  /** Where the listing could not even be planned (partitioned keys without an account). */
  problem?: string
}

export interface AccessLogJudgement {
  link: EndpointLink
  declaration: AccessLogDeclaration
  probe: AccessLogProbe
  search: SearchOutcome
  /** The VPC's subnet CIDRs, or why they are unknown. */
  vpcCidrs: readonly string[] | { problem: string }
  now: number
  endpointId?: string
  caps: { maxObjects: number; maxBytes: number; maxPages: number }
}

export function accessLogFinding(
  link: EndpointLink,
  verdict: Verdict,
  message: string,
  evidence: Record<string, string | number | undefined>,
  endpointId?: string
): Finding {
  return endpointFinding(link, ACCESS_LOG_RULE, verdict, message, evidence, endpointId)
}

/** Object keys are whoever wrote the log bucket's: printable ASCII only, clipped, in a message. */
const safeKey = (key: string) => key.replace(/[^\x20-\x7e]/g, '?').slice(0, 200)

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** Judges one access-log probe from what the log search found (pure). */
export function judgeAccessLog(j: AccessLogJudgement): Finding {
  const { probe, search, declaration: d } = j
  const where = `s3://${d.logBucket}/${d.logPrefix}`
  const base = {
    bucket: d.bucket,
    logLocation: where,
    requestId: probe.requestId,
    sentAt: probe.sentAt,
    httpStatus: probe.httpStatus,
    errorCode: probe.errorCode,
    objectsRead: search.objectsRead,
    bytesRead: search.bytesRead
  }
  const say = (verdict: Verdict, message: string, extra: Record<string, string | number | undefined> = {}) =>
    accessLogFinding(j.link, verdict, message, { ...base, ...extra }, j.endpointId)
  const label = `HeadBucket on ${d.bucket}`

  if (probe.networkError)
    return say(
      'inconclusive',
      `${label} got no answer (${probe.networkError.code}), so there is no request to find in the access log. Check that the runner reaches S3 on 443.`,
      { networkError: probe.networkError.code }
    )
  if (!probe.requestId)
    return say(
      'inconclusive',
      `${label} came back without an x-amz-request-id, so its log line cannot be told apart.`
    )
  if (search.problem) return say('inconclusive', `The access log was not searched: ${search.problem}.`)
  if (search.failure) {
    const f = search.failure
    const message =
      f.kind === 'denied'
        ? `The access log in ${where} could not be read: ${f.action} was denied (${f.code}). Grant s3:ListBucket on ${d.logBucket} and s3:GetObject on its log objects to the credentials that verify.`
        : `The access log in ${where} could not be read: ${f.action} failed with ${f.code}: ${f.message}`
    return say('inconclusive', message, {
      readError: f.code,
      iamAction: f.kind === 'denied' ? f.action : undefined
    })
  }

  if (search.matches.length === 0) {
    const age = formatMs(j.now - Date.parse(probe.sentAt))
    const read = `${search.objectsRead} log object(s), ${mb(search.bytesRead)}`
    if (search.capped) {
      const cap =
        search.capped === 'objects'
          ? `${j.caps.maxObjects} objects`
          : search.capped === 'bytes'
            ? mb(j.caps.maxBytes)
            : `${j.caps.maxPages} listing pages`
      return say(
        'inconclusive',
        `Request ${probe.requestId} was not among the ${read} read from ${where} before the read cap (${cap}) was reached; the rest of the log was not searched. Point \`access-log.bucket\` at a bucket with little other traffic, so its log stays small.`,
        { capped: search.capped }
      )
    }
    const denied =
      probe.httpStatus === 403
        ? ` The probe was refused (403 ${probe.errorCode ?? ''}): grant s3:ListBucket on ${d.bucket}; if a VPC endpoint policy refused it, S3 writes no access log record for it at all.`
        : probe.httpStatus === 404
          ? ` The probe answered 404 (${probe.errorCode ?? 'NotFound'}): does ${d.bucket} exist in ${j.link.region}?`
          : ''
    return say(
      'inconclusive',
      `Request ${probe.requestId} (${label}, sent ${probe.sentAt}) is not in ${where} yet, ${age} after the probe (${read} searched).${denied} S3 delivers server access logs best effort, most within a few hours, some never: verify the kept ledger in a later run (see docs/workflows/vpce-proof-access-log-nightly.yml).`,
      { delivery: 'not yet', age }
    )
  }

  // Only lines that are this probe's in every respect count; a line that merely carries the request id (a
  // forged object in the log bucket, another request) cannot decide the verdict either way.
  const own = search.matches.filter(m => lineProblems(m.record, probe, d).length === 0)
  if (own.length === 0) {
    const why = [...new Set(search.matches.flatMap(m => lineProblems(m.record, probe, d)))]
    return say(
      'inconclusive',
      `The access log line with request id ${probe.requestId} is not this probe's: ${why.join('; ')}. Not judged.`,
      { logKey: safeKey(search.matches[0]!.key) }
    )
  }
  const ips = [...new Set(own.map(m => m.record.remoteIp))]
  const first = own[0]!
  const lineEvidence = { remoteIp: ips.join(', '), logTime: first.record.time, logKey: safeKey(first.key) }
  if (ips.length > 1)
    return say(
      'inconclusive',
      `S3 logged request ${probe.requestId} ${own.length} times with different Remote IPs (${ips.join(', ')}); naming one would be a guess.`,
      lineEvidence
    )
  const ip = ips[0]!
  const found = `S3 logged ${label} (request ${probe.requestId}, ${first.record.time}, in ${safeKey(first.key)}) from ${ip}`
  const cidrs = Array.isArray(j.vpcCidrs) ? j.vpcCidrs : []
  const cls = classifyIp(ip === '-' ? undefined : ip, cidrs)
  switch (cls) {
    case 'in-vpc':
      return say(
        'pass',
        `${found}, a private address inside ${j.link.vpcId}: the request came from the VPC.`,
        lineEvidence
      )
    case 'public':
      return say(
        'fail',
        `${found}, a public address: the request left the VPC through a NAT or internet gateway instead of the S3 endpoint.`,
        lineEvidence
      )
    case 'private':
      return Array.isArray(j.vpcCidrs)
        ? say(
            'fail',
            `${found}, a private address outside ${j.link.vpcId}'s subnets (${cidrs.join(', ') || 'none read'}): another network (peering, VPN, a proxy) carried it, not this VPC's endpoint.`,
            lineEvidence
          )
        : say(
            'inconclusive',
            `${found}, a private address, but whether it is inside ${j.link.vpcId} is unknown: ${(j.vpcCidrs as { problem: string }).problem}.`,
            lineEvidence
          )
    case 'ipv6-global':
      return say(
        'inconclusive',
        `${found}, a global IPv6 address: VPC IPv6 ranges are global too, so it cannot be told apart.`,
        lineEvidence
      )
    case 'not-an-ip':
      return say(
        'inconclusive',
        `${found.replace(/ from .*$/, '')} without a Remote IP ("${ip}").`,
        lineEvidence
      )
  }
}

/** Why a line carrying the probe's request id still is not the probe's record. */
function lineProblems(r: AccessLogRecord, probe: AccessLogProbe, d: AccessLogDeclaration): string[] {
  const problems: string[] = []
  if (r.bucket !== d.bucket) problems.push(`it is about bucket ${r.bucket}`)
  if (r.operation !== 'REST.HEAD.BUCKET') problems.push(`its operation is ${r.operation}`)
  const marker = requestUriParam(r.requestUri, MARKER_PARAM)
  if (marker !== probe.marker) problems.push(`its Request-URI does not carry the probe's ${MARKER_PARAM}`)
  if (probe.hostId && r.hostId && r.hostId !== probe.hostId)
    problems.push("its Host Id differs from the answer's x-amz-id-2")
  const t = Date.parse(r.time)
  const sent = Date.parse(probe.sentAt)
  if (t < sent - CLOCK_SKEW_MS || t > sent + probe.durationMs + CLOCK_SKEW_MS)
    problems.push(`its time ${r.time} is not the probe's (${probe.sentAt})`)
  return problems
}
