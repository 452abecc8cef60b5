import type { RouteTable, Subnet, VpcEndpoint, VpcSnapshot } from '../aws/snapshot.js'
import type { Fact } from '../model/fact.js'
import { addressIndex } from './references.js'
import type { ResourceChange, TerraformPlan } from './plan-types.js'
import { PlanUnknowns, type Unknown } from './unknowns.js'
import {
  creates,
  deletes,
  destinationOf,
  idAfter,
  idBefore,
  isOpen,
  newId,
  routeFrom,
  stringsOf,
  updates,
  type PlanIndex
} from './values.js'

/** Resource types whose changes the overlay applies (docs/terraform-plan.md lists what each does). */
export const MODELLED_TYPES = [
  'aws_vpc',
  'aws_subnet',
  'aws_route_table',
  'aws_route',
  'aws_route_table_association',
  'aws_main_route_table_association',
  'aws_vpc_endpoint',
  'aws_vpc_endpoint_route_table_association'
] as const

/**
 * Types that change what the rules read but whose arguments the reference set does not document: what they
 * touch is marked open (inconclusive after apply) rather than ignored, so an unmodelled change never passes.
 */
export const OPEN_TYPES = [
  'aws_default_route_table',
  'aws_vpc_endpoint_subnet_association',
  'aws_default_vpc',
  'aws_default_subnet'
] as const

export interface PlannedVpcs {
  /** The planned snapshot of each live one, same order. */
  snapshots: VpcSnapshot[]
  unknowns: PlanUnknowns
  /** Entity id (vpce-, rtb-, subnet-, vpc-, `new:` keys) → Terraform addresses whose changes touch it. */
  addresses: Map<string, Set<string>>
  /** Addresses of the changes applied (modelled or marked open), for the report's note. */
  applied: string[]
}

interface State {
  endpoints: Map<string, VpcEndpoint>
  tables: Map<string, RouteTable>
  subnets: Map<string, Subnet>
  /** VPC id → planned DNS attributes and whether the plan deletes it. */
  vpcs: Map<string, { gone: boolean; enableDnsSupport?: boolean; enableDnsHostnames?: boolean }>
  index: PlanIndex
  unknowns: PlanUnknowns
  addresses: Map<string, Set<string>>
  applied: Set<string>
  /** Prefix list id per service name, from the live snapshots (a new gateway endpoint's route uses it). */
  prefixLists: Map<string, string>
}

/**
 * Lays the plan's changes over the live snapshots: what the VPCs will look like after apply, as far as the
 * plan says. Deletion removes, creation adds under a `new:` key, a replace is both, and a value known only
 * after apply is recorded in `unknowns` instead of being guessed.
 */
export function overlayPlan(live: readonly VpcSnapshot[], plan: TerraformPlan): PlannedVpcs {
  const changes = plan.changes.filter(rc => !rc.actions.every(a => a === 'no-op' || a === 'read'))
  const state: State = {
    endpoints: new Map(),
    tables: new Map(),
    subnets: new Map(),
    vpcs: new Map(),
    index: {
      addresses: addressIndex(plan.changes.map(rc => rc.address)),
      created: new Set(changes.filter(creates).map(rc => rc.address))
    },
    unknowns: new PlanUnknowns(),
    addresses: new Map(),
    applied: new Set(),
    prefixLists: new Map()
  }
  for (const snap of live) load(state, snap)

  const ofType = (type: string) => changes.filter(rc => rc.type === type)
  for (const rc of ofType('aws_vpc')) applyVpc(state, rc)
  for (const rc of ofType('aws_subnet')) applySubnet(state, rc)
  for (const rc of ofType('aws_route_table')) applyRouteTable(state, rc)
  for (const rc of ofType('aws_vpc_endpoint')) applyEndpoint(state, rc)
  // Removals first, so a subnet moved from one association to another lands where the plan puts it.
  const byDeletesFirst = (type: string) =>
    [...ofType(type)].sort((a, b) => Number(creates(a) || updates(a)) - Number(creates(b) || updates(b)))
  for (const rc of byDeletesFirst('aws_route')) applyRoute(state, rc)
  for (const rc of byDeletesFirst('aws_route_table_association')) applyAssociation(state, rc)
  for (const rc of ofType('aws_main_route_table_association')) applyMain(state, rc)
  for (const rc of byDeletesFirst('aws_vpc_endpoint_route_table_association')) applyEndpointTable(state, rc)
  for (const rc of changes) if ((OPEN_TYPES as readonly string[]).includes(rc.type)) markOpen(state, rc)

  return {
    snapshots: live.map(snap => plannedSnapshot(state, snap)),
    unknowns: state.unknowns,
    addresses: state.addresses,
    applied: [...state.applied]
  }
}

function load(state: State, snap: VpcSnapshot): void {
  if (snap.endpoints.ok) for (const e of snap.endpoints.value) state.endpoints.set(e.id, { ...e })
  if (snap.routeTables.ok) {
    for (const t of snap.routeTables.value) {
      state.tables.set(t.id, {
        ...t,
        routes: t.routes.map(r => ({ ...r })),
        associations: t.associations.map(a => ({ ...a }))
      })
    }
  }
  if (snap.subnets.ok) for (const s of snap.subnets.value) state.subnets.set(s.id, { ...s })
  if (snap.prefixLists.ok) for (const p of snap.prefixLists.value) state.prefixLists.set(p.name, p.id)
  state.vpcs.set(snap.vpcId, { gone: false })
}

function plannedSnapshot(state: State, snap: VpcSnapshot): VpcSnapshot {
  const vpc = state.vpcs.get(snap.vpcId)
  const inVpc = <T extends { vpcId: string }>(map: Map<string, T>) =>
    [...map.values()].filter(x => x.vpcId === snap.vpcId)
  // A fact the live run could not read stays unread: the plan changes values, it does not replace AWS.
  const keep = <T>(fact: Fact<T>, value: () => T): Fact<T> => (fact.ok ? { ok: true, value: value() } : fact)
  const dns = (fact: Fact<boolean>, planned: boolean | undefined) =>
    keep(fact, () => (planned === undefined ? (fact as { value: boolean }).value : planned))
  return {
    ...snap,
    vpc: vpc?.gone && snap.vpc.ok ? { ok: true, value: null } : snap.vpc,
    enableDnsSupport: dns(snap.enableDnsSupport, vpc?.enableDnsSupport),
    enableDnsHostnames: dns(snap.enableDnsHostnames, vpc?.enableDnsHostnames),
    endpoints: keep(snap.endpoints, () => inVpc(state.endpoints)),
    routeTables: keep(snap.routeTables, () => inVpc(state.tables)),
    subnets: keep(snap.subnets, () => inVpc(state.subnets))
  }
}

function touch(state: State, rc: ResourceChange, ...ids: (string | undefined)[]): void {
  state.applied.add(rc.address)
  for (const id of ids) {
    if (!id) continue
    let set = state.addresses.get(id)
    if (!set) state.addresses.set(id, (set = new Set()))
    set.add(rc.address)
  }
}

const open = (rc: ResourceChange, attribute: string): Unknown => ({ address: rc.address, attribute })
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined)

function applyVpc(state: State, rc: ResourceChange): void {
  const id = idBefore(rc, 'id')
  const vpc = id ? state.vpcs.get(id) : undefined
  if (!id || !vpc) return
  touch(state, rc, id)
  if (deletes(rc)) {
    vpc.gone = true
    return
  }
  for (const [attr, field] of [
    ['enable_dns_support', 'enableDnsSupport'],
    ['enable_dns_hostnames', 'enableDnsHostnames']
  ] as const) {
    if (isOpen(rc.afterUnknown[attr])) state.unknowns.add(state.unknowns[field], id, open(rc, attr))
    const value = bool(rc.after?.[attr])
    if (value !== undefined) vpc[field] = value
  }
}

function applySubnet(state: State, rc: ResourceChange): void {
  const before = idBefore(rc, 'id')
  if (deletes(rc) && before) {
    if (state.subnets.has(before) || subnetTable(state, before)) touch(state, rc, before)
    state.subnets.delete(before)
    // Deleting a subnet removes its route table association with it.
    for (const t of state.tables.values()) t.associations = t.associations.filter(a => a.subnetId !== before)
  }
  if (creates(rc)) {
    const vpcId = idAfter(rc, 'vpc_id', state.index)
    if (vpcId && 'id' in vpcId && state.vpcs.has(vpcId.id)) {
      const id = newId(rc.address)
      const cidr = rc.after?.['cidr_block']
      state.subnets.set(id, { id, vpcId: vpcId.id, ...(typeof cidr === 'string' ? { cidrBlock: cidr } : {}) })
      touch(state, rc, id)
    }
  }
}

function applyRouteTable(state: State, rc: ResourceChange): void {
  const before = idBefore(rc, 'id')
  if (deletes(rc) && before && state.tables.delete(before)) {
    touch(state, rc, before)
    for (const e of state.endpoints.values()) e.routeTableIds = e.routeTableIds.filter(t => t !== before)
  }
  if (creates(rc)) {
    const vpcId = idAfter(rc, 'vpc_id', state.index)
    if (!vpcId || !('id' in vpcId) || !state.vpcs.has(vpcId.id)) return
    const id = newId(rc.address)
    const routes = Array.isArray(rc.after?.['route']) ? (rc.after['route'] as Record<string, unknown>[]) : []
    state.tables.set(id, { id, vpcId: vpcId.id, routes: routes.map(routeFrom), associations: [] })
    touch(state, rc, id)
    if (isOpen(rc.afterUnknown['route']))
      state.unknowns.add(state.unknowns.tableRoutes, id, open(rc, 'route'))
    return
  }
  if (!updates(rc) || !before) return
  const table = state.tables.get(before)
  if (!table) return
  touch(state, rc, before)
  if (isOpen(rc.afterUnknown['route']))
    state.unknowns.add(state.unknowns.tableRoutes, before, open(rc, 'route'))
  // Inline routes: remove what the plan removes, add what it adds (by destination), keep the rest as EC2 has it.
  const blocks = (side: Record<string, unknown> | null) =>
    (Array.isArray(side?.['route']) ? (side['route'] as Record<string, unknown>[]) : []).map(routeFrom)
  const was = blocks(rc.before)
  const will = blocks(rc.after)
  const key = (r: ReturnType<typeof routeFrom>) => JSON.stringify({ ...r, state: '', origin: '' })
  const willKeys = new Set(will.map(key))
  const wasKeys = new Set(was.map(key))
  const removed = new Set(was.filter(r => !willKeys.has(key(r))).map(destinationOf))
  table.routes = table.routes.filter(r => !removed.has(destinationOf(r)) || r.gatewayId?.startsWith('vpce-'))
  for (const r of will) {
    if (wasKeys.has(key(r))) continue
    table.routes = table.routes.filter(x => destinationOf(x) !== destinationOf(r))
    table.routes.push(r)
  }
}

/** Prefix list an endpoint's routes use: as its live routes show it, else the region's list for its service. */
function prefixListFor(state: State, endpoint: VpcEndpoint): string | undefined {
  for (const t of state.tables.values()) {
    const r = t.routes.find(x => x.gatewayId === endpoint.id && x.destinationPrefixListId)
    if (r) return r.destinationPrefixListId
  }
  return state.prefixLists.get(endpoint.serviceName)
}

function addEndpointRoute(state: State, rc: ResourceChange, tableId: string, endpoint: VpcEndpoint): void {
  const table = state.tables.get(tableId)
  if (!table) return
  if (!endpoint.routeTableIds.includes(tableId)) endpoint.routeTableIds.push(tableId)
  if (table.routes.some(r => r.gatewayId === endpoint.id)) return
  const pl = prefixListFor(state, endpoint)
  table.routes.push({ ...(pl ? { destinationPrefixListId: pl } : {}), gatewayId: endpoint.id, state: '' })
  state.unknowns.add(state.unknowns.routeState, `${tableId}|${endpoint.id}`, {
    address: rc.address,
    attribute: `state of the route to ${endpoint.id} in ${tableId}`
  })
  touch(state, rc, tableId)
}

function removeEndpointRoute(state: State, tableId: string, endpointId: string): void {
  const table = state.tables.get(tableId)
  if (table) table.routes = table.routes.filter(r => r.gatewayId !== endpointId)
  const endpoint = state.endpoints.get(endpointId)
  if (endpoint) endpoint.routeTableIds = endpoint.routeTableIds.filter(t => t !== tableId)
}

/**
 * The ids of a set argument after apply (route_table_ids). An open element is resolved through the
 * configuration when the set refers to one planned resource; `open` says whether anything stays unresolved.
 */
function idsAfter(rc: ResourceChange, attr: string, state: State): { ids: string[]; open: boolean } {
  const ids = stringsOf(rc.after?.[attr])
  if (!isOpen(rc.afterUnknown[attr])) return { ids, open: false }
  const one = idAfter(rc, attr, state.index)
  if (one && 'id' in one) return { ids: [...ids, one.id], open: false }
  return { ids, open: true }
}

function applyEndpoint(state: State, rc: ResourceChange): void {
  const before = idBefore(rc, 'id')
  const old = before ? state.endpoints.get(before) : undefined
  if (deletes(rc) && old) {
    for (const t of [...old.routeTableIds]) removeEndpointRoute(state, t, old.id)
    for (const t of state.tables.values()) t.routes = t.routes.filter(r => r.gatewayId !== old.id)
    state.endpoints.delete(old.id)
    touch(state, rc, old.id, old.vpcId)
  }
  if (!creates(rc) && !(updates(rc) && old)) return
  // vpc_id forces a replacement: an in-place update keeps the endpoint's VPC.
  const vpcRef = old && !creates(rc) ? { id: old.vpcId } : idAfter(rc, 'vpc_id', state.index)
  const after = rc.after ?? {}
  const au = rc.afterUnknown
  if (!vpcRef || !('id' in vpcRef)) {
    // Its VPC is open and is not one the plan creates: it may be a declared VPC's.
    if (vpcRef && 'open' in vpcRef) state.unknowns.add(state.unknowns.endpointList, '*', vpcRef.open)
    return
  }
  if (!state.vpcs.has(vpcRef.id)) return
  const id = creates(rc) ? newId(rc.address) : (old as VpcEndpoint).id
  // An in-place update keeps what its `after` does not state (as EC2 has it now); a new endpoint takes the
  // provider's documented defaults (type Gateway, private_dns_enabled false).
  const prior = creates(rc) ? undefined : old
  const text = (attr: string): string | undefined =>
    typeof after[attr] === 'string' && after[attr] !== '' && !isOpen(au[attr])
      ? (after[attr] as string)
      : undefined
  const flag = (attr: string): boolean | undefined => (isOpen(au[attr]) ? undefined : bool(after[attr]))
  const list = (attr: string, was: string[] | undefined): string[] =>
    isOpen(au[attr]) ? [] : Array.isArray(after[attr]) ? stringsOf(after[attr]) : (was ?? [])
  const type = text('vpc_endpoint_type') ?? prior?.type ?? 'Gateway'
  const dnsOptions = Array.isArray(after['dns_options'])
    ? (after['dns_options'][0] as Record<string, unknown> | undefined)
    : undefined
  const endpoint: VpcEndpoint = {
    id,
    type,
    vpcId: vpcRef.id,
    serviceName: text('service_name') ?? prior?.serviceName ?? '',
    // State and network interfaces are EC2's to report: open for a new endpoint, kept by an update.
    state: text('state') ?? (isOpen(au['state']) ? '' : (prior?.state ?? '')),
    privateDnsEnabled:
      flag('private_dns_enabled') ??
      (isOpen(au['private_dns_enabled']) ? false : (prior?.privateDnsEnabled ?? false)),
    privateDnsOnlyForInboundResolverEndpoint:
      bool(dnsOptions?.['private_dns_only_for_inbound_resolver_endpoint']) ??
      prior?.privateDnsOnlyForInboundResolverEndpoint ??
      false,
    routeTableIds: [],
    subnetIds: list('subnet_ids', prior?.subnetIds),
    // A changed subnet list changes the ENIs: the live ones are kept only when the plan states them.
    networkInterfaceIds: list('network_interface_ids', undefined),
    dnsNames: [],
    ...(text('owner_id')
      ? { ownerId: text('owner_id') as string }
      : prior?.ownerId
        ? { ownerId: prior.ownerId }
        : {})
  }
  const fields: [string, Parameters<PlanUnknowns['addEndpoint']>[1]][] = [
    ['state', 'state'],
    ['vpc_endpoint_type', 'type'],
    ['service_name', 'serviceName'],
    ['private_dns_enabled', 'privateDnsEnabled'],
    ['subnet_ids', 'subnetIds'],
    ['route_table_ids', 'routeTableIds']
  ]
  const tables = idsAfter(rc, 'route_table_ids', state)
  for (const [attr, field] of fields) {
    if (attr === 'route_table_ids' && !tables.open) continue
    if (isOpen(au[attr])) state.unknowns.addEndpoint(id, field, open(rc, attr))
  }
  if (isOpen(au['service_name']) || isOpen(au['vpc_endpoint_type'])) {
    state.unknowns.add(
      state.unknowns.endpointList,
      vpcRef.id,
      open(rc, isOpen(au['service_name']) ? 'service_name' : 'vpc_endpoint_type')
    )
  }
  state.endpoints.set(id, endpoint)
  touch(state, rc, id, vpcRef.id)
  if (type !== 'Gateway') return
  // Gateway endpoint routes follow route_table_ids (or its association resources, applied later).
  const wasTables = old && !creates(rc) ? old.routeTableIds : []
  const willTables = tables.ids
  for (const t of wasTables) {
    if (willTables.includes(t)) addEndpointRouteKept(state, endpoint, t)
    else removeEndpointRoute(state, t, id)
  }
  for (const t of willTables) if (!wasTables.includes(t)) addEndpointRoute(state, rc, t, endpoint)
}

/** A table an updated endpoint keeps: its live route stays as EC2 reported it. */
function addEndpointRouteKept(state: State, endpoint: VpcEndpoint, tableId: string): void {
  if (state.tables.has(tableId) && !endpoint.routeTableIds.includes(tableId))
    endpoint.routeTableIds.push(tableId)
}

function applyRoute(state: State, rc: ResourceChange): void {
  if (deletes(rc)) {
    const tableId = idBefore(rc, 'route_table_id')
    const table = tableId ? state.tables.get(tableId) : undefined
    if (table && rc.before) {
      const dest = destinationOf(routeFrom(rc.before))
      table.routes = table.routes.filter(r => destinationOf(r) !== dest || r.gatewayId?.startsWith('vpce-'))
      touch(state, rc, tableId)
    }
  }
  if (!creates(rc) && !updates(rc)) return
  const ref = idAfter(rc, 'route_table_id', state.index)
  if (!ref) return
  if ('open' in ref) {
    // A route into a table nobody can name yet: any table may get it.
    state.unknowns.add(state.unknowns.tableRoutes, '*', ref.open)
    state.applied.add(rc.address)
    return
  }
  const table = state.tables.get(ref.id)
  if (!table) return
  touch(state, rc, ref.id)
  const route = routeFrom(rc.after ?? {})
  // A route has exactly one destination and one target. Attributes the provider computes once the target is
  // set (network_interface_id, instance_id for a NAT route) are not the target: only an open destination, or an
  // open target argument while no target is known, leaves the route open.
  const openArgs = Object.keys(rc.afterUnknown).filter(k => ROUTE_ARGS.has(k) && isOpen(rc.afterUnknown[k]))
  const knownTarget = ROUTE_TARGET_ARGS.some(k => typeof rc.after?.[k] === 'string' && rc.after[k] !== '')
  for (const k of openArgs) {
    if (!k.startsWith('destination_') && knownTarget) continue
    const target = idAfter(rc, k, state.index)
    if (target && 'id' in target && !k.startsWith('destination_')) {
      ;(route as unknown as Record<string, string>)[k === 'vpc_endpoint_id' ? 'gatewayId' : camel(k)] =
        target.id
      continue
    }
    state.unknowns.add(state.unknowns.tableRoutes, ref.id, open(rc, k))
  }
  if (updates(rc) && rc.before) {
    const dest = destinationOf(routeFrom(rc.before))
    table.routes = table.routes.filter(r => destinationOf(r) !== dest)
  }
  table.routes = table.routes.filter(r => destinationOf(r) !== destinationOf(route))
  table.routes.push(route)
}

/** aws_route's destination and target arguments (terraform-aws-provider-arguments.json). */
const ROUTE_TARGET_ARGS = [
  'carrier_gateway_id',
  'core_network_arn',
  'egress_only_gateway_id',
  'gateway_id',
  'local_gateway_id',
  'nat_gateway_id',
  'network_interface_id',
  'odb_network_arn',
  'transit_gateway_id',
  'vpc_endpoint_id',
  'vpc_peering_connection_id'
]
const ROUTE_ARGS = new Set([
  'destination_cidr_block',
  'destination_ipv6_cidr_block',
  'destination_prefix_list_id',
  ...ROUTE_TARGET_ARGS
])

function camel(snake: string): string {
  const c = snake.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())
  return c === 'egressOnlyGatewayId' ? 'egressOnlyInternetGatewayId' : c
}

function subnetTable(state: State, subnetId: string): RouteTable | undefined {
  for (const t of state.tables.values()) if (t.associations.some(a => a.subnetId === subnetId)) return t
  return undefined
}

function detach(state: State, subnetId: string): void {
  for (const t of state.tables.values()) t.associations = t.associations.filter(a => a.subnetId !== subnetId)
}

function applyAssociation(state: State, rc: ResourceChange): void {
  const subnetBefore = idBefore(rc, 'subnet_id')
  if ((deletes(rc) || updates(rc)) && subnetBefore) {
    const table = subnetTable(state, subnetBefore)
    if (table) touch(state, rc, subnetBefore, table.id)
    detach(state, subnetBefore)
  }
  if (!creates(rc) && !updates(rc)) return
  const subnet = idAfter(rc, 'subnet_id', state.index)
  if (!subnet) return // an edge association (gateway_id): not a subnet's table
  const table = idAfter(rc, 'route_table_id', state.index)
  state.applied.add(rc.address)
  if ('open' in subnet) {
    const vpcId = table && 'id' in table ? state.tables.get(table.id)?.vpcId : undefined
    state.unknowns.add(state.unknowns.anySubnet, vpcId ?? '*', subnet.open)
    return
  }
  detach(state, subnet.id)
  if (!table || 'open' in table) {
    state.unknowns.add(
      state.unknowns.subnet,
      subnet.id,
      table && 'open' in table ? table.open : open(rc, 'route_table_id')
    )
    touch(state, rc, subnet.id)
    return
  }
  const target = state.tables.get(table.id)
  if (!target) {
    // A table this run cannot see (created in a VPC the plan leaves open, or not read): the subnet's is open.
    state.unknowns.add(state.unknowns.subnet, subnet.id, open(rc, 'route_table_id'))
    touch(state, rc, subnet.id)
    return
  }
  target.associations.push({ main: false, subnetId: subnet.id })
  touch(state, rc, subnet.id, table.id)
}

function applyMain(state: State, rc: ResourceChange): void {
  const vpcRef = (creates(rc) || updates(rc) ? idAfter(rc, 'vpc_id', state.index) : undefined) ?? {
    id: idBefore(rc, 'vpc_id') ?? ''
  }
  if ('open' in vpcRef) {
    // Some VPC's main table changes, and which one is open.
    state.unknowns.add(state.unknowns.main, '*', vpcRef.open)
    state.applied.add(rc.address)
    return
  }
  if (!state.vpcs.has(vpcRef.id)) return
  const vpcId = vpcRef.id
  const setMain = (tableId: string) => {
    for (const t of state.tables.values()) {
      if (t.vpcId !== vpcId) continue
      t.associations = t.associations.filter(a => !a.main)
      if (t.id === tableId) t.associations.push({ main: true })
    }
  }
  touch(state, rc, vpcId)
  if (creates(rc) || updates(rc)) {
    const table = idAfter(rc, 'route_table_id', state.index)
    if (table && 'id' in table && state.tables.has(table.id)) {
      setMain(table.id)
      touch(state, rc, table.id)
    } else
      state.unknowns.add(
        state.unknowns.main,
        vpcId,
        table && 'open' in table ? table.open : open(rc, 'route_table_id')
      )
    return
  }
  if (deletes(rc)) {
    // "Delete" resets the original table as the VPC's main table.
    const original = idBefore(rc, 'original_route_table_id')
    if (original && state.tables.has(original)) setMain(original)
    else state.unknowns.add(state.unknowns.main, vpcId, open(rc, 'original_route_table_id'))
  }
}

function applyEndpointTable(state: State, rc: ResourceChange): void {
  if (deletes(rc)) {
    const e = idBefore(rc, 'vpc_endpoint_id')
    const t = idBefore(rc, 'route_table_id')
    if (e && t && (state.tables.has(t) || state.endpoints.has(e))) {
      removeEndpointRoute(state, t, e)
      touch(state, rc, e, t)
    }
  }
  if (!creates(rc) && !updates(rc)) return
  const e = idAfter(rc, 'vpc_endpoint_id', state.index)
  const t = idAfter(rc, 'route_table_id', state.index)
  if (!e || !t) return
  state.applied.add(rc.address)
  if ('open' in e && 'open' in t) {
    state.unknowns.add(state.unknowns.tableRoutes, '*', e.open)
    return
  }
  if ('open' in e) {
    state.unknowns.add(state.unknowns.tableRoutes, (t as { id: string }).id, e.open)
    return
  }
  const endpoint = state.endpoints.get(e.id)
  if ('open' in t) {
    if (endpoint) state.unknowns.addEndpoint(endpoint.id, 'routeTableIds', t.open)
    return
  }
  if (endpoint) addEndpointRoute(state, rc, t.id, endpoint)
  // A route to an endpoint this run cannot see: what the table routes is open.
  else if (state.tables.has(t.id))
    state.unknowns.add(state.unknowns.tableRoutes, t.id, open(rc, 'vpc_endpoint_id'))
  touch(state, rc, e.id, t.id)
}

/** A change the overlay does not model: whatever it names is open after apply. */
function markOpen(state: State, rc: ResourceChange): void {
  const what: Unknown = { address: rc.address, attribute: `change not modelled (${rc.type})` }
  const side = rc.after ?? rc.before ?? {}
  const str = (k: string) => (typeof side[k] === 'string' ? (side[k] as string) : undefined)
  state.applied.add(rc.address)
  if (rc.type === 'aws_default_route_table') {
    const id = str('default_route_table_id') ?? str('id')
    state.unknowns.add(state.unknowns.tableRoutes, id && state.tables.has(id) ? id : '*', what)
  } else if (rc.type === 'aws_vpc_endpoint_subnet_association') {
    const id = str('vpc_endpoint_id')
    if (id) state.unknowns.addEndpoint(id, 'subnetIds', what)
    else state.unknowns.add(state.unknowns.endpointList, '*', what)
  } else {
    // The default VPC and its subnets: anything about routing and DNS may change.
    state.unknowns.add(state.unknowns.tableRoutes, '*', what)
    state.unknowns.add(state.unknowns.anySubnet, '*', what)
    state.unknowns.add(state.unknowns.enableDnsSupport, '*', what)
    state.unknowns.add(state.unknowns.enableDnsHostnames, '*', what)
  }
}
