import type { NetworkInterface, PrefixList, RouteTable, Subnet, VpcEndpoint } from '../aws/snapshot.js'

/**
 * Lookups built once per fact list (the snapshot's arrays never change after the inventory), so every
 * rule stays linear in the size of the VPC: 10,000 endpoints must not mean 10,000 scans of 10,000.
 */
function memo<T extends object, I>(build: (list: T) => I): (list: T) => I {
  const cache = new WeakMap<T, I>()
  return list => {
    let index = cache.get(list)
    if (index === undefined) {
      index = build(list)
      cache.set(list, index)
    }
    return index
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = map.get(k)
    if (group) group.push(item)
    else map.set(k, [item])
  }
  return map
}

export interface EndpointIndex {
  byId: Map<string, VpcEndpoint>
  byServiceName: Map<string, VpcEndpoint[]>
}

export const endpointIndex = memo((endpoints: readonly VpcEndpoint[]): EndpointIndex => ({
  byId: new Map(endpoints.map(e => [e.id, e])),
  byServiceName: groupBy(endpoints, e => e.serviceName)
}))

export const interfacesById = memo(
  (enis: readonly NetworkInterface[]): Map<string, NetworkInterface> => new Map(enis.map(n => [n.id, n]))
)

export const subnetsById = memo(
  (subnets: readonly Subnet[]): Map<string, Subnet> => new Map(subnets.map(s => [s.id, s]))
)

export interface RouteTableIndex {
  byId: Map<string, RouteTable>
  /** The table each subnet is explicitly associated with. */
  bySubnet: Map<string, RouteTable>
  main?: RouteTable
}

export const routeTableIndex = memo((tables: readonly RouteTable[]): RouteTableIndex => {
  const index: RouteTableIndex = { byId: new Map(), bySubnet: new Map() }
  for (const table of tables) {
    index.byId.set(table.id, table)
    for (const a of table.associations) {
      if (a.subnetId && !index.bySubnet.has(a.subnetId)) index.bySubnet.set(a.subnetId, table)
      if (a.main && !index.main) index.main = table
    }
  }
  return index
})

export const prefixListsByName = memo((lists: readonly PrefixList[]): Map<string, PrefixList> => {
  const byName = new Map<string, PrefixList>()
  for (const list of lists) if (!byName.has(list.name)) byName.set(list.name, list)
  return byName
})
