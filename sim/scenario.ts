import type { SimFault } from './core/faults.js'

/**
 * A simulated AWS account, as plain data. The loopback server (sim/server.ts) answers the real SDK clients
 * from it: EC2 (query/XML), STS (query/XML), CloudTrail LookupEvents (JSON 1.1) and the probe calls of the
 * services in the probe table. Scenarios are written by tests, the demo and the benchmark.
 *
 * Derived facts (so scenarios stay short and consistent, as in AWS):
 * - a Gateway endpoint's `routeTableIds` put an active route `destinationPrefixListId=<service pl> →
 *   gatewayId=<vpce>` into those tables, unless the table lists that route itself (e.g. `blackhole`);
 * - an Interface endpoint gets one ENI (interfaceType `vpc_endpoint`) per subnet in `subnetIds`, with the
 *   private IP from `eniIps[subnetId]` or one made from the subnet's CIDR.
 */
export interface SimScenario {
  accountId: string
  /** Default region of the account; every VPC states its own. */
  region: string
  /** The caller's ARN returned by GetCallerIdentity. */
  callerArn?: string
  vpcs: SimVpc[]
  /** AWS-managed prefix lists per region; defaults exist for s3 and dynamodb in every VPC's region. */
  prefixLists?: SimPrefixList[]
  /** IAM actions that answer an authorization error, e.g. `ec2:DescribeRouteTables`, `cloudtrail:LookupEvents`. */
  deny?: string[]
  /**
   * IAM actions answered with SignatureDoesNotMatch whose message echoes the canonical request, session
   * token included, as AWS documents it (to prove no channel publishes it).
   */
  signatureMismatch?: string[]
  /** The first N calls of an action are throttled (EC2 RequestLimitExceeded, CloudTrail ThrottlingException...). */
  throttleFirst?: Record<string, number>
  /**
   * Faults per action (keys as in `deny`), in the real wire format: see sim/core/faults.ts. For the
   * monotonicity test: less or worse data must never turn a finding into a pass.
   */
  faults?: Record<string, SimFault>
  /**
   * EC2's request token bucket per account and region (AWS's worked example: burst 100, refill 20/s);
   * past it EC2 answers RequestLimitExceeded. Unset: no EC2 rate limit.
   */
  ec2RequestLimit?: { burst: number; refillPerSecond: number }
  /** Added to every response, to make call counts visible as time in the benchmark. */
  latencyMs?: number
  /**
   * Hostile paging: these actions (`ec2:DescribeSubnets`, `cloudtrail:LookupEvents`) ignore the request's
   * NextToken and always answer the first page with the same next token, as a broken proxy would.
   */
  repeatNextToken?: string[]
  /** Largest page EC2 Describe* calls return (AWS: 1000 for DescribeVpcEndpoints); lower it to test paging. */
  ec2MaxPageSize?: number
  /** Evidence: how each service's probe traffic travels, keyed by probe-table short name (`sns`, `s3`, `ecr.api`). */
  traffic?: Record<string, SimTrafficPath>
  /** Evidence: CloudTrail delivery delay for recorded calls, ms (AWS: about 5 minutes on average). Default 0. */
  cloudTrailDelayMs?: number
  /** Services whose calls CloudTrail never records (to test the delivery timeout). */
  cloudTrailDrops?: string[]
  /** Reachability Analyzer (network insights paths and analyses): see sim/ec2/network-insights.ts. */
  reachability?: SimReachability
  /** S3 buckets, objects and server access logging (sim/s3/). */
  s3?: SimS3
  /** AWS/PrivateLinkEndpoints, derived from the calls served through Interface endpoints (sim/cloudwatch/). */
  privateLinkMetrics?: SimPrivateLinkMetrics
}

export interface SimReachability {
  /** How long an analysis stays `running`, on the simulator's clock (ms). Default 0. */
  analysisDelayMs?: number
  /**
   * The sources that exist (eni-/i- id → the subnet it sits in); a path from any other id is refused
   * (InvalidNetworkInterfaceID.NotFound / InvalidInstanceID.NotFound). Unset: any eni-/i- id, in the first
   * subnet of the destination's VPC.
   */
  sources?: Record<string, { subnetId: string }>
  /** Per destination (vpce- id): what the analysis answers. Default `{ found: true }` with derived hops. */
  outcomes?: Record<string, SimReachabilityOutcome>
}

export type SimReachabilityOutcome =
  | { found: true }
  | { found: false; explanations: SimExplanation[] }
  /** Status `failed` with this StatusMessage (and NetworkPathFound false, which then means nothing). */
  | { failed: string }

/** One Explanation of a blocked path (element names as in the EC2 Explanation shape). */
export interface SimExplanation {
  code: string
  direction?: 'ingress' | 'egress'
  componentId?: string
  networkInterfaceId?: string
  securityGroupIds?: string[]
  subnetId?: string
  routeTableId?: string
  vpcId?: string
}

export interface SimS3 {
  /** Buckets that exist (HeadBucket 200) besides those named below. */
  buckets?: string[]
  /** Server access logging per source bucket: its requests are logged into `logBucket`. */
  accessLogs?: Record<string, SimAccessLog>
  /** Objects per bucket (e.g. hand-written log objects), key → body. */
  objects?: Record<string, Record<string, string>>
  /** Largest ListObjectsV2 page (AWS: 1000); lower it to test paging. */
  maxKeys?: number
}

export interface SimAccessLog {
  logBucket: string
  prefix?: string
  /** SimplePrefix (default) or PartitionedPrefix with EventTime. */
  keyFormat?: 'simple' | 'partitioned'
  /** Delivery delay of each log object, ms (AWS: best effort, usually within a few hours). Default 0. */
  delayMs?: number
  /** The Remote IP logged (default: the S3 traffic path's source address, sim/traffic.ts). */
  remoteIp?: string
}

export interface SimPrivateLinkMetrics {
  /** How long after a call its datapoint can be read, ms (AWS: one-minute datapoints, delay undocumented). Default 0. */
  delayMs?: number
  /** The Subnet Id dimension of each endpoint's traffic (default: the endpoint's first subnet). */
  subnetIds?: Record<string, string>
  /** PacketsDropped / RstPacketsReceived per call, by endpoint id (default: none published). */
  packetsDropped?: Record<string, number>
  rstPacketsReceived?: Record<string, number>
}

/**
 * The path a probe took, which decides what CloudTrail writes:
 * `endpoint`: vpcEndpointId (and vpcEndpointAccountId) set, sourceIPAddress = the runner's private IP;
 * `nat` / `internet`: no vpcEndpointId, sourceIPAddress = a public IP.
 */
export interface SimTrafficPath {
  via: 'endpoint' | 'nat' | 'internet'
  /** For `endpoint`: the vpce id CloudTrail records (default: the VPC's endpoint for that service). */
  endpointId?: string
  /** For `endpoint`: the endpoint owner CloudTrail records as vpcEndpointAccountId (default: accountId). */
  endpointAccountId?: string
  /** The sourceIPAddress CloudTrail records (defaults: 10.0.1.25 via endpoint, 203.0.113.10 via NAT/internet). */
  sourceIp?: string
  /** Leave requestID out of the record (some services' records have none). */
  omitRequestId?: boolean
  /** Answer the probe with this HTTP error instead (e.g. 403 AccessDenied); CloudTrail still records it. */
  errorCode?: string
}

export interface SimVpc {
  id: string
  region: string
  cidr: string
  state?: string
  enableDnsSupport?: boolean
  enableDnsHostnames?: boolean
  subnets: SimSubnet[]
  routeTables: SimRouteTable[]
  endpoints: SimEndpoint[]
  /** NAT gateways (DescribeNatGateways); route them with `natGatewayId` routes. */
  natGateways?: SimNatGateway[]
}

export interface SimNatGateway {
  id: string
  subnetId: string
  /** Elastic IPs of a public NAT gateway: CloudTrail's sourceIPAddress for calls that leave through it. */
  publicIps: string[]
  privateIp?: string
  /** pending | failed | available | deleting | deleted (default available). */
  state?: string
  connectivityType?: 'public' | 'private'
}

export interface SimSubnet {
  id: string
  cidr: string
  availabilityZone?: string
}

export interface SimRouteTable {
  id: string
  main?: boolean
  /** Explicit subnet associations. */
  subnetIds?: string[]
  routes?: SimRoute[]
}

/** A route as EC2 describes it: one destination and one target (names as in the EC2 Route shape). */
export interface SimRoute {
  destinationCidrBlock?: string
  destinationIpv6CidrBlock?: string
  destinationPrefixListId?: string
  /** Internet gateway, virtual private gateway, gateway endpoint (vpce-) or `local`. */
  gatewayId?: string
  natGatewayId?: string
  instanceId?: string
  networkInterfaceId?: string
  transitGatewayId?: string
  vpcPeeringConnectionId?: string
  egressOnlyInternetGatewayId?: string
  carrierGatewayId?: string
  coreNetworkArn?: string
  localGatewayId?: string
  state?: 'active' | 'blackhole'
}

export interface SimEndpoint {
  id: string
  /** Full service name, com.amazonaws.<region>.<name>. */
  serviceName: string
  type: 'Interface' | 'Gateway' | 'GatewayLoadBalancer'
  /** Wire value, lowercase: available, pendingAcceptance, pending, rejected, failed, deleting, deleted, expired. */
  state?: string
  privateDnsEnabled?: boolean
  privateDnsOnlyForInboundResolverEndpoint?: boolean
  subnetIds?: string[]
  routeTableIds?: string[]
  /** Interface: the ENI private IP per subnet. */
  eniIps?: Record<string, string>
}

export interface SimPrefixList {
  id: string
  /** e.g. com.amazonaws.ap-northeast-1.s3 */
  name: string
  region: string
  cidrs: string[]
}
