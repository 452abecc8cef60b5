import type { SimRequest } from '../core/request.js'
import { PROBE_OPERATIONS, type Protocol, type ServiceInfo } from './catalog.js'
import { s3Operation } from '../s3/route.js'

/** Which wire protocol a request speaks, from its headers and body (CloudWatch accepts three). */
export function detectProtocol(service: ServiceInfo, req: SimRequest): Protocol {
  if (service.signingName === 'ec2') return 'ec2'
  if (req.headers['smithy-protocol'] === 'rpc-v2-cbor') return 'rpcv2-cbor'
  if (req.headers['x-amz-target'] !== undefined) {
    return (req.headers['content-type'] ?? '').includes('1.0') ? 'json1.0' : 'json1.1'
  }
  if (req.params.has('Action')) return 'query'
  return service.restProtocol ?? 'query'
}

/** The operation name, or undefined when the request names none the simulator can tell. */
export function operationOf(protocol: Protocol, service: ServiceInfo, req: SimRequest): string | undefined {
  switch (protocol) {
    case 'ec2':
    case 'query':
      return req.params.get('Action') ?? undefined
    case 'json1.0':
    case 'json1.1':
      // botocore sends the full target (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.X`), JS v3
      // the short one (`CloudTrail_20131101.X`): the operation is the last part either way.
      return req.headers['x-amz-target']?.split('.').pop() || undefined
    case 'rpcv2-cbor':
      return /\/operation\/([^/]+)$/.exec(req.path)?.[1]
    case 'rest-json':
    case 'rest-xml':
      if (service.signingName === 's3') return s3Operation(req)
      return PROBE_OPERATIONS.find(
        p =>
          p.signingName === service.signingName &&
          p.route !== undefined &&
          p.route.method === req.method &&
          p.route.path.test(req.path)
      )?.operation
  }
}
