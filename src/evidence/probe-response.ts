import { redact } from '../core/redact.js'

/** What a probe's HTTP answer says about itself: request id and, for errors, the service's error code. */
export interface ProbeResponseFacts {
  requestId?: string
  errorCode?: string
  errorMessage?: string
}

type Headers = Readonly<Record<string, string | string[] | undefined>>

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name]
  const first = Array.isArray(value) ? value[0] : value
  return first === undefined || first === '' ? undefined : first
}

function xmlElement(body: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)
    if (m?.[1]) return m[1].trim()
  }
  return undefined
}

function jsonBody(body: string): Record<string, unknown> | undefined {
  if (!body.trimStart().startsWith('{')) return undefined
  try {
    const parsed: unknown = JSON.parse(body)
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function stringField(obj: Record<string, unknown> | undefined, names: readonly string[]): string | undefined {
  for (const name of names) {
    const v = obj?.[name]
    if (typeof v === 'string' && v !== '') return v
  }
  return undefined
}

/**
 * Headers first, as the JavaScript SDK reads them (`x-amzn-requestid` ?? `x-amzn-request-id` ??
 * `x-amz-request-id`); then the body, where query and EC2 services put it (botocore parsers).
 * Header names must be lower case (as Node gives them).
 */
export function parseProbeResponse(status: number, headers: Headers, body: string): ProbeResponseFacts {
  const json = jsonBody(body)
  const requestId =
    header(headers, 'x-amzn-requestid') ??
    header(headers, 'x-amzn-request-id') ??
    header(headers, 'x-amz-request-id') ??
    xmlElement(body, ['RequestId', 'requestId', 'RequestID']) ??
    stringField(json, ['RequestId', 'requestId'])
  const facts: ProbeResponseFacts = {}
  if (requestId) facts.requestId = requestId
  if (status < 300) return facts
  // x-amzn-errortype: "AccessDeniedException:http://internal.amazon.com/coral/..."; JSON __type may carry a namespace.
  const typeHeader = header(headers, 'x-amzn-errortype')?.split(':')[0]
  const jsonType = stringField(json, ['__type', 'code', 'Code'])
  const raw = typeHeader ?? jsonType ?? xmlElement(body, ['Code'])
  const code = raw?.split('#').pop()
  facts.errorCode = code || `HTTP${status}`
  const message = stringField(json, ['message', 'Message', 'errorMessage']) ?? xmlElement(body, ['Message'])
  if (message) facts.errorMessage = redact(message)
  return facts
}

/**
 * Errors whose requests CloudTrail does not log ("CloudTrail does not log requests that fail
 * authentication"): waiting for them would only run into the timeout.
 */
const AUTHENTICATION_FAILURES = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSignatureException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'AuthFailure',
  'MissingAuthenticationToken',
  'RequestExpired',
  'InvalidToken'
])

export function isAuthenticationFailure(code: string | undefined): boolean {
  return code !== undefined && AUTHENTICATION_FAILURES.has(code)
}

/** Authorization refusals: the call is authenticated, so CloudTrail records it with this error code. */
export function isAccessDenied(code: string | undefined): boolean {
  return (
    code !== undefined && /AccessDenied|Unauthorized|AuthorizationError|NotAuthorized|Forbidden/i.test(code)
  )
}
