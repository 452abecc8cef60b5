import { stableId } from '../core/ids.js'
import type { SimPrefixList, SimRoute, SimVpc } from '../scenario.js'

export interface DerivedRoute extends SimRoute {
  state: 'active' | 'blackhole'
  origin: 'CreateRouteTable' | 'CreateRoute'
}

export interface DerivedAssociation {
  id: string
  main: boolean
  subnetId?: string
}

export interface DerivedRouteTable {
  id: string
  vpcId: string
  routes: DerivedRoute[]
  associations: DerivedAssociation[]
}

/**
 * The route tables as EC2 shows them: the `local` route first, the scenario's routes, then the route AWS adds
 * for each gateway endpoint naming the table (prefix list → vpce), unless the table lists a route to that
 * prefix list itself (to model e.g. a blackhole).
 */
export function routeTablesOf(vpc: SimVpc, prefixLists: SimPrefixList[]): DerivedRouteTable[] {
  return vpc.routeTables.map(table => {
    const own: DerivedRoute[] = (table.routes ?? []).map(r => ({
      ...r,
      state: r.state ?? 'active',
      origin: 'CreateRoute'
    }))
    const endpointRoutes: DerivedRoute[] = []
    for (const endpoint of vpc.endpoints) {
      if (endpoint.type !== 'Gateway' || !(endpoint.routeTableIds ?? []).includes(table.id)) continue
      const prefixList = prefixLists.find(p => p.name === endpoint.serviceName)
      const destination = prefixList?.id ?? stableId('pl', endpoint.serviceName).slice(0, 11)
      if (own.some(r => r.destinationPrefixListId === destination)) continue
      endpointRoutes.push({
        destinationPrefixListId: destination,
        gatewayId: endpoint.id,
        state: 'active',
        origin: 'CreateRoute'
      })
    }
    const associations: DerivedAssociation[] = []
    if (table.main) associations.push({ id: stableId('rtbassoc', `${table.id}/main`), main: true })
    for (const subnetId of table.subnetIds ?? []) {
      associations.push({ id: stableId('rtbassoc', `${table.id}/${subnetId}`), main: false, subnetId })
    }
    return {
      id: table.id,
      vpcId: vpc.id,
      routes: [
        { destinationCidrBlock: vpc.cidr, gatewayId: 'local', state: 'active', origin: 'CreateRouteTable' },
        ...own,
        ...endpointRoutes
      ],
      associations
    }
  })
}
