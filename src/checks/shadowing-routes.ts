import ipaddr from 'ipaddr.js'
import type { Route } from '../aws/snapshot.js'

/**
 * Routes that win over the gateway endpoint route for part of the service's addresses. EC2 picks the
 * longest prefix, and a static CIDR route beats a prefix-list route of the same length, so a route at
 * least as specific as one of the prefix list's CIDRs, inside it, takes that traffic past the endpoint.
 */
export function shadowingRoutes(
  routes: readonly Route[],
  prefixListCidrs: readonly string[],
  endpointId: string
): Route[] {
  const lists = prefixListCidrs.flatMap(parseCidr)
  return routes.filter(route => {
    if (route.gatewayId === endpointId || route.state !== 'active' || !route.destinationCidrBlock)
      return false
    const [dest] = parseCidr(route.destinationCidrBlock)
    if (!dest) return false
    return lists.some(
      ([net, bits]) => dest[0].kind() === net.kind() && dest[1] >= bits && dest[0].match(net, bits)
    )
  })
}

function parseCidr(cidr: string): [ipaddr.IPv4 | ipaddr.IPv6, number][] {
  try {
    return [ipaddr.parseCIDR(cidr)]
  } catch {
    return []
  }
}
