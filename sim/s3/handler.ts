import { createHash } from 'node:crypto'
import type { OperationCall, OperationResult } from '../core/operation.js'
import { SimError } from '../core/response.js'
import { node, text, xmlDocument } from '../core/xml.js'
import { handleProbe } from '../services/probe.js'
import { recordAccessLog, type LogObject } from './access-logs.js'
import { s3Target } from './route.js'

/**
 * S3 in REST-XML as the SDK's client parses it: ListBuckets (the CloudTrail probe), HeadBucket (the access-log
 * probe), ListObjectsV2 and GetObject (reading the log bucket). Buckets hold the scenario's `s3.objects`
 * plus the delivered access-log objects.
 */
const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/'

/** Log objects written so far, per simulated environment. */
const stores = new WeakMap<object, LogObject[]>()
export function logStore(env: object): LogObject[] {
  let s = stores.get(env)
  if (!s) {
    s = []
    stores.set(env, s)
  }
  return s
}

function idHeaders(call: OperationCall): Record<string, string> {
  return { 'x-amz-request-id': call.ids.requestId, 'x-amz-id-2': call.ids.hostId ?? '' }
}

function objectsOf(call: OperationCall, bucket: string): Array<{ key: string; body: string; at: number }> {
  const declared = Object.entries(call.env.scenario.s3?.objects?.[bucket] ?? {}).map(([key, body]) => ({
    key,
    body,
    at: 0
  }))
  const logs = logStore(call.env)
    .filter(o => o.bucket === bucket && o.deliverAt <= call.at)
    .map(o => ({ key: o.key, body: o.body, at: o.deliverAt }))
  return [...declared, ...logs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

function knownBucket(call: OperationCall, bucket: string): boolean {
  const s3 = call.env.scenario.s3
  return (
    (s3?.buckets ?? []).includes(bucket) ||
    bucket in (s3?.accessLogs ?? {}) ||
    Object.values(s3?.accessLogs ?? {}).some(c => c.logBucket === bucket) ||
    bucket in (s3?.objects ?? {})
  )
}

export function handleS3(call: OperationCall): OperationResult {
  if (call.operation === 'ListBuckets') return handleProbe(call)
  const { bucket, key } = s3Target(call.req)
  if (!bucket || !knownBucket(call, bucket)) {
    recordAccessLog(call, 404, 'NoSuchBucket', logStore(call.env))
    throw new SimError('NoSuchBucket', 'The specified bucket does not exist', 404)
  }
  // Logged when answered (the request the log line describes); delivered later.
  recordAccessLog(call, 200, undefined, logStore(call.env))
  switch (call.operation) {
    case 'HeadBucket':
      return {
        response: {
          status: 200,
          headers: { ...idHeaders(call), 'x-amz-bucket-region': call.region },
          body: ''
        }
      }
    case 'ListObjectsV2':
      return { response: listObjects(call, bucket) }
    case 'GetObject': {
      const found = objectsOf(call, bucket).find(o => o.key === key)
      if (!found) throw new SimError('NoSuchKey', 'The specified key does not exist.', 404)
      return {
        response: {
          status: 200,
          headers: {
            ...idHeaders(call),
            'content-type': 'text/plain',
            etag: `"${createHash('md5').update(found.body).digest('hex')}"`
          },
          body: Buffer.from(found.body, 'utf8')
        }
      }
    }
  }
  throw new SimError(
    'NotImplemented',
    'A header you provided implies functionality that is not implemented.',
    501
  )
}

function listObjects(call: OperationCall, bucket: string) {
  const q = call.req.query
  const prefix = q.get('prefix') ?? ''
  const startAfter = q.get('start-after') ?? ''
  const token = q.get('continuation-token')
  const maxKeys = Math.min(Number(q.get('max-keys') ?? 1000) || 1000, call.env.scenario.s3?.maxKeys ?? 1000)
  // The token is the last key of the previous page (base64): S3's are opaque, and bound to the listing.
  const after = token ? Buffer.from(token, 'base64').toString('utf8') : startAfter
  const all = objectsOf(call, bucket).filter(o => o.key.startsWith(prefix) && o.key > after)
  const page = all.slice(0, maxKeys)
  const truncated = all.length > page.length
  const contents = page.map(o =>
    node(
      'Contents',
      text('Key', o.key),
      text('LastModified', new Date(o.at || call.at).toISOString()),
      text('ETag', `"${createHash('md5').update(o.body).digest('hex')}"`),
      text('Size', String(Buffer.byteLength(o.body))),
      text('StorageClass', 'STANDARD')
    )
  )
  const body = xmlDocument(
    'ListBucketResult',
    NAMESPACE,
    text('Name', bucket),
    text('Prefix', prefix),
    ...(startAfter ? [text('StartAfter', startAfter)] : []),
    ...(token ? [text('ContinuationToken', token)] : []),
    text('KeyCount', String(page.length)),
    text('MaxKeys', String(maxKeys)),
    text('IsTruncated', String(truncated)),
    ...(truncated ? [text('NextContinuationToken', Buffer.from(page.at(-1)!.key).toString('base64'))] : []),
    ...contents
  )
  return { status: 200, headers: { 'content-type': 'application/xml', ...idHeaders(call) }, body }
}
