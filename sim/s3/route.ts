import type { SimRequest } from '../core/request.js'

/**
 * Which bucket and key an S3 request names, as the SDK sends them: virtual-hosted (`bucket.s3.region.
 * amazonaws.com`) or path style (`/bucket/key`), which the SDK uses for an IP-address endpoint such as the
 * simulator's `http://127.0.0.1:PORT`, for `forcePathStyle`, and for bucket names with dots.
 */
export interface S3Target {
  bucket?: string
  key?: string
}

export function s3Target(req: SimRequest): S3Target {
  const host = (req.headers['host'] ?? '').replace(/:\d+$/, '')
  const virtual = /^(.+?)\.s3[.-]/.exec(host)
  const segments = req.path.split('/').slice(1)
  if (virtual && !/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    const key = decodeURIComponent(segments.join('/'))
    return { bucket: virtual[1]!, ...(key ? { key } : {}) }
  }
  const [bucket = '', ...rest] = segments
  const key = decodeURIComponent(rest.join('/'))
  return { ...(bucket ? { bucket: decodeURIComponent(bucket) } : {}), ...(key ? { key } : {}) }
}

/** The S3 operations the simulator answers, from method, bucket, key and query. */
export function s3Operation(req: SimRequest): string | undefined {
  const t = s3Target(req)
  if (!t.bucket) return req.method === 'GET' ? 'ListBuckets' : undefined
  if (req.method === 'HEAD' && !t.key) return 'HeadBucket'
  if (req.method === 'GET' && !t.key && req.query.get('list-type') === '2') return 'ListObjectsV2'
  if (req.method === 'GET' && t.key) return 'GetObject'
  return undefined
}

/** IAM actions of the S3 operations (HeadBucket and ListObjectsV2 are both authorised by s3:ListBucket). */
export const S3_IAM_ACTIONS: Record<string, string> = {
  HeadBucket: 's3:ListBucket',
  ListObjectsV2: 's3:ListBucket',
  GetObject: 's3:GetObject'
}
