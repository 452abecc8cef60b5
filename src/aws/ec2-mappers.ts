import type {
  NatGateway as Ec2NatGateway,
  NetworkInterface as Ec2NetworkInterface,
  PrefixList as Ec2PrefixList,
  Route as Ec2Route,
  RouteTable as Ec2RouteTable,
  Subnet as Ec2Subnet,
  VpcEndpoint as Ec2VpcEndpoint
} from '@aws-sdk/client-ec2'
import type {
  NatGateway,
  NetworkInterface,
  PrefixList,
  RouteTable,
  RouteTargets,
  Subnet,
  VpcEndpoint
} from './snapshot.js'

/** SDK shapes → the snapshot's plain data; only the fields checks read, with empty lists for absent ones. */

export function toEndpoint(e: Ec2VpcEndpoint): VpcEndpoint {
  return {
    id: e.VpcEndpointId ?? '',
    type: e.VpcEndpointType ?? '',
    vpcId: e.VpcId ?? '',
    serviceName: e.ServiceName ?? '',
    // The model's enum is capitalised, the wire is not (reference/aws README): compare lowercase.
    state: (e.State ?? '').toLowerCase(),
    privateDnsEnabled: e.PrivateDnsEnabled === true,
    privateDnsOnlyForInboundResolverEndpoint: e.DnsOptions?.PrivateDnsOnlyForInboundResolverEndpoint === true,
    routeTableIds: e.RouteTableIds ?? [],
    subnetIds: e.SubnetIds ?? [],
    networkInterfaceIds: e.NetworkInterfaceIds ?? [],
    dnsNames: (e.DnsEntries ?? []).map(d => d.DnsName ?? '').filter(Boolean),
    ...(e.OwnerId ? { ownerId: e.OwnerId } : {})
  }
}

export function toRouteTable(t: Ec2RouteTable): RouteTable {
  return {
    id: t.RouteTableId ?? '',
    vpcId: t.VpcId ?? '',
    routes: (t.Routes ?? []).map(r => ({
      ...(r.DestinationCidrBlock ? { destinationCidrBlock: r.DestinationCidrBlock } : {}),
      ...(r.DestinationIpv6CidrBlock ? { destinationIpv6CidrBlock: r.DestinationIpv6CidrBlock } : {}),
      ...(r.DestinationPrefixListId ? { destinationPrefixListId: r.DestinationPrefixListId } : {}),
      ...routeTargets(r),
      // Absent is not "active": a route whose state EC2 did not report cannot pass a check.
      state: (r.State ?? '').toLowerCase(),
      ...(r.Origin ? { origin: r.Origin } : {})
    })),
    associations: (t.Associations ?? []).map(a => ({
      main: a.Main === true,
      ...(a.SubnetId ? { subnetId: a.SubnetId } : {}),
      ...(a.RouteTableAssociationId ? { routeTableAssociationId: a.RouteTableAssociationId } : {})
    }))
  }
}

export function toSubnet(s: Ec2Subnet): Subnet {
  return {
    id: s.SubnetId ?? '',
    vpcId: s.VpcId ?? '',
    ...(s.AvailabilityZone ? { availabilityZone: s.AvailabilityZone } : {}),
    ...(s.CidrBlock ? { cidrBlock: s.CidrBlock } : {})
  }
}

export function toNetworkInterface(n: Ec2NetworkInterface): NetworkInterface {
  const privateIps = (n.PrivateIpAddresses ?? []).map(p => p.PrivateIpAddress ?? '').filter(Boolean)
  if (privateIps.length === 0 && n.PrivateIpAddress) privateIps.push(n.PrivateIpAddress)
  return {
    id: n.NetworkInterfaceId ?? '',
    subnetId: n.SubnetId ?? '',
    ...(n.InterfaceType ? { interfaceType: n.InterfaceType } : {}),
    privateIpAddresses: privateIps,
    ipv6Addresses: (n.Ipv6Addresses ?? []).map(a => a.Ipv6Address ?? '').filter(Boolean)
  }
}

export function toPrefixList(p: Ec2PrefixList): PrefixList {
  return { id: p.PrefixListId ?? '', name: p.PrefixListName ?? '', cidrs: p.Cidrs ?? [] }
}

/** Every target a route can name, kept so a shadowing route is reported with what it points at. */
function routeTargets(r: Ec2Route): RouteTargets {
  const targets: RouteTargets = {}
  const set = (key: keyof RouteTargets, value: string | undefined) => {
    if (value) targets[key] = value
  }
  set('gatewayId', r.GatewayId)
  set('natGatewayId', r.NatGatewayId)
  set('instanceId', r.InstanceId)
  set('networkInterfaceId', r.NetworkInterfaceId)
  set('transitGatewayId', r.TransitGatewayId)
  set('vpcPeeringConnectionId', r.VpcPeeringConnectionId)
  set('egressOnlyInternetGatewayId', r.EgressOnlyInternetGatewayId)
  set('carrierGatewayId', r.CarrierGatewayId)
  set('coreNetworkArn', r.CoreNetworkArn)
  set('localGatewayId', r.LocalGatewayId)
  set('odbNetworkArn', r.OdbNetworkArn)
  return targets
}

export function toNatGateway(n: Ec2NatGateway): NatGateway & { vpcId: string } {
  return {
    id: n.NatGatewayId ?? '',
    vpcId: n.VpcId ?? '',
    ...(n.SubnetId ? { subnetId: n.SubnetId } : {}),
    state: (n.State ?? '').toLowerCase(),
    ...(n.ConnectivityType ? { connectivityType: n.ConnectivityType } : {}),
    publicIps: (n.NatGatewayAddresses ?? []).map(a => a.PublicIp ?? '').filter(Boolean)
  }
}
