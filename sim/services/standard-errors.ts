import type { SimIdentity } from '../core/identity.js'
import type { SimRequest } from '../core/request.js'
import { SimError } from '../core/response.js'
import type { Protocol } from './catalog.js'

/** IAM refused: each protocol family has its own code (EC2 `UnauthorizedOperation`, JSON `AccessDeniedException`...). */
export function deniedError(
  protocol: Protocol,
  identity: SimIdentity,
  iamAction: string,
  signingName: string
): SimError {
  const message = `User: ${identity.arn} is not authorized to perform: ${iamAction} because no identity-based policy allows the ${iamAction} action`
  switch (protocol) {
    case 'ec2':
      return new SimError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403)
    case 'query':
      return new SimError(signingName === 'sns' ? 'AuthorizationError' : 'AccessDenied', message, 403)
    case 'rest-xml':
      return new SimError('AccessDenied', 'Access Denied', 403)
    case 'rest-json':
      return new SimError('AccessDeniedException', message, 403)
    case 'json1.0':
    case 'json1.1':
    case 'rpcv2-cbor':
      return new SimError('AccessDeniedException', message, 400)
  }
}

/** Too many requests, in the code each protocol's clients classify as throttling. */
export function throttledError(protocol: Protocol): SimError {
  switch (protocol) {
    case 'ec2':
      return new SimError('RequestLimitExceeded', 'Request limit exceeded.', 503)
    case 'query':
      return new SimError('Throttling', 'Rate exceeded', 400)
    case 'rest-xml':
      return new SimError('SlowDown', 'Please reduce your request rate.', 503)
    case 'rest-json':
      return new SimError('TooManyRequestsException', 'Rate exceeded', 429)
    case 'json1.0':
    case 'json1.1':
    case 'rpcv2-cbor':
      return new SimError('ThrottlingException', 'Rate exceeded', 400)
  }
}

export function unknownOperationError(protocol: Protocol, operation: string | undefined): SimError {
  const name = operation ?? '(none)'
  switch (protocol) {
    case 'ec2':
    case 'query':
      return new SimError('InvalidAction', `The action ${name} is not valid for this web service.`)
    case 'rest-xml':
      return new SimError(
        'NotImplemented',
        'A header you provided implies functionality that is not implemented.',
        501
      )
    case 'rest-json':
      return new SimError('UnknownOperationException', `Unknown operation ${name}`, 404)
    case 'json1.0':
    case 'json1.1':
    case 'rpcv2-cbor':
      return new SimError('UnknownOperationException', `Unknown operation ${name}`)
  }
}

/** The probe was answered with the error the scenario's traffic path asks for (e.g. an endpoint policy denial). */
export function trafficError(code: string, identity: SimIdentity, iamAction: string): SimError {
  return new SimError(
    code,
    `User: ${identity.arn} is not authorized to perform: ${iamAction} with an explicit deny in a VPC endpoint policy`,
    403
  )
}

/**
 * A bad signature, answered the way AWS documents it: the message goes on to quote the canonical
 * request the service computed (every signed header with its value, `x-amz-security-token`
 * included) and the string to sign, so a developer can compare them ("Troubleshoot Signature
 * Version 4 signing", IAM User Guide: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html).
 * That echo is what a client must never publish.
 */
export function signatureMismatchError(req: SimRequest): SimError {
  const authorization = req.headers['authorization'] ?? ''
  const signed = /SignedHeaders=([^,\s]+)/.exec(authorization)?.[1]?.split(';') ?? ['host']
  const canonicalHeaders = signed.map(name => `${name}:${(req.headers[name] ?? '').trim()}`).join('\n')
  const scope = /Credential=[^/]+\/([^,\s]+)/.exec(authorization)?.[1] ?? ''
  const message =
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
    `The Canonical String for this request should have been\n'${req.method}\n${req.path}\n${req.query.toString()}\n${canonicalHeaders}\n\n${signed.join(';')}\n${'0'.repeat(64)}'\n\n` +
    `The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n${req.headers['x-amz-date'] ?? ''}\n${scope}\n${'0'.repeat(64)}'\n`
  return new SimError('SignatureDoesNotMatch', message, 403)
}
