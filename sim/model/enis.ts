import { stableHex, stableId } from '../core/ids.js'
import type { SimVpc } from '../scenario.js'
import { intToIp, parseCidr } from './ipv4.js'

/** A network interface AWS creates for an interface (or GWLB) endpoint in one of its subnets. */
export interface DerivedEni {
  id: string
  vpcId: string
  subnetId: string
  availabilityZone: string | undefined
  privateIp: string
  endpointId: string
  interfaceType: 'vpc_endpoint' | 'gateway_load_balancer_endpoint'
  description: string
  macAddress: string
}

/** First host address handed out when the scenario gives none (AWS reserves the first four). */
const FIRST_HOST = 10

/**
 * One ENI per endpoint subnet, ids stable across calls, IPs from `eniIps` or the subnet's CIDR (never twice
 * the same in a subnet).
 */
export function endpointEnis(vpc: SimVpc): DerivedEni[] {
  const used = new Set<string>()
  for (const e of vpc.endpoints) for (const ip of Object.values(e.eniIps ?? {})) used.add(ip)
  const next = new Map<string, number>()
  const allocate = (subnetId: string): string => {
    const cidr = vpc.subnets.find(s => s.id === subnetId)?.cidr ?? vpc.cidr
    const { base, size } = parseCidr(cidr)
    let offset = next.get(subnetId) ?? FIRST_HOST
    let ip = intToIp(base + (offset % size))
    while (used.has(ip) && offset < FIRST_HOST + size) ip = intToIp(base + (++offset % size))
    next.set(subnetId, offset + 1)
    used.add(ip)
    return ip
  }
  const enis: DerivedEni[] = []
  for (const endpoint of vpc.endpoints) {
    if (endpoint.type === 'Gateway') continue
    for (const subnetId of endpoint.subnetIds ?? []) {
      const seed = `${endpoint.id}/${subnetId}`
      enis.push({
        id: stableId('eni', seed),
        vpcId: vpc.id,
        subnetId,
        availabilityZone: vpc.subnets.find(s => s.id === subnetId)?.availabilityZone,
        privateIp: endpoint.eniIps?.[subnetId] ?? allocate(subnetId),
        endpointId: endpoint.id,
        interfaceType: endpoint.type === 'Interface' ? 'vpc_endpoint' : 'gateway_load_balancer_endpoint',
        description: `VPC Endpoint Interface ${endpoint.id}`,
        macAddress: `02:${(stableHex(`mac/${seed}`, 10).match(/../g) ?? []).join(':')}`
      })
    }
  }
  return enis
}
