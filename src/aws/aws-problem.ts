import { UserError } from '../core/errors.js'
import { redactError } from '../core/redact.js'
import type { FactProblem } from './snapshot.js'

/** Error names AWS uses when IAM (or an SCP, or a permissions boundary) refuses a call. */
const DENIED_CODES = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedAccess',
  'AuthorizationError'
])

/**
 * Turns an SDK error into a problem a check can report. `action` is the IAM action the call needs, so a
 * denied call becomes "grant ec2:DescribeRouteTables" rather than a stack trace.
 */
export function toFactProblem(error: unknown, action: string): FactProblem {
  const name = errorName(error)
  // The message becomes a finding, published everywhere: AWS may echo the signed request in it.
  const message = redactError(error)
  return { kind: DENIED_CODES.has(name) ? 'denied' : 'error', action, code: name, message }
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; Code?: unknown; code?: unknown }
    for (const v of [e.Code, e.name, e.code]) if (typeof v === 'string' && v && v !== 'Error') return v
  }
  return 'UnknownError'
}

/** Credentials missing or rejected: nothing in AWS can be read, so the run stops with one clear line. */
export function isCredentialsProblem(error: unknown): boolean {
  const name = errorName(error)
  return (
    name === 'CredentialsProviderError' ||
    name === 'AuthFailure' ||
    name === 'InvalidClientTokenId' ||
    name === 'UnrecognizedClientException' ||
    name === 'ExpiredToken' ||
    name === 'ExpiredTokenException' ||
    name === 'RequestExpired'
  )
}

/** One line for the user when no credentials could be found or AWS rejected them. */
export function credentialsError(error: unknown): UserError {
  return new UserError(
    `AWS credentials are missing or were rejected (${redactError(error, 300)}). ` +
      'Use aws-actions/configure-aws-credentials or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_REGION).'
  )
}
