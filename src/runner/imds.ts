import { request } from 'node:http'

/**
 * A minimal IMDSv2 client (reference/aws/imds-v2-facts.json): `PUT /latest/api/token`, then GETs with
 * the token. Settings as the JavaScript SDK v3 reads them: `AWS_EC2_METADATA_DISABLED` (any non-empty
 * value but `false` turns it off), `AWS_EC2_METADATA_SERVICE_ENDPOINT`, and
 * `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` (`IPv4` | `IPv6`). No IMDSv1 fallback: a metadata service that
 * refuses tokens is reported, not worked around. Every request has a short timeout, so a runner that is
 * not on EC2 (nothing answers at 169.254.169.254) costs about a second.
 */
export type Env = Readonly<Record<string, string | undefined>>

export const IMDS_IPV4 = 'http://169.254.169.254'
export const IMDS_IPV6 = 'http://[fd00:ec2::254]'
const TOKEN_TTL_SECONDS = 60
const DEFAULT_TIMEOUT_MS = 1_000
const MAX_BODY = 64 * 1024

export class ImdsError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'ImdsError'
  }
}

export type ImdsEndpoint = { disabled: true; why: string } | { disabled: false; url: string }

export function imdsEndpoint(env: Env): ImdsEndpoint {
  const disabled = env.AWS_EC2_METADATA_DISABLED
  if (disabled && disabled !== 'false') {
    return { disabled: true, why: `AWS_EC2_METADATA_DISABLED=${disabled}` }
  }
  const endpoint = env.AWS_EC2_METADATA_SERVICE_ENDPOINT
  if (endpoint) {
    try {
      return { disabled: false, url: new URL(endpoint).origin }
    } catch {
      throw new ImdsError(`AWS_EC2_METADATA_SERVICE_ENDPOINT "${endpoint}" is not a URL`)
    }
  }
  const mode = env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE
  if (mode === undefined || mode === '' || mode === 'IPv4') return { disabled: false, url: IMDS_IPV4 }
  if (mode === 'IPv6') return { disabled: false, url: IMDS_IPV6 }
  // The JS SDK compares case-sensitively and rejects anything else.
  throw new ImdsError(`AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE "${mode}" is not IPv4 or IPv6`)
}

function call(
  base: string,
  method: 'PUT' | 'GET',
  path: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal?: AbortSignal
): Promise<{ status: number; body: string }> {
  const url = new URL(path, base)
  const timeout = AbortSignal.timeout(timeoutMs)
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout },
      res => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
          if (size <= MAX_BODY) chunks.push(c)
        })
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
        )
        res.on('error', reject)
      }
    )
    req.on('error', error => {
      const e = error as { name?: string; code?: string; message?: string }
      const timedOut = e.name === 'AbortError' || e.name === 'TimeoutError'
      reject(
        new ImdsError(
          timedOut
            ? `no answer from ${url.origin} within ${timeoutMs} ms`
            : `${url.origin}: ${e.code ?? e.message ?? String(error)}`
        )
      )
    })
    req.end()
  })
}

export interface ImdsClient {
  /** The text of `/latest/meta-data/<path>`; undefined for 404 (documented: "not available"). */
  get(path: string): Promise<string | undefined>
}

/** Opens an IMDSv2 session (one token), or throws ImdsError saying why not. */
export async function openImds(
  url: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {}
): Promise<ImdsClient> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const put = await call(
    url,
    'PUT',
    '/latest/api/token',
    { 'x-aws-ec2-metadata-token-ttl-seconds': String(TOKEN_TTL_SECONDS) },
    timeoutMs,
    options.signal
  )
  if (put.status !== 200 || put.body.trim() === '') {
    throw new ImdsError(
      put.status === 403
        ? `${url} refused a session token (403: the metadata service is turned off for this instance)`
        : `${url} answered the token request with HTTP ${put.status}`,
      put.status
    )
  }
  const token = put.body.trim()
  return {
    get: async path => {
      const res = await call(
        url,
        'GET',
        `/latest/meta-data/${path}`,
        { 'x-aws-ec2-metadata-token': token },
        timeoutMs,
        options.signal
      )
      if (res.status === 404) return undefined
      if (res.status !== 200)
        throw new ImdsError(`${url} answered ${path} with HTTP ${res.status}`, res.status)
      return res.body
    }
  }
}
