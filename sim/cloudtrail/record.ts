import { randomUUID } from 'node:crypto'
import type { SimIdentity } from '../core/identity.js'
import type { OperationCall, OperationResult } from '../core/operation.js'
import type { ResolvedTraffic } from '../traffic.js'
import type { CloudTrailRecord } from './trail.js'

export interface RecordInput {
  call: OperationCall
  eventName: string
  readOnly: boolean
  category: 'management' | 'data'
  traffic: ResolvedTraffic
  error?: { code: string; message: string }
  audit?: OperationResult['audit']
}

/** CloudTrail writes times to the second. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function userIdentity(identity: SimIdentity): CloudTrailRecord['userIdentity'] {
  const base = {
    type: identity.type,
    principalId: identity.principalId,
    arn: identity.arn,
    accountId: identity.accountId,
    accessKeyId: identity.accessKeyId
  }
  if (!identity.role) return { ...base, userName: identity.userName }
  return {
    ...base,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: identity.role.id,
        arn: identity.role.arn,
        accountId: identity.accountId,
        userName: identity.role.name
      },
      attributes: { creationDate: identity.role.creationDate, mfaAuthenticated: 'false' }
    }
  }
}

/**
 * The record of one call (management or data event), in the field order of the AWS samples. `vpcEndpointId` and
 * `vpcEndpointAccountId` appear only when the traffic went through an endpoint.
 */
export function buildRecord(input: RecordInput): CloudTrailRecord {
  const { call, traffic } = input
  const host = `${call.service.hostPrefix}.${call.region}.amazonaws.com`
  const isS3 = call.service.signingName === 's3'
  const record: CloudTrailRecord = {
    eventVersion: '1.09',
    userIdentity: userIdentity(call.identity),
    eventTime: isoSeconds(call.at),
    eventSource: call.service.eventSource,
    eventName: input.eventName,
    awsRegion: call.region,
    sourceIPAddress: traffic.sourceIp,
    userAgent: call.req.headers['user-agent'] ?? 'aws-sdk-js',
    ...(input.error ? { errorCode: input.error.code, errorMessage: input.error.message } : {}),
    requestParameters: input.audit?.requestParameters ?? (isS3 ? { Host: host } : null),
    responseElements: input.audit?.responseElements ?? null,
    ...(isS3
      ? {
          additionalEventData: {
            SignatureVersion: 'SigV4',
            CipherSuite: 'TLS_AES_128_GCM_SHA256',
            bytesTransferredIn: 0,
            AuthenticationMethod: 'AuthHeader',
            'x-amz-id-2': call.ids.hostId ?? '',
            bytesTransferredOut: 0
          }
        }
      : {}),
    ...(traffic.omitRequestId ? {} : { requestID: call.ids.requestId }),
    eventID: randomUUID(),
    readOnly: input.readOnly,
    eventType: 'AwsApiCall',
    managementEvent: input.category === 'management',
    recipientAccountId: call.identity.accountId,
    ...(traffic.endpointId === undefined
      ? {}
      : { vpcEndpointId: traffic.endpointId, vpcEndpointAccountId: traffic.endpointAccountId ?? '' }),
    eventCategory: input.category === 'management' ? 'Management' : 'Data',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: host
    }
  }
  return record
}
