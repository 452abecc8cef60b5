import type { SimIdentity } from '../core/identity.js'
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
