import type { SimRequest } from '../core/request.js'
import type { SimError, SimResponse } from '../core/response.js'

/**
 * awsQueryCompatible JSON services (CloudWatch) also name the error by its old query-protocol code in
 * `x-amzn-query-error: Code;Type`, which the JS SDK reads (and prefers) when it sent `x-amzn-query-mode`.
 */
const QUERY_CODES: Record<string, string> = {
  AccessDeniedException: 'AccessDenied',
  ThrottlingException: 'Throttling',
  InternalFailure: 'InternalServiceError',
  UnknownOperationException: 'InvalidAction'
}

export function withQueryCompatError(req: SimRequest, response: SimResponse, error: SimError): SimResponse {
  if (req.headers['x-amzn-query-mode'] !== 'true') return response
  const code = QUERY_CODES[error.code] ?? error.code
  return { ...response, headers: { ...response.headers, 'x-amzn-query-error': `${code};${error.type}` } }
}
