import type { VpcSnapshot } from '../aws/snapshot.js'
import { gatewayTables } from '../checks/gateway-tables.js'
import { locateEndpoint } from '../checks/match-endpoint.js'
import type { RuleId } from '../checks/rule-ids.js'
import { effectiveRouteTable } from '../checks/subnet-route-table.js'
import type { EndpointDeclaration, VpcDeclaration } from '../manifest/types.js'
import type { EndpointField, PlanUnknowns, Unknown } from './unknowns.js'

/** The endpoint fields each endpoint rule decides on; locating the endpoint (service, type) is common to all. */
const ENDPOINT_FIELDS: Partial<Record<RuleId, EndpointField[]>> = {
  'endpoint-available': ['state'],
  'endpoint-type-matches': ['type'],
  'private-dns-enabled': ['privateDnsEnabled'],
  'endpoint-in-subnets': ['subnetIds'],
  'gateway-route-present': ['routeTableIds'],
  'gateway-route-active': ['routeTableIds'],
  'gateway-route-not-shadowed': ['routeTableIds']
}

const GATEWAY_RULES: readonly string[] = [
  'gateway-route-present',
  'gateway-route-active',
  'gateway-route-not-shadowed'
]

/** Rules this file knows the inputs of; any other rule is open as soon as anything in the plan is. */
const KNOWN: readonly string[] = [
  'vpc-exists',
  'account-matches',
  'vpc-dns-support-enabled',
  'vpc-dns-hostnames-enabled',
  'endpoint-exists',
  'endpoint-declared',
  ...Object.keys(ENDPOINT_FIELDS)
]

/**
 * What is open among the inputs of one rule for one subject (a declared endpoint, or the VPC when `decl` is
 * absent) in the planned snapshot. Empty: the rule's prediction rests on known values only.
 */
export function openInputs(
  ruleId: string,
  vpc: VpcDeclaration,
  decl: EndpointDeclaration | undefined,
  snap: VpcSnapshot,
  unknowns: PlanUnknowns
): Unknown[] {
  if (!KNOWN.includes(ruleId)) return unknowns.all
  const u = unknowns
  if (ruleId === 'vpc-dns-support-enabled') return u.of(u.enableDnsSupport, vpc.id)
  if (ruleId === 'vpc-dns-hostnames-enabled') return u.of(u.enableDnsHostnames, vpc.id)
  if (ruleId === 'endpoint-declared') return u.of(u.endpointList, vpc.id)
  if (!decl || ruleId === 'vpc-exists' || ruleId === 'account-matches') return []
  if (!snap.endpoints.ok) return []

  // Which endpoint the declaration means: open while a planned endpoint's VPC, service or type is.
  const open: Unknown[] = decl.id ? [] : u.of(u.endpointList, vpc.id)
  const located = locateEndpoint(decl, snap.endpoints.value)
  if (located.kind === 'missing') return open
  const endpoint = located.endpoint
  const fields = u.endpoint.get(endpoint.id)
  for (const f of ['serviceName', 'type'] as const) {
    const x = fields?.get(f)
    if (x) open.push(x)
  }
  if (ruleId === 'endpoint-exists') return open
  for (const f of ENDPOINT_FIELDS[ruleId as RuleId] ?? []) {
    const x = fields?.get(f)
    if (x) open.push(x)
  }
  if (ruleId === 'private-dns-enabled') {
    open.push(...u.of(u.enableDnsSupport, vpc.id), ...u.of(u.enableDnsHostnames, vpc.id))
  }
  if (GATEWAY_RULES.includes(ruleId)) open.push(...gatewayOpen(ruleId, vpc, decl, snap, u, endpoint.id))
  return open
}

function gatewayOpen(
  ruleId: string,
  vpc: VpcDeclaration,
  decl: EndpointDeclaration,
  snap: VpcSnapshot,
  u: PlanUnknowns,
  endpointId: string
): Unknown[] {
  if (!snap.routeTables.ok || !snap.endpoints.ok) return []
  const endpoint = snap.endpoints.value.find(e => e.id === endpointId)
  if (!endpoint) return []
  const subnets = snap.subnets.ok ? snap.subnets.value : undefined
  const plan = gatewayTables(decl, endpoint, snap.routeTables.value, subnets)
  const open: Unknown[] = []
  if (decl.subnets.length > 0) {
    open.push(...u.of(u.anySubnet, vpc.id))
    for (const s of decl.subnets) {
      open.push(...(u.subnet.get(s) ?? []))
      if (effectiveRouteTable(s, snap.routeTables.value)?.via !== 'explicit')
        open.push(...u.of(u.main, vpc.id))
    }
  }
  open.push(...(u.tableRoutes.get('*') ?? []))
  for (const { table } of plan.checked) {
    open.push(...(u.tableRoutes.get(table.id) ?? []))
    if (ruleId === 'gateway-route-active')
      open.push(...(u.routeState.get(`${table.id}|${endpoint.id}`) ?? []))
  }
  return open
}
