import type { RouteTable, VpcEndpoint, VpcSnapshot } from '../aws/snapshot.js'
import type { EndpointDeclaration } from '../manifest/types.js'
import { finding, inconclusive, type Subject } from './finding-builder.js'
import type { Finding } from '../model/finding.js'
import { shadowingRoutes } from './shadowing-routes.js'
import { effectiveRouteTable } from './subnet-route-table.js'

interface TableToCheck {
  routeTableId: string
  /** Why this table matters, for the message: declared, or used by a declared subnet. */
  reason: string
}

/**
 * `gateway-route` and `gateway-route-blackhole`: the endpoint route (service prefix list → vpce-) must be
 * active in every declared route table and in the table each declared subnet really uses.
 */
export function checkGatewayRoutes(
  subject: Subject,
  decl: EndpointDeclaration,
  endpoint: VpcEndpoint,
  snap: VpcSnapshot
): Finding[] {
  if (!snap.routeTables.ok)
    return [inconclusive('gateway-route', subject, snap.routeTables.problem, 'the routes')]
  const tables = snap.routeTables.value
  const findings: Finding[] = []
  const toCheck: TableToCheck[] = decl.routeTables.map(id => ({ routeTableId: id, reason: 'declared' }))

  for (const subnetId of decl.subnets) {
    if (snap.subnets.ok && !snap.subnets.value.some(s => s.id === subnetId)) {
      findings.push(
        finding('gateway-route', 'fail', subject, `Subnet ${subnetId} is not in ${snap.vpcId}.`, {
          subnet: subnetId
        })
      )
      continue
    }
    const effective = effectiveRouteTable(subnetId, tables)
    if (!effective) {
      findings.push(
        finding(
          'gateway-route',
          'fail',
          subject,
          `No route table applies to ${subnetId} (no association and no main table).`,
          {
            subnet: subnetId
          }
        )
      )
      continue
    }
    const reason =
      effective.via === 'main'
        ? `used by ${subnetId} (no explicit association: the main table)`
        : `used by ${subnetId}`
    toCheck.push({ routeTableId: effective.table.id, reason })
  }

  if (toCheck.length === 0) {
    // Nothing declared: the endpoint must at least route for some table, or it serves nobody.
    return endpoint.routeTableIds.length > 0
      ? [
          finding(
            'gateway-route',
            'pass',
            subject,
            `${endpoint.id} is in ${endpoint.routeTableIds.join(', ')}.`
          )
        ]
      : [
          finding(
            'gateway-route',
            'fail',
            subject,
            `${endpoint.id} is associated with no route table: it routes nothing.`
          )
        ]
  }

  const prefixListId = prefixListFor(decl.serviceName, snap)
  const prefixList = snap.prefixLists.ok
    ? snap.prefixLists.value.find(p => p.name === decl.serviceName)
    : undefined
  for (const { routeTableId, reason } of dedupe(toCheck)) {
    const table = tables.find(t => t.id === routeTableId)
    if (!table) {
      findings.push(
        finding(
          'gateway-route',
          'fail',
          subject,
          `Route table ${routeTableId} (${reason}) is not in ${snap.vpcId}.`,
          {
            'route-table': routeTableId
          }
        )
      )
      continue
    }
    const routed = checkTable(subject, endpoint, table, reason, prefixListId)
    findings.push(routed)
    if (routed.verdict === 'pass' && prefixList)
      findings.push(checkShadowing(subject, endpoint, table, reason, prefixList.cidrs))
  }
  return findings
}

function checkTable(
  subject: Subject,
  endpoint: VpcEndpoint,
  table: RouteTable,
  reason: string,
  prefixListId: string | undefined
): Finding {
  const evidence = { 'route-table': table.id, ...(prefixListId ? { 'prefix-list': prefixListId } : {}) }
  // Endpoint routes can only be made by EC2 from the service's prefix list, so the vpce- target is decisive;
  // the prefix list id, when readable, is checked too in case the table points it elsewhere.
  const route = table.routes.find(r => r.gatewayId === endpoint.id)
  if (!route) {
    const other = prefixListId
      ? table.routes.find(r => r.destinationPrefixListId === prefixListId)
      : undefined
    const detail = other
      ? ` (its ${prefixListId} route goes to ${other.gatewayId ?? other.natGatewayId ?? 'something else'})`
      : ''
    return finding(
      'gateway-route',
      'fail',
      subject,
      `Route table ${table.id} (${reason}) has no route to ${endpoint.id}${detail}: that traffic leaves through NAT or the internet gateway.`,
      evidence
    )
  }
  if (route.state === 'blackhole') {
    return finding(
      'gateway-route-blackhole',
      'fail',
      subject,
      `The route to ${endpoint.id} in ${table.id} (${reason}) is a blackhole: matching traffic is dropped.`,
      evidence
    )
  }
  return finding(
    'gateway-route',
    'pass',
    subject,
    `Route table ${table.id} (${reason}) routes to ${endpoint.id}.`,
    evidence
  )
}

function checkShadowing(
  subject: Subject,
  endpoint: VpcEndpoint,
  table: RouteTable,
  reason: string,
  cidrs: readonly string[]
): Finding {
  const shadows = shadowingRoutes(table.routes, cidrs, endpoint.id)
  if (shadows.length === 0) {
    return finding(
      'gateway-route-shadowed',
      'pass',
      subject,
      `No route in ${table.id} is more specific than the endpoint route.`,
      {
        'route-table': table.id
      }
    )
  }
  const listed = shadows
    .map(r => `${r.destinationCidrBlock} → ${r.natGatewayId ?? r.gatewayId ?? 'another target'}`)
    .join(', ')
  return finding(
    'gateway-route-shadowed',
    'fail',
    subject,
    `Route table ${table.id} (${reason}) has ${listed}, more specific than the route to ${endpoint.id}: that part of the service's traffic bypasses the endpoint.`,
    { 'route-table': table.id, 'shadowing-routes': listed }
  )
}

function prefixListFor(serviceName: string, snap: VpcSnapshot): string | undefined {
  return snap.prefixLists.ok ? snap.prefixLists.value.find(p => p.name === serviceName)?.id : undefined
}

function dedupe(tables: TableToCheck[]): TableToCheck[] {
  const byId = new Map<string, TableToCheck>()
  for (const t of tables) {
    const seen = byId.get(t.routeTableId)
    byId.set(t.routeTableId, seen ? { ...seen, reason: `${seen.reason}; ${t.reason}` } : t)
  }
  return [...byId.values()]
}
