import type { Route, RouteTargets } from '../aws/snapshot.js'

const KINDS: readonly [keyof RouteTargets, string][] = [
  ['natGatewayId', 'NAT gateway'],
  ['instanceId', 'instance'],
  ['networkInterfaceId', 'network interface'],
  ['transitGatewayId', 'transit gateway'],
  ['vpcPeeringConnectionId', 'peering connection'],
  ['egressOnlyInternetGatewayId', 'egress-only internet gateway'],
  ['carrierGatewayId', 'carrier gateway'],
  ['coreNetworkArn', 'core network'],
  ['localGatewayId', 'local gateway'],
  ['odbNetworkArn', 'ODB network'],
  ['gatewayId', 'gateway']
]

function gatewayKind(id: string): string {
  if (id === 'local') return 'local (inside the VPC)'
  if (id.startsWith('igw-')) return 'internet gateway'
  if (id.startsWith('vgw-')) return 'virtual private gateway'
  if (id.startsWith('vpce-')) return 'VPC endpoint'
  return 'gateway'
}

/**
 * What a route points at, named for a person: "NAT gateway nat-0abc", "transit gateway tgw-0abc",
 * "local (inside the VPC)". A route with no target EC2 reported says so rather than guessing one.
 */
export function describeRouteTarget(route: Route): string {
  for (const [key, kind] of KINDS) {
    const id = route[key]
    if (!id) continue
    if (key !== 'gatewayId') return `${kind} ${id}`
    return id === 'local' ? gatewayKind(id) : `${gatewayKind(id)} ${id}`
  }
  return 'a target EC2 did not report'
}
