import type { RouteTable } from '../aws/snapshot.js'
import { routeTableIndex } from './indexes.js'

export interface EffectiveRouteTable {
  table: RouteTable
  /** `explicit`: the subnet is associated with it; `main`: the subnet falls back to the VPC's main table. */
  via: 'explicit' | 'main'
}

/**
 * The table a subnet really uses: its explicit association, else the VPC's main table. This is how EC2
 * routes, and the reason a route added only to a custom table can miss the subnets that never got one.
 */
export function effectiveRouteTable(
  subnetId: string,
  tables: readonly RouteTable[]
): EffectiveRouteTable | undefined {
  const index = routeTableIndex(tables)
  const explicit = index.bySubnet.get(subnetId)
  if (explicit) return { table: explicit, via: 'explicit' }
  return index.main ? { table: index.main, via: 'main' } : undefined
}
