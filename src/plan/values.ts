import type { Route } from '../aws/snapshot.js'
import { resolveReference, type AddressIndex } from './references.js'
import type { ResourceChange } from './plan-types.js'
import type { Unknown } from './unknowns.js'

/** True when `after_unknown` marks this value, or any part of it, as known only after apply. */
export function isOpen(flags: unknown): boolean {
  if (flags === true) return true
  if (Array.isArray(flags)) return flags.some(isOpen)
  if (typeof flags === 'object' && flags !== null) return Object.values(flags).some(isOpen)
  return false
}

export const creates = (rc: ResourceChange) => rc.actions.includes('create')
export const deletes = (rc: ResourceChange) => rc.actions.includes('delete')
/** An in-place change of an object that keeps its id. */
export const updates = (rc: ResourceChange) => rc.actions.includes('update')

/** The key of an object the plan creates: it has no AWS id before apply. */
export const newId = (address: string) => `new:${address}`
export const isNewId = (id: string) => id.startsWith('new:')

export type IdRef = { id: string } | { open: Unknown } | undefined

export interface PlanIndex {
  addresses: AddressIndex
  /** Addresses of resources the plan creates (a replace creates too). */
  created: ReadonlySet<string>
}

/**
 * An id argument after apply: the value when known; when open, the `new:` key of the planned resource its
 * expression refers to (matched by Terraform address); else an open value naming the argument.
 */
export function idAfter(rc: ResourceChange, attr: string, index: PlanIndex): IdRef {
  if (isOpen(rc.afterUnknown[attr])) {
    const target = resolveReference(rc.references[attr], rc.moduleAddress, index.addresses)
    if (target && index.created.has(target)) return { id: newId(target) }
    return { open: { address: rc.address, attribute: attr } }
  }
  const value = rc.after?.[attr]
  return typeof value === 'string' && value ? { id: value } : undefined
}

export function idBefore(rc: ResourceChange, attr: string): string | undefined {
  const value = rc.before?.[attr]
  return typeof value === 'string' && value ? value : undefined
}

export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/** Route block keys of aws_route_table and arguments of aws_route → the snapshot's Route fields. */
const TARGETS: readonly [string, keyof Route][] = [
  ['gateway_id', 'gatewayId'],
  ['vpc_endpoint_id', 'gatewayId'],
  ['nat_gateway_id', 'natGatewayId'],
  ['network_interface_id', 'networkInterfaceId'],
  ['transit_gateway_id', 'transitGatewayId'],
  ['vpc_peering_connection_id', 'vpcPeeringConnectionId'],
  ['egress_only_gateway_id', 'egressOnlyInternetGatewayId'],
  ['carrier_gateway_id', 'carrierGatewayId'],
  ['local_gateway_id', 'localGatewayId'],
  ['core_network_arn', 'coreNetworkArn'],
  ['odb_network_arn', 'odbNetworkArn'],
  ['instance_id', 'instanceId']
]

/**
 * A route as EC2 will list it. Its state is EC2's to set when the route is made, so it is left empty
 * (never assumed active): the rules treat an unreported state as possibly active, never as proof.
 */
export function routeFrom(block: Record<string, unknown>): Route {
  const route: Route = { state: '', origin: 'CreateRoute' }
  const v4 = str(block['cidr_block']) ?? str(block['destination_cidr_block'])
  const v6 = str(block['ipv6_cidr_block']) ?? str(block['destination_ipv6_cidr_block'])
  const pl = str(block['destination_prefix_list_id'])
  if (v4) route.destinationCidrBlock = v4
  if (v6) route.destinationIpv6CidrBlock = v6
  if (pl) route.destinationPrefixListId = pl
  for (const [key, field] of TARGETS) {
    const value = str(block[key])
    if (value && route[field] === undefined) (route as unknown as Record<string, string>)[field] = value
  }
  return route
}

export function destinationOf(route: Route): string {
  return route.destinationCidrBlock ?? route.destinationIpv6CidrBlock ?? route.destinationPrefixListId ?? ''
}
