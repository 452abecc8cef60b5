import { randomBytes } from 'node:crypto'
import { stableHex } from '../core/ids.js'
import type { OperationCall } from '../core/operation.js'
import type { SimScenario } from '../scenario.js'
import { resolveTraffic } from '../traffic.js'
import { s3Target } from './route.js'

/**
 * Server access logging in the simulator: every request the S3 handler answers for a bucket with
 * `scenario.s3.accessLogs[bucket]` becomes one record in the documented format
 * (/work/shared/reference/aws/s3-server-access-log-format.json), delivered as its own log object into the
 * target bucket `delayMs` later (AWS: best effort, usually within a few hours). The Remote IP is the path's
 * source address (sim/traffic.ts: the runner's private IP through the endpoint, a public one otherwise).
 */
export interface LogObject {
  bucket: string
  key: string
  body: string
  /** Visible from this time on (ms). */
  deliverAt: number
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (n: number) => String(n).padStart(2, '0')

export function logTime(ms: number): string {
  const d = new Date(ms)
  return `[${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000]`
}

function stamp(ms: number, partitioned: boolean): string {
  const d = new Date(ms)
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  return partitioned
    ? `${date}-00-00-00`
    : `${date}-${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}`
}

/** A quoted field: S3's own escaping is undocumented; the simulator keeps quotes and controls out. */
// eslint-disable-next-line no-control-regex -- keeping control characters out is the point
const quoted = (v: string | undefined) => `"${(v ?? '-').replace(/["\u0000-\u001f\u007f]/g, '?')}"`

export function recordAccessLog(
  call: OperationCall,
  status: number,
  errorCode: string | undefined,
  store: LogObject[]
): void {
  const scenario: SimScenario = call.env.scenario
  const target = s3Target(call.req)
  const config = target.bucket ? scenario.s3?.accessLogs?.[target.bucket] : undefined
  if (!config || !target.bucket) return
  const traffic = resolveTraffic(scenario, 's3', call.region)
  const remoteIp = config.remoteIp ?? traffic.sourceIp
  const query = call.req.query.toString()
  const uri = `${call.req.method} ${call.req.path}${query ? `?${query}` : ''} HTTP/1.1`
  const operation =
    call.operation === 'HeadBucket'
      ? 'REST.HEAD.BUCKET'
      : call.operation === 'ListObjectsV2'
        ? 'REST.GET.BUCKET'
        : call.operation === 'GetObject'
          ? 'REST.GET.OBJECT'
          : `REST.${call.req.method}.UNKNOWN`
  const fields = [
    stableHex(`s3-canonical-owner/${scenario.accountId}`, 64),
    target.bucket,
    logTime(call.at),
    remoteIp,
    call.identity.arn,
    call.ids.requestId,
    operation,
    target.key ? encodeURIComponent(target.key) : '-',
    quoted(uri),
    String(status),
    errorCode ?? '-',
    '-',
    '-',
    '12',
    '-',
    quoted(call.req.headers['referer']),
    quoted(call.req.headers['user-agent']),
    '-',
    call.ids.hostId ?? '-',
    'SigV4',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'AuthHeader',
    call.req.headers['host'] ?? '-',
    'TLSv1.2',
    '-',
    '-'
  ]
  const deliverAt = call.at + (config.delayMs ?? 0)
  const unique = randomBytes(8).toString('hex').toUpperCase()
  const partitioned = config.keyFormat === 'partitioned'
  const d = new Date(partitioned ? call.at : deliverAt)
  const folder = partitioned
    ? `${scenario.accountId}/${call.region}/${target.bucket}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/`
    : ''
  store.push({
    bucket: config.logBucket,
    key: `${config.prefix ?? ''}${folder}${stamp(partitioned ? call.at : deliverAt, partitioned)}-${unique}`,
    body: `${fields.join(' ')}\n`,
    deliverAt
  })
}
