import { UserError } from '../core/errors.js'
import { didYouMean } from '../manifest/did-you-mean.js'
import type { EndpointDeclaration, SourceLocation } from '../manifest/types.js'
import { endpointVariant, serviceHost, type Env } from './probe-endpoint.js'

/**
 * The probe calls: per service, read-only calls without parameters that CloudTrail records as
 * *management* events (LookupEvents returns nothing else). Every shape below comes from
 * /work/shared/reference/aws/probe-candidates.md (botocore service models @ 0e6e2404, AWS SDK for
 * JavaScript v3, and each service's "Logging ... with CloudTrail" page, linked per entry).
 */

export type ProbeProtocol = 'query' | 'ec2' | 'json1.0' | 'json1.1' | 'rest-json' | 'rest-xml'

export interface ProbeRequestShape {
  method: 'GET' | 'POST'
  /** Path (and query) on the service host. */
  path: string
  /** Protocol headers (content type, X-Amz-Target); host and signing headers are added when sending. */
  headers: Record<string, string>
  body: string
}

export interface ProbeSpec {
  /** Probe-table short name, as in the manifest (`sns`, `ecr.api`, `monitoring`). */
  service: string
  operation: string
  protocol: ProbeProtocol
  /** SigV4 signing name (differs from the host prefix for ECR). */
  signingName: string
  request: ProbeRequestShape
  /** How CloudTrail names the call. Lambda's eventName carries an API version suffix. */
  cloudTrail: { eventSource: string; eventName: string; category: 'management' }
  /** The IAM action the probing credentials need. */
  iamAction: string
  /** The page that says CloudTrail logs this call. */
  loggedDoc: string
  /** True when that page names the operation; false when it only says all of the service's calls are logged. */
  namedInDoc: boolean
}

export interface ServiceProbes {
  service: string
  /** `<hostPrefix>.<region>.<partition dnsSuffix>` is the standard regional hostname. */
  hostPrefix: string
  /** Hostname quirks of the service's endpoint rules (see probe-endpoint.ts). */
  fipsPrefix?: string
  dualStack?: 'suffix' | 'label'
  /** The SDK's serviceId; `AWS_ENDPOINT_URL_<SERVICE_ID>` overrides the endpoint, as in the SDKs. */
  sdkServiceId: string
  /** IAM action prefix, also accepted as the service part of a manifest `probe:` value. */
  iamPrefix: string
  /** Usable probes; the first is the default. Empty when the service has none. */
  probes: ProbeSpec[]
  /** Why there is no probe (the endpoint then gets configuration and DNS checks only). */
  noProbeReason?: string
  /** Calls that look like probes but CloudTrail's Event history never shows (data events), with the reason. */
  unusable?: Record<string, string>
}

interface EntryInit {
  service: string
  hostPrefix?: string
  fipsPrefix?: string
  dualStack?: 'suffix' | 'label'
  sdkServiceId: string
  iamPrefix?: string
  signingName?: string
  eventSource?: string
  probes: Array<{
    operation: string
    request: { protocol: ProbeProtocol; shape: ProbeRequestShape }
    eventName?: string
    iamAction?: string
    loggedDoc: string
    namedInDoc: boolean
  }>
  noProbeReason?: string
  unusable?: Record<string, string>
}

const json = (version: '1.0' | '1.1', target: string, extra: Record<string, string> = {}) => ({
  protocol: `json${version}` as const,
  shape: {
    method: 'POST' as const,
    path: '/',
    headers: {
      'content-type': `application/x-amz-json-${version}`,
      'x-amz-target': target,
      ...extra
    },
    // The SDKs send `{}` for an operation without input.
    body: '{}'
  }
})

const query = (action: string, version: string, protocol: 'query' | 'ec2' = 'query') => ({
  protocol,
  shape: {
    method: 'POST' as const,
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: `Action=${action}&Version=${version}`
  }
})

const get = (path: string, protocol: 'rest-json' | 'rest-xml') => ({
  protocol,
  shape: { method: 'GET' as const, path, headers: {}, body: '' }
})

const DATA_EVENT =
  'CloudTrail records it as a data event: off by default and never in Event history, so LookupEvents cannot find it'

const entries: EntryInit[] = [
  {
    service: 's3',
    sdkServiceId: 'S3',
    // S3's rules: s3-fips.<region>…, s3.dualstack.<region>.amazonaws.com (not the api.aws suffix).
    dualStack: 'label',
    probes: [
      {
        operation: 'ListBuckets',
        request: get('/', 'rest-xml'),
        // ListBuckets is authorised by the s3:ListAllMyBuckets action.
        iamAction: 's3:ListAllMyBuckets',
        loggedDoc: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html',
        namedInDoc: true
      }
    ]
  },
  {
    service: 'dynamodb',
    sdkServiceId: 'DynamoDB',
    probes: [
      {
        operation: 'ListTables',
        request: json('1.0', 'DynamoDB_20120810.ListTables'),
        loggedDoc:
          'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/logging-using-cloudtrail.html',
        namedInDoc: true
      }
    ]
  },
  {
    service: 'sns',
    sdkServiceId: 'SNS',
    probes: [
      {
        operation: 'ListTopics',
        request: query('ListTopics', '2010-03-31'),
        loggedDoc: 'https://docs.aws.amazon.com/sns/latest/dg/sns-logging-using-cloudtrail.html',
        namedInDoc: true
      }
    ]
  },
  {
    service: 'sqs',
    sdkServiceId: 'SQS',
    probes: [],
    noProbeReason:
      'SQS has no read-only call without parameters that CloudTrail records as a management event ' +
      '(ListQueues is a data event; ListMessageMoveTasks needs a queue ARN), so this endpoint gets ' +
      'configuration and DNS checks only. See ' +
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/logging-using-cloudtrail.html',
    unusable: { ListQueues: DATA_EVENT }
  },
  {
    service: 'sts',
    sdkServiceId: 'STS',
    probes: [
      {
        operation: 'GetCallerIdentity',
        request: query('GetCallerIdentity', '2011-06-15'),
        loggedDoc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html',
        namedInDoc: true
      }
    ]
  },
  {
    service: 'kms',
    sdkServiceId: 'KMS',
    probes: [
      {
        operation: 'ListKeys',
        request: json('1.1', 'TrentService.ListKeys'),
        loggedDoc: 'https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html',
        namedInDoc: true
      }
    ]
  },
  {
    service: 'secretsmanager',
    sdkServiceId: 'Secrets Manager',
    probes: [
      {
        operation: 'ListSecrets',
        request: json('1.1', 'secretsmanager.ListSecrets'),
        loggedDoc: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieve-ct-entries.html',
        namedInDoc: true
      }
    ]
  },
  {
    service: 'ssm',
    sdkServiceId: 'SSM',
    probes: [
      {
        operation: 'DescribeParameters',
        request: json('1.1', 'AmazonSSM.DescribeParameters'),
        loggedDoc:
          'https://docs.aws.amazon.com/systems-manager/latest/userguide/monitoring-cloudtrail-logs.html',
        namedInDoc: false
      }
    ]
  },
  {
    service: 'logs',
    sdkServiceId: 'CloudWatch Logs',
    probes: [
      {
        operation: 'DescribeLogGroups',
        request: json('1.1', 'Logs_20140328.DescribeLogGroups'),
        loggedDoc: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/logging_cw_api_calls_cwl.html',
        namedInDoc: true
      }
    ]
  },
  {
    service: 'ecr.api',
    hostPrefix: 'api.ecr',
    // ECR's FIPS hosts are ecr-fips.<region>.amazonaws.com.
    fipsPrefix: 'ecr-fips',
    sdkServiceId: 'ECR',
    iamPrefix: 'ecr',
    signingName: 'ecr',
    eventSource: 'ecr.amazonaws.com',
    probes: [
      {
        operation: 'DescribeRepositories',
        request: json('1.1', 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories'),
        loggedDoc: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/logging-using-cloudtrail.html',
        namedInDoc: false
      }
    ]
  },
  {
    service: 'ec2',
    sdkServiceId: 'EC2',
    probes: [
      {
        operation: 'DescribeRegions',
        request: query('DescribeRegions', '2016-11-15', 'ec2'),
        loggedDoc: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/monitor-with-cloudtrail.html',
        namedInDoc: false
      }
    ]
  },
  {
    service: 'lambda',
    sdkServiceId: 'Lambda',
    probes: [
      {
        operation: 'ListFunctions',
        request: get('/2015-03-31/functions', 'rest-json'),
        // The Lambda page: "eventName might include date and version information".
        eventName: 'ListFunctions20150331',
        loggedDoc: 'https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html',
        namedInDoc: true
      }
    ]
  },
  {
    service: 'monitoring',
    sdkServiceId: 'CloudWatch',
    iamPrefix: 'cloudwatch',
    // The JavaScript SDK speaks JSON 1.0 to CloudWatch, with the query-compatibility header.
    probes: ['DescribeAlarms', 'ListDashboards', 'ListMetricStreams'].map(operation => ({
      operation,
      request: json('1.0', `GraniteServiceVersion20100801.${operation}`, { 'x-amzn-query-mode': 'true' }),
      loggedDoc: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/logging_cw_api_calls.html',
      namedInDoc: true
    })),
    unusable: { ListMetrics: DATA_EVENT, GetMetricData: DATA_EVENT, GetMetricStatistics: DATA_EVENT }
  },
  {
    service: 'events',
    sdkServiceId: 'EventBridge',
    probes: [
      {
        operation: 'ListRules',
        request: json('1.1', 'AWSEvents.ListRules'),
        loggedDoc: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-logging-monitoring.html',
        namedInDoc: true
      }
    ]
  },
  {
    service: 'kinesis',
    sdkServiceId: 'Kinesis',
    probes: [
      {
        operation: 'ListStreams',
        request: json('1.1', 'Kinesis_20131202.ListStreams'),
        loggedDoc: 'https://docs.aws.amazon.com/streams/latest/dev/logging-using-cloudtrail.html',
        namedInDoc: true
      }
    ]
  },
  {
    service: 'states',
    sdkServiceId: 'SFN',
    probes: [
      {
        operation: 'ListStateMachines',
        request: json('1.0', 'AWSStepFunctions.ListStateMachines'),
        loggedDoc: 'https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cloud-trail.html',
        namedInDoc: false
      }
    ]
  },
  {
    service: 'ecs',
    sdkServiceId: 'ECS',
    probes: [
      {
        operation: 'ListClusters',
        request: json('1.1', 'AmazonEC2ContainerServiceV20141113.ListClusters'),
        loggedDoc:
          'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/logging-using-cloudtrail.html',
        namedInDoc: false
      }
    ]
  },
  {
    service: 'elasticloadbalancing',
    sdkServiceId: 'Elastic Load Balancing v2',
    probes: [
      {
        operation: 'DescribeLoadBalancers',
        request: query('DescribeLoadBalancers', '2015-12-01'),
        loggedDoc:
          'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-cloudtrail-logs.html',
        namedInDoc: false
      }
    ]
  }
]

function build(init: EntryInit): ServiceProbes {
  const hostPrefix = init.hostPrefix ?? init.service
  const iamPrefix = init.iamPrefix ?? init.service
  const signingName = init.signingName ?? init.service
  const eventSource = init.eventSource ?? `${hostPrefix}.amazonaws.com`
  return {
    service: init.service,
    hostPrefix,
    ...(init.fipsPrefix ? { fipsPrefix: init.fipsPrefix } : {}),
    ...(init.dualStack ? { dualStack: init.dualStack } : {}),
    sdkServiceId: init.sdkServiceId,
    iamPrefix,
    probes: init.probes.map(p => ({
      service: init.service,
      operation: p.operation,
      protocol: p.request.protocol,
      signingName,
      request: p.request.shape,
      cloudTrail: { eventSource, eventName: p.eventName ?? p.operation, category: 'management' },
      iamAction: p.iamAction ?? `${iamPrefix}:${p.operation}`,
      loggedDoc: p.loggedDoc,
      namedInDoc: p.namedInDoc
    })),
    ...(init.noProbeReason !== undefined ? { noProbeReason: init.noProbeReason } : {}),
    ...(init.unusable !== undefined ? { unusable: init.unusable } : {})
  }
}

/** The probe table, keyed by short service name. */
export const probeTable: ReadonlyMap<string, ServiceProbes> = new Map(entries.map(e => [e.service, build(e)]))

export function serviceProbes(service: string): ServiceProbes | undefined {
  return probeTable.get(service)
}

/**
 * The regional hostname the workload's SDK would call (what DNS and routing decide for): the SDK's
 * partition data and FIPS / dual-stack settings (probe-endpoint.ts). Without `env`, the plain variant.
 */
export function standardHost(service: string, region: string, env: Env = {}): string | undefined {
  const entry = probeTable.get(service)
  return entry && serviceHost(entry, region, endpointVariant(env))
}

export type ProbeResolution =
  | { kind: 'probe'; probe: ProbeSpec }
  /** `probe: false` in the manifest. */
  | { kind: 'skipped'; reason: string }
  /** No probe exists for this service (unknown, or no management-event call). */
  | { kind: 'none'; reason: string }

function where(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`
}

/**
 * The probe to send for a declared endpoint. An explicit `probe:` that the table does not offer is a
 * manifest error (UserError naming the manifest location), so a typo never silently turns into no evidence.
 */
export function resolveProbe(decl: EndpointDeclaration): ProbeResolution {
  if (decl.probe === false) return { kind: 'skipped', reason: '`probe: false` in the manifest' }
  const entry = probeTable.get(decl.service)
  if (decl.probe === undefined) {
    if (!entry) {
      return {
        kind: 'none',
        reason: `vpce-proof has no probe for service "${decl.service}"; this endpoint gets configuration checks only`
      }
    }
    const first = entry.probes[0]
    if (first) return { kind: 'probe', probe: first }
    return { kind: 'none', reason: entry.noProbeReason ?? `no probe for ${decl.service}` }
  }
  return { kind: 'probe', probe: explicitProbe(decl, decl.probe, entry) }
}

function explicitProbe(
  decl: EndpointDeclaration,
  value: string,
  entry: ServiceProbes | undefined
): ProbeSpec {
  const checked = checkProbe(decl.service, value)
  if (checked.probe && entry) return checked.probe
  throw new UserError(`${where(decl.location)}: ${checked.problem ?? `probe "${value}" is not usable`}`)
}

/** The probes a service offers, as a manifest spells them (`sns:ListTopics`). */
export function offeredProbes(service: string): string[] {
  const entry = probeTable.get(service)
  return entry?.probes.map(p => `${entry.iamPrefix}:${p.operation}`) ?? []
}

/**
 * Whether an explicit `probe:` value names a probe the table offers for the endpoint's service, else what is
 * wrong with it, with the closest offered probe when there is one. The manifest loader asks this in every
 * mode, so a bad `probe:` is a located manifest error before anything is sent.
 */
export function checkProbe(service: string, value: string): { probe?: ProbeSpec; problem?: string } {
  const entry = probeTable.get(service)
  const offered = offeredProbes(service)
  const offer =
    offered.length > 0
      ? `; choose one of: ${offered.join(', ')}`
      : '; remove `probe` or set it to false (the endpoint keeps its configuration and DNS checks)'
  if (!entry) {
    return {
      problem: `probe "${value}": vpce-proof has no probe for service "${service}" (remove \`probe\` or set it to false)`
    }
  }
  const match = /^([^:\s]+):([^:\s]+)$/.exec(value.trim())
  if (!match) return { problem: `probe "${value}" must look like service:Operation${offer}` }
  const [, svc = '', op = ''] = match
  const svcLower = svc.toLowerCase()
  if (svcLower !== entry.service && svcLower !== entry.iamPrefix) {
    return {
      problem: `probe "${value}" calls another service than the endpoint's (${service}); a probe must go to the endpoint's own service${offer}`
    }
  }
  const probe = entry.probes.find(p => p.operation.toLowerCase() === op.toLowerCase())
  if (probe) return { probe }
  const unusable = Object.entries(entry.unusable ?? {}).find(
    ([name]) => name.toLowerCase() === op.toLowerCase()
  )
  if (unusable) return { problem: `probe "${value}" cannot be used: ${unusable[1]}${offer}` }
  const close = didYouMean(`${entry.iamPrefix}:${op}`, offered)
  const hint = close === undefined ? '' : ` (did you mean \`${close}\`?)`
  return { problem: `probe "${value}" is not in vpce-proof's probe table${hint}${offer}` }
}
