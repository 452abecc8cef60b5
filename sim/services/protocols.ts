import { encodeCbor, type CborValue } from '../core/cbor.js'
import { stableHex } from '../core/ids.js'
import type { SimError, SimResponse } from '../core/response.js'
import { memberList, node, text, xmlDocument, type Xml } from '../core/xml.js'
import type { Protocol, ServiceInfo } from './catalog.js'

/** The ids a response carries: every protocol sends `x-amzn-RequestId`; S3 its own pair. */
export interface ResponseIds {
  requestId: string
  /** S3 `x-amz-id-2`. */
  hostId?: string
}

const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/'
const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/'

function idHeaders(ids: ResponseIds): Record<string, string> {
  if (ids.hostId !== undefined) return { 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId }
  return { 'x-amzn-RequestId': ids.requestId }
}

function xmlResponse(status: number, ids: ResponseIds, body: string): SimResponse {
  return { status, headers: { 'content-type': 'text/xml;charset=UTF-8', ...idHeaders(ids) }, body }
}

export function ec2Ok(action: string, ids: ResponseIds, children: Xml[]): SimResponse {
  return xmlResponse(
    200,
    ids,
    xmlDocument(`${action}Response`, EC2_NAMESPACE, text('requestId', ids.requestId), ...children)
  )
}

export function queryOk(service: ServiceInfo, action: string, ids: ResponseIds, result: Xml[]): SimResponse {
  return xmlResponse(
    200,
    ids,
    xmlDocument(
      `${action}Response`,
      service.xmlNamespace,
      node(`${action}Result`, ...result),
      node('ResponseMetadata', text('RequestId', ids.requestId))
    )
  )
}

export function jsonOk(version: '1.0' | '1.1', ids: ResponseIds, payload: unknown): SimResponse {
  return {
    status: 200,
    headers: { 'content-type': `application/x-amz-json-${version}`, ...idHeaders(ids) },
    body: JSON.stringify(payload)
  }
}

function restJsonOk(ids: ResponseIds, payload: unknown): SimResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json', ...idHeaders(ids) },
    body: JSON.stringify(payload)
  }
}

function cborOk(ids: ResponseIds, payload: CborValue): SimResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', ...idHeaders(ids) },
    body: encodeCbor(payload)
  }
}

/** The minimal valid empty answer of an operation, in the protocol the client spoke. */
export function emptyOk(
  protocol: Protocol,
  service: ServiceInfo,
  operation: string,
  ids: ResponseIds,
  empty: { json?: Record<string, unknown>; queryLists?: string[] }
): SimResponse {
  switch (protocol) {
    case 'json1.0':
    case 'json1.1':
      return jsonOk(protocol === 'json1.0' ? '1.0' : '1.1', ids, empty.json ?? {})
    case 'rest-json':
      return restJsonOk(ids, empty.json ?? {})
    case 'rpcv2-cbor':
      return cborOk(ids, (empty.json ?? {}) as CborValue)
    case 'query':
      return queryOk(
        service,
        operation,
        ids,
        (empty.queryLists ?? []).map(name => memberList(name, []))
      )
    case 'ec2':
      return ec2Ok(operation, ids, [])
    case 'rest-xml':
      return xmlResponse(200, ids, s3EmptyListBuckets())
  }
}

function s3EmptyListBuckets(): string {
  return xmlDocument(
    'ListAllMyBucketsResult',
    S3_NAMESPACE,
    node('Owner', text('ID', stableHex('s3-canonical-owner', 64))),
    '<Buckets></Buckets>' as Xml
  )
}

/** The error in the shape each protocol's clients parse. */
export function errorResponse(
  protocol: Protocol,
  service: ServiceInfo,
  ids: ResponseIds,
  error: SimError
): SimResponse {
  switch (protocol) {
    case 'ec2':
      // ec2-error-response.xml: no namespace, `<RequestID>` (success bodies spell it `requestId`).
      return xmlResponse(
        error.status,
        ids,
        xmlDocument(
          'Response',
          undefined,
          node('Errors', node('Error', text('Code', error.code), text('Message', error.message))),
          text('RequestID', ids.requestId)
        )
      )
    case 'query':
      return xmlResponse(
        error.status,
        ids,
        xmlDocument(
          'ErrorResponse',
          service.xmlNamespace,
          node('Error', text('Type', error.type), text('Code', error.code), text('Message', error.message)),
          text('RequestId', ids.requestId)
        )
      )
    case 'rest-xml':
      return xmlResponse(
        error.status,
        ids,
        xmlDocument(
          'Error',
          undefined,
          text('Code', error.code),
          text('Message', error.message),
          text('RequestId', ids.requestId),
          text('HostId', ids.hostId)
        )
      )
    case 'json1.0':
    case 'json1.1':
    case 'rest-json':
      return {
        status: error.status,
        headers: {
          'content-type':
            protocol === 'rest-json' ? 'application/json' : `application/x-amz-json-${protocol.slice(4)}`,
          'x-amzn-ErrorType': error.code,
          ...idHeaders(ids)
        },
        body: JSON.stringify({ __type: error.code, message: error.message })
      }
    case 'rpcv2-cbor':
      return {
        status: error.status,
        headers: { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', ...idHeaders(ids) },
        body: encodeCbor({ __type: error.code, message: error.message })
      }
  }
}
