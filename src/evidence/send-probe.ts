import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import type { HostResolver } from './dns.js'
import type { EndpointLink, ProbeRecord } from './probe-record.js'
import { parseProbeResponse } from './probe-response.js'
import { ignoresConfiguredEndpoints } from './probe-endpoint.js'
import { serviceProbes, standardHost, type ProbeSpec } from './probe-table.js'
import { redact } from '../core/redact.js'

export interface ProbeCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export type Env = Readonly<Record<string, string | undefined>>

export interface SendProbeInput {
  probe: ProbeSpec
  link: EndpointLink
  credentials: ProbeCredentials
  /** The environment to read endpoint overrides from (not process.env, so the core stays testable). */
  env: Env
  /** Resolves the standard hostname, recorded next to the probe (runs while the probe is sent). */
  resolve: HostResolver
  /** The whole exchange (connect, headers, a trickling body) ends within this. */
  timeoutMs?: number
  /** The run's deadline. */
  signal?: AbortSignal
}

const DEFAULT_TIMEOUT_MS = 15_000
const MAX_BODY_BYTES = 1 << 20

/**
 * The SDKs' own override rule: `AWS_ENDPOINT_URL_<SERVICE ID>` (serviceId upper-cased, spaces to
 * underscores), then `AWS_ENDPOINT_URL`. Tests use it to reach the simulator; in production it is
 * normally unset, and the probe goes to the standard hostname like the workload's SDK calls would.
 */
export function endpointOverride(service: string, env: Env): string | undefined {
  if (ignoresConfiguredEndpoints(env)) return undefined
  const entry = serviceProbes(service)
  if (!entry) return env.AWS_ENDPOINT_URL || undefined
  const specific = ['AWS_ENDPOINT_URL', ...entry.sdkServiceId.split(' ').map(w => w.toUpperCase())].join('_')
  return env[specific] || env.AWS_ENDPOINT_URL || undefined
}

/** The URL a probe goes to: the SDK's regional hostname (FIPS / dual-stack as set) unless overridden. */
export function probeUrl(probe: ProbeSpec, region: string, env: Env): { host: string; url: URL } {
  const host = standardHost(probe.service, region, env) ?? `${probe.service}.${region}.amazonaws.com`
  const override = endpointOverride(probe.service, env)
  const base = new URL(override ?? `https://${host}`)
  const basePath = base.pathname.replace(/\/+$/, '')
  const url = new URL(base.origin)
  url.pathname = `${basePath}${probe.request.path}`
  return { host, url }
}

/** Builds and signs the probe request with the SDK's SigV4 signer. */
export async function signProbe(
  probe: ProbeSpec,
  region: string,
  url: URL,
  credentials: ProbeCredentials,
  signingDate?: Date
): Promise<HttpRequest> {
  const headers: Record<string, string> = { ...probe.request.headers, host: url.host }
  const unsigned = new HttpRequest({
    method: probe.request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: {},
    headers,
    ...(probe.request.body ? { body: probe.request.body } : {})
  })
  const signer = new SignatureV4({
    service: probe.signingName,
    region,
    credentials,
    sha256: Sha256,
    // S3 wants the payload hash header and an unescaped path; the other services neither need nor mind.
    uriEscapePath: probe.signingName !== 's3',
    applyChecksum: probe.signingName === 's3'
  })
  return (await signer.sign(unsigned, signingDate ? { signingDate } : {})) as HttpRequest
}

interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

function send(req: HttpRequest, url: URL, signal: AbortSignal): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = typeof req.body === 'string' ? req.body : ''
    const headers: Record<string, string> = { ...req.headers }
    if (body) headers['content-length'] = String(Buffer.byteLength(body))
    const requestFn = url.protocol === 'http:' ? httpRequest : httpsRequest
    const r = requestFn(
      {
        method: req.method,
        hostname: url.hostname,
        port: url.port || undefined,
        path: url.pathname,
        headers,
        signal
      },
      res => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY_BYTES) chunks.push(chunk)
          size += chunk.length
        })
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8')
          })
        )
        res.on('error', reject)
        // Belt and braces: an aborted response must never leave this promise pending.
        res.on('close', () => {
          if (!res.complete) reject(signal.reason ?? new Error('the response was cut off'))
        })
      }
    )
    r.on('error', reject)
    r.end(body)
  })
}

function networkError(error: unknown, runSignal?: AbortSignal): { code: string; message: string } {
  if (runSignal?.aborted) {
    const reason: unknown = runSignal.reason
    return { code: 'DEADLINE', message: reason instanceof Error ? reason.message : 'the run was stopped' }
  }
  const e = error as { code?: unknown; name?: unknown; message?: unknown }
  const code =
    e.name === 'AbortError' || e.name === 'TimeoutError'
      ? 'TIMEOUT'
      : typeof e.code === 'string'
        ? e.code
        : 'NETWORK_ERROR'
  const message = redact(typeof e.message === 'string' ? e.message : String(error))
  return { code, message: code === 'TIMEOUT' ? 'no answer before the probe timeout' : message }
}

/** The HTTP `Date` header (IMF-fixdate, whole seconds) as ISO; undefined when absent or unreadable. */
export function httpDate(value: string | undefined): string | undefined {
  if (!value) return undefined
  const t = Date.parse(value)
  return Number.isNaN(t) ? undefined : new Date(t).toISOString()
}

/**
 * Sends one probe and records what came back. Never throws for network trouble: a probe that got no
 * answer is recorded with `networkError` (it is evidence about the path, too).
 */
export async function sendProbe(input: SendProbeInput): Promise<ProbeRecord> {
  const { probe, link, credentials, env } = input
  const region = link.region
  const { host, url } = probeUrl(probe, region, env)
  const dnsPromise = input.resolve(host).catch((error: unknown) => ({
    host,
    servers: [],
    ipv4: [],
    ipv6: [],
    error: { code: 'ERESOLVER', message: error instanceof Error ? error.message : String(error) }
  }))
  const started = Date.now()
  const sentAt = new Date(started).toISOString()
  const base = {
    link,
    service: probe.service,
    operation: probe.operation,
    iamAction: probe.iamAction,
    eventSource: probe.cloudTrail.eventSource,
    eventName: probe.cloudTrail.eventName,
    host,
    url: url.toString(),
    region,
    accessKeyId: credentials.accessKeyId,
    sentAt
  }
  let outcome: Pick<
    ProbeRecord,
    'httpStatus' | 'serviceDate' | 'requestId' | 'errorCode' | 'errorMessage' | 'networkError'
  >
  try {
    const signed = await signProbe(probe, region, url, credentials, new Date(started))
    const timeout = AbortSignal.timeout(input.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    const signal = input.signal ? AbortSignal.any([timeout, input.signal]) : timeout
    const res = await send(signed, url, signal)
    const serviceDate = httpDate(res.headers.date)
    outcome = {
      httpStatus: res.status,
      ...(serviceDate ? { serviceDate } : {}),
      ...parseProbeResponse(res.status, res.headers, res.body)
    }
  } catch (error) {
    outcome = { networkError: networkError(error, input.signal) }
  }
  const durationMs = Date.now() - started
  return { ...base, durationMs, ...outcome, dns: await dnsPromise }
}
