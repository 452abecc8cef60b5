/**
 * What EC2 (and STS) said about one VPC, as plain data. The inventory builds it; checks only read it.
 * Every part is a `Fact`: either the value, or the reason it could not be read (so a check can say
 * `inconclusive` and name the IAM action instead of guessing).
 */
import type { Fact } from '../model/fact.js'

export type { Fact, FactProblem } from '../model/fact.js'

export interface VpcEndpoint {
  id: string
  type: string
  vpcId: string
  serviceName: string
  /** Lowercase as on the wire: pendingAcceptance, pending, available, deleting, deleted, rejected, failed, expired. */
  state: string
  privateDnsEnabled: boolean
  /** DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint */
  privateDnsOnlyForInboundResolverEndpoint: boolean
  routeTableIds: string[]
  subnetIds: string[]
  networkInterfaceIds: string[]
  dnsNames: string[]
  ownerId?: string
}

/** Where a route sends traffic: exactly one of these is set on the wire (EC2 Route shape). */
export interface RouteTargets {
  /** Internet gateway, virtual private gateway, gateway endpoint (vpce-), or `local`. */
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
  odbNetworkArn?: string
}

export interface Route extends RouteTargets {
  destinationCidrBlock?: string
  destinationIpv6CidrBlock?: string
  destinationPrefixListId?: string
  /** active | blackhole; empty when EC2 did not say (then no rule may assume it is active). */
  state: string
  origin?: string
}

export interface RouteTableAssociation {
  main: boolean
  subnetId?: string
  routeTableAssociationId?: string
}

export interface RouteTable {
  id: string
  vpcId: string
  routes: Route[]
  associations: RouteTableAssociation[]
}

export interface Subnet {
  id: string
  vpcId: string
  availabilityZone?: string
  cidrBlock?: string
}

export interface NetworkInterface {
  id: string
  subnetId: string
  interfaceType?: string
  privateIpAddresses: string[]
  ipv6Addresses: string[]
}

export interface PrefixList {
  id: string
  name: string
  cidrs: string[]
}

export interface NatGateway {
  id: string
  subnetId?: string
  /** pending | failed | available | deleting | deleted */
  state: string
  /** `public` or `private` (a private NAT gateway has no public address). */
  connectivityType?: string
  /** Public (Elastic) IPs: what CloudTrail shows as sourceIPAddress for calls that left through it. */
  publicIps: string[]
}

export interface VpcSnapshot {
  vpcId: string
  region: string
  /** Null when DescribeVpcs answered and the VPC is not there. */
  vpc: Fact<{ id: string; state: string; ownerId?: string } | null>
  enableDnsSupport: Fact<boolean>
  enableDnsHostnames: Fact<boolean>
  endpoints: Fact<VpcEndpoint[]>
  routeTables: Fact<RouteTable[]>
  subnets: Fact<Subnet[]>
  /** The ENIs of this VPC's interface endpoints. */
  networkInterfaces: Fact<NetworkInterface[]>
  /** AWS-managed prefix lists of the region (gateway services: s3, dynamodb). */
  prefixLists: Fact<PrefixList[]>
  /**
   * The VPC's NAT gateways (DescribeNatGateways): a record from one of their public IPs proves the call
   * left this VPC through its NAT. Absent when the inventory did not read them.
   */
  natGateways?: Fact<NatGateway[]>
  /** The caller's account (STS), when the manifest names one to assert. */
  callerAccount?: Fact<string>
}

export interface InventorySnapshot {
  vpcs: VpcSnapshot[]
  /** How many AWS API calls the inventory made, by `service:Operation` (for the benchmark and the report). */
  apiCalls: Record<string, number>
}
