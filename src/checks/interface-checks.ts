import type { VpcEndpoint, VpcSnapshot } from '../aws/snapshot.js'
import type { EndpointDeclaration } from '../manifest/types.js'
import { finding, type Subject } from './finding-builder.js'
import type { Finding } from '../model/finding.js'

/** `interface-private-dns`: with it off, the standard hostname resolves to public IPs and SDKs go around. */
export function checkInterfacePrivateDns(
  subject: Subject,
  decl: EndpointDeclaration,
  endpoint: VpcEndpoint
): Finding {
  if (!decl.privateDns) {
    return finding(
      'interface-private-dns',
      'skipped',
      subject,
      'private-dns: false is declared; clients must call the endpoint-specific DNS name.'
    )
  }
  return endpoint.privateDnsEnabled
    ? finding('interface-private-dns', 'pass', subject, `Private DNS is on for ${endpoint.id}.`)
    : finding(
        'interface-private-dns',
        'fail',
        subject,
        `Private DNS is off for ${endpoint.id}: ${decl.service}'s standard hostname resolves to public IPs, so SDK calls bypass the endpoint.`,
        { privateDnsEnabled: 'false' }
      )
}

/** `interface-subnet-eni`: every declared subnet has one of the endpoint's network interfaces. */
export function checkInterfaceSubnets(
  subject: Subject,
  decl: EndpointDeclaration,
  endpoint: VpcEndpoint,
  snap: VpcSnapshot
): Finding[] {
  if (decl.subnets.length === 0) return []
  const enis = snap.networkInterfaces.ok
    ? snap.networkInterfaces.value.filter(n => endpoint.networkInterfaceIds.includes(n.id))
    : []
  const subnetsWithEni = new Set([...endpoint.subnetIds, ...enis.map(n => n.subnetId)])
  const missing = decl.subnets.filter(s => !subnetsWithEni.has(s))
  const eniIds = enis.map(n => `${n.id} (${n.subnetId})`).join(', ')
  if (missing.length === 0) {
    return [
      finding(
        'interface-subnet-eni',
        'pass',
        subject,
        `${endpoint.id} has a network interface in each declared subnet (${decl.subnets.join(', ')}).`,
        eniIds ? { enis: eniIds } : {}
      )
    ]
  }
  return [
    finding(
      'interface-subnet-eni',
      'fail',
      subject,
      `${endpoint.id} has no network interface in ${missing.join(', ')}; it is in ${endpoint.subnetIds.join(', ') || 'no subnet'}.`,
      { 'missing-subnets': missing.join(', '), ...(eniIds ? { enis: eniIds } : {}) }
    )
  ]
}
