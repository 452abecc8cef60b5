import type { Route, RouteTable, Subnet, VpcEndpoint } from '../aws/snapshot.js'
import type { EndpointDeclaration } from '../manifest/types.js'
import { routeTableIndex, subnetsById } from './indexes.js'
import { effectiveRouteTable } from './subnet-route-table.js'

export interface CheckedTable {
  table: RouteTable
  /** Why this table matters, for the message: declared, or used by a declared subnet. */
  reason: string
  /** The endpoint's route in it (prefix list → vpce-), when there is one. */
  endpointRoute?: Route
}

export interface GatewayTables {
  /** Tables that exist in the VPC and must carry the endpoint route. */
  checked: CheckedTable[]
  /** Declared tables that are not in the VPC. */
  missingTables: { id: string; reason: string }[]
  /** Declared subnets that are not in this VPC (DescribeSubnets says so). */
  foreignSubnets: string[]
  /** Declared subnets with neither an association nor a main table to fall back to. */
  tablelessSubnets: string[]
}

/**
 * The route tables a gateway endpoint must route for: each declared table and the table each declared
 * subnet really uses; with neither declared, the tables the endpoint is associated with. Shared by the
 * three gateway rules so they judge the same tables.
 */
export function gatewayTables(
  decl: EndpointDeclaration,
  endpoint: VpcEndpoint,
  tables: readonly RouteTable[],
  subnets: readonly Subnet[] | undefined
): GatewayTables {
  const result: GatewayTables = { checked: [], missingTables: [], foreignSubnets: [], tablelessSubnets: [] }
  const wanted: { id: string; reason: string }[] = decl.routeTables.map(id => ({ id, reason: 'declared' }))
  const known = subnets ? subnetsById(subnets) : undefined
  for (const subnetId of decl.subnets) {
    if (!known?.has(subnetId)) {
      result.foreignSubnets.push(subnetId)
      continue
    }
    const effective = effectiveRouteTable(subnetId, tables)
    if (!effective) {
      result.tablelessSubnets.push(subnetId)
      continue
    }
    const reason =
      effective.via === 'main'
        ? `used by ${subnetId} (no explicit association: the main table)`
        : `used by ${subnetId}`
    wanted.push({ id: effective.table.id, reason })
  }
  if (decl.routeTables.length === 0 && decl.subnets.length === 0) {
    for (const id of endpoint.routeTableIds) wanted.push({ id, reason: `associated with ${endpoint.id}` })
  }
  const byId = routeTableIndex(tables).byId
  for (const { id, reason } of dedupe(wanted)) {
    const table = byId.get(id)
    if (!table) {
      result.missingTables.push({ id, reason })
      continue
    }
    const endpointRoute = table.routes.find(r => r.gatewayId === endpoint.id)
    result.checked.push({ table, reason, ...(endpointRoute ? { endpointRoute } : {}) })
  }
  return result
}

function dedupe(tables: { id: string; reason: string }[]): { id: string; reason: string }[] {
  const byId = new Map<string, { id: string; reason: string }>()
  for (const t of tables) {
    const seen = byId.get(t.id)
    byId.set(t.id, seen ? { ...seen, reason: `${seen.reason}; ${t.reason}` } : t)
  }
  return [...byId.values()]
}

/** Reads of a gateway rule: subnets only when the declaration names subnets. */
export function gatewayReads<R extends string>(reads: readonly R[], decl: EndpointDeclaration): R[] {
  return decl.subnets.length > 0 ? [...reads] : reads.filter(r => r !== 'subnets')
}

/**
 * Tables a gateway rule could not look at: a declared table that is not there, a subnet with no table.
 * What their routes do is unknown, so the rules about route state and shadowing say so for each.
 */
export function uncheckedTables(plan: GatewayTables): string[] {
  return [
    ...plan.missingTables.map(t => `route table ${t.id} (${t.reason}) is not in the VPC`),
    ...plan.tablelessSubnets.map(s => `no route table applies to ${s}`)
  ]
}
