import { S3_IAM_ACTIONS } from '../s3/route.js'
/**
 * What the simulator knows about each AWS service it answers, and the read-only probe operations of the
 * probe table (/work/shared/reference/aws/probe-candidates.md): protocol, CloudTrail eventSource/eventName,
 * and whether CloudTrail records the call as a management event (visible to LookupEvents) or a data event
 * (never returned by LookupEvents).
 */
export type Protocol = 'ec2' | 'query' | 'json1.0' | 'json1.1' | 'rest-json' | 'rest-xml' | 'rpcv2-cbor'

export interface ServiceInfo {
  /** SigV4 signing name, as in the credential scope. */
  signingName: string
  /** Probe-table short name and the last part of the VPC endpoint service name (`com.amazonaws.<region>.<shortName>`). */
  shortName: string
  eventSource: string
  /** IAM action prefix (`cloudwatch` for signing name `monitoring`). */
  iamPrefix: string
  /** Standard hostname: `<hostPrefix>.<region>.amazonaws.com`. */
  hostPrefix: string
  /** Query protocol: the response namespace. */
  xmlNamespace?: string
  /** REST services: the protocol requests without a target or an Action speak. */
  restProtocol?: 'rest-json' | 'rest-xml'
}

export interface ProbeOperation {
  signingName: string
  operation: string
  /** CloudTrail eventName (Lambda's carry the API version). */
  eventName: string
  category: 'management' | 'data'
  iamAction: string
  /** Protocols the real clients use for it (CloudWatch: JS v3 JSON 1.0, botocore CBOR, older query). */
  protocols: Protocol[]
  /** REST operations: how the request is recognised. */
  route?: { method: string; path: RegExp }
  /** The minimal valid empty result (JSON/CBOR protocols). */
  emptyResult?: Record<string, unknown>
  /** Query protocol: empty list members inside `<OperationResult>`. */
  emptyQueryLists?: string[]
}

const SERVICES: ServiceInfo[] = [
  {
    signingName: 'ec2',
    shortName: 'ec2',
    eventSource: 'ec2.amazonaws.com',
    iamPrefix: 'ec2',
    hostPrefix: 'ec2'
  },
  {
    signingName: 'sts',
    shortName: 'sts',
    eventSource: 'sts.amazonaws.com',
    iamPrefix: 'sts',
    hostPrefix: 'sts',
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/'
  },
  {
    signingName: 'cloudtrail',
    shortName: 'cloudtrail',
    eventSource: 'cloudtrail.amazonaws.com',
    iamPrefix: 'cloudtrail',
    hostPrefix: 'cloudtrail'
  },
  {
    signingName: 's3',
    shortName: 's3',
    eventSource: 's3.amazonaws.com',
    iamPrefix: 's3',
    hostPrefix: 's3',
    restProtocol: 'rest-xml'
  },
  {
    signingName: 'dynamodb',
    shortName: 'dynamodb',
    eventSource: 'dynamodb.amazonaws.com',
    iamPrefix: 'dynamodb',
    hostPrefix: 'dynamodb'
  },
  {
    signingName: 'sns',
    shortName: 'sns',
    eventSource: 'sns.amazonaws.com',
    iamPrefix: 'sns',
    hostPrefix: 'sns',
    xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/'
  },
  {
    signingName: 'sqs',
    shortName: 'sqs',
    eventSource: 'sqs.amazonaws.com',
    iamPrefix: 'sqs',
    hostPrefix: 'sqs'
  },
  {
    signingName: 'kms',
    shortName: 'kms',
    eventSource: 'kms.amazonaws.com',
    iamPrefix: 'kms',
    hostPrefix: 'kms'
  },
  {
    signingName: 'secretsmanager',
    shortName: 'secretsmanager',
    eventSource: 'secretsmanager.amazonaws.com',
    iamPrefix: 'secretsmanager',
    hostPrefix: 'secretsmanager'
  },
  {
    signingName: 'ssm',
    shortName: 'ssm',
    eventSource: 'ssm.amazonaws.com',
    iamPrefix: 'ssm',
    hostPrefix: 'ssm'
  },
  {
    signingName: 'logs',
    shortName: 'logs',
    eventSource: 'logs.amazonaws.com',
    iamPrefix: 'logs',
    hostPrefix: 'logs'
  },
  // Signing name `ecr`, host `api.ecr.<region>`, endpoint service `com.amazonaws.<region>.ecr.api`.
  {
    signingName: 'ecr',
    shortName: 'ecr.api',
    eventSource: 'ecr.amazonaws.com',
    iamPrefix: 'ecr',
    hostPrefix: 'api.ecr'
  },
  {
    signingName: 'lambda',
    shortName: 'lambda',
    eventSource: 'lambda.amazonaws.com',
    iamPrefix: 'lambda',
    hostPrefix: 'lambda',
    restProtocol: 'rest-json'
  },
  {
    signingName: 'monitoring',
    shortName: 'monitoring',
    eventSource: 'monitoring.amazonaws.com',
    iamPrefix: 'cloudwatch',
    hostPrefix: 'monitoring',
    xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/'
  },
  {
    signingName: 'events',
    shortName: 'events',
    eventSource: 'events.amazonaws.com',
    iamPrefix: 'events',
    hostPrefix: 'events'
  },
  {
    signingName: 'kinesis',
    shortName: 'kinesis',
    eventSource: 'kinesis.amazonaws.com',
    iamPrefix: 'kinesis',
    hostPrefix: 'kinesis'
  },
  {
    signingName: 'states',
    shortName: 'states',
    eventSource: 'states.amazonaws.com',
    iamPrefix: 'states',
    hostPrefix: 'states'
  },
  {
    signingName: 'ecs',
    shortName: 'ecs',
    eventSource: 'ecs.amazonaws.com',
    iamPrefix: 'ecs',
    hostPrefix: 'ecs'
  },
  {
    signingName: 'elasticloadbalancing',
    shortName: 'elasticloadbalancing',
    eventSource: 'elasticloadbalancing.amazonaws.com',
    iamPrefix: 'elasticloadbalancing',
    hostPrefix: 'elasticloadbalancing',
    xmlNamespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/'
  }
]

const JSON11: Protocol[] = ['json1.1']
const JSON10: Protocol[] = ['json1.0']
const CLOUDWATCH: Protocol[] = ['json1.0', 'query', 'rpcv2-cbor']

export const PROBE_OPERATIONS: ProbeOperation[] = [
  {
    signingName: 's3',
    operation: 'ListBuckets',
    eventName: 'ListBuckets',
    category: 'management',
    iamAction: 's3:ListAllMyBuckets',
    protocols: ['rest-xml'],
    route: { method: 'GET', path: /^\/$/ }
  },
  op('dynamodb', 'ListTables', JSON10, { TableNames: [] }),
  { ...op('sns', 'ListTopics', ['query']), emptyQueryLists: ['Topics'] },
  // Data event: CloudTrail Event history (LookupEvents) never returns it.
  { ...op('sqs', 'ListQueues', JSON10, {}), category: 'data' },
  op('sts', 'GetCallerIdentity', ['query']),
  op('kms', 'ListKeys', JSON11, { Keys: [], Truncated: false }),
  op('secretsmanager', 'ListSecrets', JSON11, { SecretList: [] }),
  op('ssm', 'DescribeParameters', JSON11, { Parameters: [] }),
  op('logs', 'DescribeLogGroups', JSON11, { logGroups: [] }),
  op('ecr', 'DescribeRepositories', JSON11, { repositories: [] }),
  op('ec2', 'DescribeRegions', ['ec2']),
  {
    signingName: 'lambda',
    operation: 'ListFunctions',
    eventName: 'ListFunctions20150331',
    category: 'management',
    iamAction: 'lambda:ListFunctions',
    protocols: ['rest-json'],
    route: { method: 'GET', path: /^\/2015-03-31\/functions\/?$/ },
    emptyResult: { Functions: [] }
  },
  {
    ...op('monitoring', 'DescribeAlarms', CLOUDWATCH, { MetricAlarms: [], CompositeAlarms: [] }),
    emptyQueryLists: ['MetricAlarms', 'CompositeAlarms']
  },
  {
    ...op('monitoring', 'ListMetrics', CLOUDWATCH, { Metrics: [] }),
    category: 'data',
    emptyQueryLists: ['Metrics']
  },
  op('events', 'ListRules', JSON11, { Rules: [] }),
  op('kinesis', 'ListStreams', JSON11, { StreamNames: [], HasMoreStreams: false }),
  op('states', 'ListStateMachines', JSON10, { stateMachines: [] }),
  op('ecs', 'ListClusters', JSON11, { clusterArns: [] }),
  { ...op('elasticloadbalancing', 'DescribeLoadBalancers', ['query']), emptyQueryLists: ['LoadBalancers'] }
]

function op(
  signingName: string,
  operation: string,
  protocols: Protocol[],
  emptyResult?: Record<string, unknown>
): ProbeOperation {
  const iamPrefix = serviceInfo(signingName)?.iamPrefix ?? signingName
  return {
    signingName,
    operation,
    eventName: operation,
    category: 'management',
    iamAction: `${iamPrefix}:${operation}`,
    protocols,
    ...(emptyResult === undefined ? {} : { emptyResult })
  }
}

export function serviceInfo(signingName: string): ServiceInfo | undefined {
  return SERVICES.find(s => s.signingName === signingName)
}

export function probeOperation(signingName: string, operation: string): ProbeOperation | undefined {
  return PROBE_OPERATIONS.find(p => p.signingName === signingName && p.operation === operation)
}

/** How CloudTrail names and classifies any call: the probe table, else the operation name as a management event. */
export function eventFacts(
  service: ServiceInfo,
  operation: string
): { eventName: string; category: 'management' | 'data'; iamAction: string; readOnly: boolean } {
  const probe = probeOperation(service.signingName, operation)
  // S3 bucket and object calls are data events (Event history never shows them), with their own IAM actions.
  const s3Action = service.signingName === 's3' ? S3_IAM_ACTIONS[operation] : undefined
  return {
    eventName: probe?.eventName ?? operation,
    category: probe?.category ?? (s3Action ? 'data' : 'management'),
    iamAction: probe?.iamAction ?? s3Action ?? `${service.iamPrefix}:${operation}`,
    readOnly: /^(Describe|List|Get|Lookup|AssumeRole)/.test(operation)
  }
}
