import type { CloudTrailRecord } from '../../src/evidence/cloudtrail-record.js'
import type { EndpointLink, ProbeRecord } from '../../src/evidence/probe-record.js'

export const VPC = 'vpc-0123456789abcdef0'
export const REGION = 'ap-northeast-1'
export const ACCOUNT = '123456789012'
export const SNS_VPCE = 'vpce-01251def6b627a209'

export function link(over: Partial<EndpointLink> = {}): EndpointLink {
  return {
    vpcId: VPC,
    region: REGION,
    service: 'sns',
    serviceName: `com.amazonaws.${REGION}.sns`,
    type: 'Interface',
    privateDns: true,
    location: { file: 'vpc-endpoints.yml', line: 7, column: 9 },
    ...over
  }
}

export function probe(over: Partial<ProbeRecord> = {}): ProbeRecord {
  return {
    link: link(),
    service: 'sns',
    operation: 'ListTopics',
    iamAction: 'sns:ListTopics',
    eventSource: 'sns.amazonaws.com',
    eventName: 'ListTopics',
    host: `sns.${REGION}.amazonaws.com`,
    url: `https://sns.${REGION}.amazonaws.com/`,
    region: REGION,
    accessKeyId: 'ASIAEXAMPLEPROBE0001',
    sentAt: '2024-06-04T23:12:49.500Z',
    durationMs: 80,
    httpStatus: 200,
    requestId: 'req-sns-1',
    dns: { host: `sns.${REGION}.amazonaws.com`, servers: [], ipv4: ['10.30.134.227'], ipv6: [] },
    ...over
  }
}

/** Shaped like the article's SNS ListTopics record (seed) and the AWS samples in reference/aws. */
export function record(over: Partial<CloudTrailRecord> = {}): CloudTrailRecord {
  return {
    eventVersion: '1.09',
    eventID: 'ev-sns-1',
    eventTime: '2024-06-04T23:12:50Z',
    eventSource: 'sns.amazonaws.com',
    eventName: 'ListTopics',
    awsRegion: REGION,
    requestID: 'req-sns-1',
    sourceIPAddress: '10.30.0.160',
    vpcEndpointId: SNS_VPCE,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    ...over
  }
}
