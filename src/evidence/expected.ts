import type { VpcEndpoint, VpcSnapshot } from '../aws/snapshot.js'
import { matchEndpoint } from '../checks/match-endpoint.js'
import type { VpcDeclaration } from '../manifest/types.js'
import type { ExpectedPath } from './judge.js'
import type { DnsExpectation } from './judge-dns.js'
import type { EndpointLink } from './probe-record.js'

/** The declared endpoint as the inventory saw it: by pinned id, else by service name (declared type first). */
export function declaredEndpoint(
  link: EndpointLink,
  snapshot: VpcSnapshot | undefined
): VpcEndpoint | undefined {
  if (!snapshot?.endpoints.ok) return undefined
  // The same choice as the configuration checks, so both halves speak of one endpoint.
  return matchEndpoint(
    {
      serviceName: link.serviceName,
      service: link.service,
      type: link.type,
      ...(link.declaredEndpointId ? { id: link.declaredEndpointId } : {}),
      privateDns: link.privateDns,
      subnets: [],
      routeTables: [],
      location: link.location
    },
    snapshot.endpoints.value
  )
}

function unknownEndpointReason(snapshot: VpcSnapshot | undefined): string {
  if (!snapshot) return 'no inventory of the VPC was taken'
  if (!snapshot.endpoints.ok) {
    const p = snapshot.endpoints.problem
    return `${p.action} ${p.kind === 'denied' ? 'was denied' : 'failed'}: ${p.code}`
  }
  return 'the inventory found no such endpoint in the VPC'
}

/** What a record must show for this endpoint: its id, its owner, the VPC's address ranges. */
export function expectedPath(
  link: EndpointLink,
  snapshot: VpcSnapshot | undefined,
  vpc: VpcDeclaration | undefined
): ExpectedPath {
  const endpoint = declaredEndpoint(link, snapshot)
  const endpointId = link.declaredEndpointId ?? endpoint?.id
  const vpcOwner = snapshot?.vpc.ok ? snapshot.vpc.value?.ownerId : undefined
  const caller = snapshot?.callerAccount?.ok ? snapshot.callerAccount.value : undefined
  const accountId = endpoint?.ownerId ?? vpc?.account ?? vpcOwner ?? caller
  const endpointIdProblem = endpointId ? undefined : unknownEndpointReason(snapshot)
  const vpcCidrs = snapshot?.subnets.ok
    ? snapshot.subnets.value.flatMap(s => (s.cidrBlock ? [s.cidrBlock] : []))
    : undefined
  return {
    ...(endpointId ? { endpointId } : {}),
    ...(endpointIdProblem ? { endpointIdProblem } : {}),
    ...(accountId ? { accountId } : {}),
    ...(vpcCidrs && vpcCidrs.length > 0 ? { vpcCidrs } : {})
  }
}

/** The addresses the service hostname should resolve to: the private IPs of the endpoint's ENIs. */
export function dnsExpectation(link: EndpointLink, snapshot: VpcSnapshot | undefined): DnsExpectation {
  const endpoint = declaredEndpoint(link, snapshot)
  const endpointId = link.declaredEndpointId ?? endpoint?.id
  const base: DnsExpectation = {
    ...(endpointId ? { endpointId } : {}),
    ...(endpoint?.privateDnsOnlyForInboundResolverEndpoint
      ? { privateDnsOnlyForInboundResolverEndpoint: true }
      : {})
  }
  if (!snapshot) return { ...base, eniIpsProblem: 'no inventory of the VPC was taken' }
  if (!snapshot.endpoints.ok) return { ...base, eniIpsProblem: `${snapshot.endpoints.problem.action} failed` }
  if (!endpoint) return { ...base, eniIpsProblem: 'the endpoint was not found in the VPC' }
  if (!snapshot.networkInterfaces.ok) {
    return { ...base, eniIpsProblem: `${snapshot.networkInterfaces.problem.action} failed` }
  }
  const ids = new Set(endpoint.networkInterfaceIds)
  const eniIps = snapshot.networkInterfaces.value
    .filter(n => ids.has(n.id))
    .flatMap(n => [...n.privateIpAddresses, ...n.ipv6Addresses])
  return { ...base, eniIps }
}
