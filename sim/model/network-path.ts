import type { SimPrefixList, SimVpc } from '../scenario.js'
import { endpointEnis } from './enis.js'
import { routeTablesOf } from './route-tables.js'
import { defaultGroupId } from '../ec2/region.js'

/** One PathComponent of a found path, in the simulator's terms (rendered to XML by the handler). */
export interface SimHop {
  componentId: string
  subnetId?: string
  vpcId?: string
  route?: { destinationCidr?: string; destinationPrefixListId?: string; gatewayId: string }
  securityGroupRule?: {
    direction: 'ingress' | 'egress'
    protocol: string
    from: number
    to: number
    cidr: string
  }
}

/**
 * The path AWS would report from a source in `subnetId` to an endpoint of this VPC (no AWS sample of a
 * reachable path to an endpoint exists: the shape follows the PathComponent model): the source, its
 * security group's egress rule, the subnet's route table (explicit association, else the main table) with
 * the route used, then for an Interface endpoint its network interface and that interface's ingress rule,
 * and the endpoint.
 */
export function derivedPath(
  vpc: SimVpc,
  prefixLists: SimPrefixList[],
  source: { id: string; subnetId: string },
  endpointId: string,
  port: number
): SimHop[] {
  const endpoint = vpc.endpoints.find(e => e.id === endpointId)
  const hops: SimHop[] = [{ componentId: source.id, subnetId: source.subnetId, vpcId: vpc.id }]
  const group = defaultGroupId(vpc)
  hops.push({
    componentId: group,
    vpcId: vpc.id,
    securityGroupRule: { direction: 'egress', protocol: 'all', from: 0, to: 65535, cidr: '0.0.0.0/0' }
  })
  const tables = routeTablesOf(vpc, prefixLists)
  const table =
    tables.find(t => t.associations.some(a => a.subnetId === source.subnetId)) ??
    tables.find(t => t.associations.some(a => a.main))
  if (table) {
    const route =
      endpoint?.type === 'Gateway'
        ? table.routes.find(r => r.gatewayId === endpointId)
        : table.routes.find(r => r.gatewayId === 'local')
    hops.push({
      componentId: table.id,
      vpcId: vpc.id,
      ...(route
        ? {
            route: {
              ...(route.destinationCidrBlock ? { destinationCidr: route.destinationCidrBlock } : {}),
              ...(route.destinationPrefixListId
                ? { destinationPrefixListId: route.destinationPrefixListId }
                : {}),
              gatewayId: route.gatewayId ?? ''
            }
          }
        : {})
    })
  }
  if (endpoint?.type === 'Interface') {
    const enis = endpointEnis(vpc).filter(e => e.endpointId === endpointId)
    const eni = enis.find(e => e.subnetId === source.subnetId) ?? enis[0]
    if (eni) {
      hops.push({ componentId: eni.id, subnetId: eni.subnetId, vpcId: vpc.id })
      hops.push({
        componentId: group,
        vpcId: vpc.id,
        securityGroupRule: { direction: 'ingress', protocol: 'tcp', from: port, to: port, cidr: vpc.cidr }
      })
    }
  }
  hops.push({ componentId: endpointId, vpcId: vpc.id })
  return hops
}
