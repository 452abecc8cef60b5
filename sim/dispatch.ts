import { handleCloudTrail } from './cloudtrail/handler.js'
import { buildRecord } from './cloudtrail/record.js'
import { newRequestId, newS3RequestIds } from './core/ids.js'
import type { OperationCall, OperationResult, SimEnvironment } from './core/operation.js'
import type { SimRequest } from './core/request.js'
import { SimError, type SimResponse } from './core/response.js'
import { xmlDocument, node, text } from './core/xml.js'
import { handleEc2 } from './ec2/handler.js'
import { dropOptional, faultFor, internalError } from './core/faults.js'
import type { SimScenario } from './scenario.js'
import { eventFacts, probeOperation, serviceInfo, type ServiceInfo } from './services/catalog.js'
import { detectProtocol, operationOf } from './services/identify.js'
import { handleProbe } from './services/probe.js'
import { errorResponse } from './services/protocols.js'
import {
  deniedError,
  signatureMismatchError,
  throttledError,
  trafficError,
  unknownOperationError
} from './services/standard-errors.js'
import { handleSts } from './sts.js'
import { resolveTraffic } from './traffic.js'
import { Ec2Throttle } from './core/ec2-throttle.js'
import { handleS3 } from './s3/handler.js'
import { handleMonitoring } from './cloudwatch/handler.js'
import { recordPrivateLinkTraffic } from './cloudwatch/record-traffic.js'
import { withQueryCompatError } from './services/query-compat.js'

const HANDLERS: Record<string, (call: OperationCall) => OperationResult> = {
  ec2: handleEc2,
  sts: handleSts,
  cloudtrail: handleCloudTrail,
  s3: handleS3,
  monitoring: handleMonitoring
}

export interface Dispatched {
  response: SimResponse
  /** Arrival time, ms. */
  at: number
  service: string
  action: string
  region: string
  accessKeyId: string
  requestId: string
  /** The scenario's `reset` fault: the server closes the connection instead of answering. */
  reset?: boolean
  /** The scenario's `hang` fault: the server keeps the connection open and never answers. */
  hang?: boolean
}

/** How many earlier calls of this action the server has seen (for `throttleFirst`). */
export type PriorCalls = (service: string, action: string) => number

function actionKeys(service: ServiceInfo, operation: string, iamAction: string): string[] {
  return [operation, `${service.signingName}:${operation}`, iamAction]
}

function isDenied(scenario: SimScenario, keys: string[]): boolean {
  return (scenario.deny ?? []).some(d => keys.includes(d))
}

function throttleBudget(scenario: SimScenario, keys: string[]): number {
  return Math.max(0, ...keys.map(k => scenario.throttleFirst?.[k] ?? 0))
}

function unsigned(requestId: string): SimResponse {
  return {
    status: 403,
    headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-RequestId': requestId },
    body: xmlDocument(
      'ErrorResponse',
      undefined,
      node(
        'Error',
        text('Type', 'Sender'),
        text('Code', 'MissingAuthenticationToken'),
        text('Message', 'Request is missing Authentication Token')
      ),
      text('RequestId', requestId)
    )
  }
}

/**
 * One request through the simulated AWS: find the service (SigV4 scope), protocol and operation; apply the
 * scenario's denials, throttling and traffic errors; answer; and let CloudTrail record the call.
 */
export function dispatch(req: SimRequest, env: SimEnvironment, priorCalls: PriorCalls): Dispatched {
  const at = env.now()
  const scope = req.scope
  if (!scope) {
    const requestId = newRequestId()
    return {
      response: unsigned(requestId),
      at,
      service: 'unknown',
      action: 'Unknown',
      region: '',
      accessKeyId: '',
      requestId
    }
  }
  const known = serviceInfo(scope.service)
  // Unknown services still get an answer (an unknown-operation error) in a guessed protocol.
  const service: ServiceInfo = known ?? {
    signingName: scope.service,
    shortName: scope.service,
    eventSource: `${scope.service}.amazonaws.com`,
    iamPrefix: scope.service,
    hostPrefix: scope.service
  }
  const protocol = detectProtocol(service, req)
  const operation = operationOf(protocol, service, req)
  const ids = service.signingName === 's3' ? newS3RequestIds() : { requestId: newRequestId() }
  const identity = env.identities.resolve(scope.accessKeyId, new Date(at))
  const facts = eventFacts(service, operation ?? 'Unknown')
  const traffic = resolveTraffic(env.scenario, service.shortName, scope.region)
  const call: OperationCall = {
    req,
    service,
    protocol,
    operation: operation ?? 'Unknown',
    region: scope.region,
    at,
    ids,
    identity,
    env
  }
  const summary = {
    at,
    service: service.signingName,
    action: operation ?? 'Unknown',
    region: scope.region,
    accessKeyId: scope.accessKeyId,
    requestId: ids.requestId
  }

  const fault =
    operation === undefined
      ? undefined
      : faultFor(env.scenario, actionKeys(service, operation, facts.iamAction))
  let response: SimResponse
  let audit: OperationResult['audit']
  let succeeded = false
  // Refused calls CloudTrail still records (denied by IAM or by the endpoint), with their error code.
  let recordedError: { code: string; message: string } | undefined
  try {
    if (operation === undefined || !known) throw unknownOperationError(protocol, operation)
    const keys = actionKeys(service, operation, facts.iamAction)
    // Authentication comes before authorisation, and CloudTrail does not log a failed authentication.
    if ((env.scenario.signatureMismatch ?? []).some(a => keys.includes(a))) {
      throw signatureMismatchError(req)
    }
    if (isDenied(env.scenario, keys)) {
      const denied = deniedError(protocol, identity, facts.iamAction, service.signingName)
      // EC2 records its error codes with the `Client.` prefix.
      const code = protocol === 'ec2' ? `Client.${denied.code}` : denied.code
      recordedError = { code, message: denied.message }
      throw denied
    }
    if (priorCalls(service.signingName, operation) < throttleBudget(env.scenario, keys)) {
      throw throttledError(protocol)
    }
    const limit = env.scenario.ec2RequestLimit
    if (limit && service.signingName === 'ec2') {
      env.ec2Throttle ??= new Ec2Throttle(limit.burst, limit.refillPerSecond)
      if (!env.ec2Throttle.tryAcquire(`${identity.accountId}/${scope.region}`, at))
        throw throttledError(protocol)
    }
    if (fault === 'http500') throw internalError(protocol)
    if (traffic.errorCode !== undefined && probeOperation(service.signingName, operation)) {
      const refused = trafficError(traffic.errorCode, identity, facts.iamAction)
      recordedError = { code: refused.code, message: refused.message }
      throw refused
    }
    const result = (HANDLERS[service.signingName] ?? handleProbe)(call)
    response =
      fault === 'drop-optional' && typeof result.response.body === 'string'
        ? { ...result.response, body: dropOptional(result.response.body, operation) }
        : result.response
    audit = result.audit
    succeeded = true
  } catch (e) {
    if (!(e instanceof SimError)) throw e
    response = withQueryCompatError(req, errorResponse(protocol, service, ids, e), e)
  }
  recordPrivateLinkTraffic(env, traffic.endpointId, at, req.body.length + String(response.body).length)

  const dropped = (env.scenario.cloudTrailDrops ?? []).some(
    d => d === service.shortName || d === service.signingName
  )
  if (operation !== undefined && (succeeded || recordedError) && !dropped) {
    env.trail.add({
      at,
      deliverAt: at + (env.scenario.cloudTrailDelayMs ?? 0),
      accountId: identity.accountId,
      region: scope.region,
      category: facts.category,
      record: buildRecord({
        call,
        eventName: facts.eventName,
        readOnly: facts.readOnly,
        category: facts.category,
        traffic,
        ...(recordedError ? { error: recordedError } : {}),
        ...(audit ? { audit } : {})
      })
    })
  }
  return {
    response,
    ...summary,
    ...(fault === 'reset' ? { reset: true } : {}),
    ...(fault === 'hang' ? { hang: true } : {})
  }
}
