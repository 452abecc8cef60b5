import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3'
import type { BuildMiddleware, DeserializeMiddleware, MiddlewareStack } from '@smithy/types'
import { redact } from '../core/redact.js'
import type { AccessLogDeclaration } from '../manifest/types.js'
import type { EndpointLink } from '../evidence/probe-record.js'
import { MARKER_PARAM, type AccessLogProbe } from './ledger-entry.js'

/**
 * The access-log probe: one HeadBucket on the declared bucket, through the S3 client's own endpoint rules (the
 * standard virtual-hosted hostname, as the workload's SDK would call it), with the run marker as an `x-` query
 * parameter. One attempt: a retry would be a second request with a second log line.
 * This module imports @aws-sdk/client-s3: load it only through `await import()` (src/access-log/phase.ts).
 */
export interface AccessLogProbeInput {
  client: Pick<S3Client, 'send'>
  link: EndpointLink
  declaration: AccessLogDeclaration
  marker: string
  signal?: AbortSignal
  now?: () => number
}

export async function sendAccessLogProbe(input: AccessLogProbeInput): Promise<AccessLogProbe> {
  const now = input.now ?? Date.now
  const started = now()
  const command = new HeadBucketCommand({ Bucket: input.declaration.bucket })
  const addMarker: BuildMiddleware<object, object> = next => args => {
    const request = (args as { request?: { query?: Record<string, string> } }).request
    if (request) request.query = { ...request.query, [MARKER_PARAM]: input.marker }
    return next(args)
  }
  let date: string | undefined
  const readDate: DeserializeMiddleware<object, object> = next => async args => {
    try {
      const out = await next(args)
      date = headerOf((out as { response?: unknown }).response, 'date')
      return out
    } catch (error) {
      date = headerOf((error as { $response?: unknown }).$response, 'date')
      throw error
    }
  }
  const stack = command.middlewareStack as unknown as MiddlewareStack<object, object>
  stack.add(addMarker, { step: 'build', name: 'vpceProofAccessLogMarker' })
  stack.add(readDate, { step: 'deserialize', name: 'vpceProofAccessLogDate' })
  const base = {
    link: input.link,
    bucket: input.declaration.bucket,
    logBucket: input.declaration.logBucket,
    logPrefix: input.declaration.logPrefix,
    marker: input.marker,
    sentAt: new Date(started).toISOString()
  }
  let outcome: Partial<AccessLogProbe>
  try {
    const out = await input.client.send(command, input.signal ? { abortSignal: input.signal } : {})
    outcome = {
      httpStatus: out.$metadata.httpStatusCode ?? 200,
      ...ids(out.$metadata)
    }
  } catch (error) {
    outcome = failure(error, input.signal)
  }
  const serviceDate = date && !Number.isNaN(Date.parse(date)) ? new Date(date).toISOString() : undefined
  return { ...base, durationMs: now() - started, ...(serviceDate ? { serviceDate } : {}), ...outcome }
}

function ids(meta: { requestId?: string; extendedRequestId?: string } | undefined): Partial<AccessLogProbe> {
  return {
    // Only ids of S3's shape are kept: the ledger is read back under the same rules.
    ...(meta?.requestId && /^[A-Z0-9]{8,64}$/.test(meta.requestId) ? { requestId: meta.requestId } : {}),
    ...(meta?.extendedRequestId && /^[A-Za-z0-9+/=]{1,256}$/.test(meta.extendedRequestId)
      ? { hostId: meta.extendedRequestId }
      : {})
  }
}

function failure(error: unknown, signal: AbortSignal | undefined): Partial<AccessLogProbe> {
  const e = error as {
    name?: unknown
    code?: unknown
    message?: unknown
    $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string }
  }
  const status = e.$metadata?.httpStatusCode
  if (status !== undefined && !signal?.aborted) {
    // HeadBucket answers without a body: the SDK names the error by its status (Forbidden, NotFound, ...).
    const code = typeof e.name === 'string' && e.name !== 'Error' ? e.name : `HTTP${status}`
    return { httpStatus: status, errorCode: cleanCode(code), ...ids(e.$metadata) }
  }
  const code = signal?.aborted
    ? 'DEADLINE'
    : e.name === 'TimeoutError' || e.name === 'AbortError'
      ? 'TIMEOUT'
      : typeof e.code === 'string'
        ? e.code
        : typeof e.name === 'string'
          ? e.name
          : 'NETWORK_ERROR'
  return {
    networkError: {
      code: cleanCode(code),
      message: redact(typeof e.message === 'string' ? e.message : String(error)).slice(0, 256)
    }
  }
}

/** An error code as it may appear in a report: word characters, at most 64. */
function cleanCode(code: string): string {
  return code.replace(/[^\w.-]/g, '?').slice(0, 64) || 'UnknownError'
}

function headerOf(response: unknown, name: string): string | undefined {
  const headers = (response as { headers?: Record<string, string | undefined> } | undefined)?.headers
  if (!headers) return undefined
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name && v) return v
  return undefined
}
