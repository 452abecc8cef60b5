import ipaddr from 'ipaddr.js'
import type { Route } from '../aws/snapshot.js'

/**
 * Routes that win over the gateway endpoint route for part of the service's addresses. EC2 picks the
 * longest prefix, and a static CIDR route beats a prefix-list route of the same length, so a route at
 * least as specific as one of the prefix list's CIDRs, inside it, takes that traffic past the endpoint.
 * Only a blackhole route is left out (it drops rather than diverts); a route whose state EC2 did not
 * report is kept, since it may well be active.
 */
export function shadowingRoutes(
  routes: readonly Route[],
  prefixListCidrs: readonly string[],
  endpointId: string
): Route[] {
  const lists = parsedList(prefixListCidrs)
  return routes.filter(route => {
    if (route.gatewayId === endpointId || route.state === 'blackhole') return false
    const destination = route.destinationCidrBlock ?? route.destinationIpv6CidrBlock
    if (!destination) return false
    const [dest] = parseCidr(destination)
    if (!dest) return false
    return lists.some(
      ([net, bits]) => dest[0].kind() === net.kind() && dest[1] >= bits && dest[0].match(net, bits)
    )
  })
}

type Parsed = [ipaddr.IPv4 | ipaddr.IPv6, number]
const parsedLists = new WeakMap<readonly string[], Parsed[]>()

/** A prefix list's CIDRs are parsed once, however many tables are checked against them. */
function parsedList(cidrs: readonly string[]): Parsed[] {
  let parsed = parsedLists.get(cidrs)
  if (!parsed) {
    parsed = cidrs.flatMap(parseCidr)
    parsedLists.set(cidrs, parsed)
  }
  return parsed
}

/** CIDRs of a prefix list that do not parse: a list with any of them cannot prove "no shadowing". */
export function unparsableCidrs(cidrs: readonly string[]): string[] {
  return cidrs.filter(c => parseCidr(c).length === 0)
}

function parseCidr(cidr: string): Parsed[] {
  try {
    // Pick the family first: ipaddr.parseCIDR tries IPv6 and throws before IPv4, slow over many routes.
    return [cidr.includes(':') ? ipaddr.IPv6.parseCIDR(cidr) : ipaddr.IPv4.parseCIDR(cidr)]
  } catch {
    return []
  }
}
