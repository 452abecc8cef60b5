import ipaddr from 'ipaddr.js'

/**
 * `private`: RFC 1918, 100.64.0.0/10 (VPCs may use it), link-local, loopback, IPv6 unique-local;
 * `in-vpc`: inside one of the VPC's CIDRs (VPCs may use non-RFC 1918 ranges);
 * `ipv6-global`: a global IPv6 address, which cannot be told apart (VPC IPv6 ranges are global too);
 * `not-an-ip`: CloudTrail's `AWS Internal`, a service name, or a documentation placeholder.
 */
export type IpClass = 'private' | 'in-vpc' | 'public' | 'ipv6-global' | 'not-an-ip'

const PRIVATE_V4 = new Set(['private', 'carrierGradeNat', 'linkLocal', 'loopback'])
const PRIVATE_V6 = new Set(['uniqueLocal', 'linkLocal', 'loopback'])

/** Strict parse: dotted decimal IPv4 (no octal forms like `172.01.01.001`) or IPv6; mapped IPv4 unwrapped. */
export function parseIp(value: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const v = value.trim()
  if (ipaddr.IPv4.isValidFourPartDecimal(v)) return ipaddr.IPv4.parse(v)
  if (!v.includes(':') || !ipaddr.IPv6.isValid(v)) return undefined
  const v6 = ipaddr.IPv6.parse(v)
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6
}

function inCidrs(ip: ipaddr.IPv4 | ipaddr.IPv6, cidrs: readonly string[]): boolean {
  for (const cidr of cidrs) {
    try {
      const [net, bits] = ipaddr.parseCIDR(cidr)
      if (net.kind() === ip.kind() && ip.match([net, bits] as [typeof ip, number])) return true
    } catch {
      // An unparseable CIDR from the inventory says nothing about this address.
    }
  }
  return false
}

export function classifyIp(value: string | undefined, vpcCidrs: readonly string[] = []): IpClass {
  if (value === undefined) return 'not-an-ip'
  const ip = parseIp(value)
  if (!ip) return 'not-an-ip'
  if (inCidrs(ip, vpcCidrs)) return 'in-vpc'
  if (ip.kind() === 'ipv4') return PRIVATE_V4.has(ip.range()) ? 'private' : 'public'
  const range = ip.range()
  if (PRIVATE_V6.has(range)) return 'private'
  return range === 'unicast' ? 'ipv6-global' : 'public'
}

/** Canonical text form, so `2001:db8::1` and `2001:0db8:0:0:0:0:0:1` compare equal. */
export function normaliseIp(value: string): string {
  const ip = parseIp(value)
  return ip ? ip.toNormalizedString() : value.trim()
}
