import type { RouteTable, VpcEndpoint } from '../../aws/snapshot.js'
import type { Finding } from '../../model/finding.js'
import { finding } from '../finding-builder.js'
import { gatewayReads, gatewayTables } from '../gateway-tables.js'
import { routeTableIndex } from '../indexes.js'
import { defineRule, endpointSubject } from '../rule-declaration.js'
import { describeRouteTarget } from '../route-target.js'

/**
 * `gateway-route-present`: the endpoint route (service prefix list → vpce-) is in every declared route table and
 * in the table each declared subnet really uses. Its state is `gateway-route-active`'s business.
 */
export const gatewayRoute = defineRule({
  id: 'gateway-route-present',
  kind: 'configuration',
  title: 'Gateway endpoint route is in the route table',
  family: 'DNS / routes',
  found: { fail: 'Gateway endpoint route is missing' },
  severity: 7.0,
  checks:
    "Each declared route table, and the table each declared subnet really uses (its explicit association, else the VPC's main table), has a route from the service's prefix list to the endpoint; with neither declared, the endpoint is associated with at least one table that has it.",
  why: 'A subnet whose table lacks the prefix-list route sends S3/DynamoDB traffic through NAT or the internet gateway.',
  fix: 'aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce> --add-route-table-ids <rtb>',
  scope: 'endpoint',
  forType: 'Gateway',
  reads: ['endpoints', 'routeTables', 'subnets'],
  readsFor: ({ decl }) => gatewayReads(['endpoints', 'routeTables', 'subnets'] as const, decl),
  decide: ({ routeTables, subnets }, ctx) => {
    const { endpoint, vpc } = ctx
    const subject = endpointSubject(ctx)
    const plan = gatewayTables(ctx.decl, endpoint, routeTables, subnets)
    const findings: Finding[] = [
      ...plan.foreignSubnets.map(subnet =>
        finding('gateway-route-present', 'fail', subject, `Subnet ${subnet} is not in ${vpc.id}.`, { subnet })
      ),
      ...plan.tablelessSubnets.map(subnet =>
        finding(
          'gateway-route-present',
          'fail',
          subject,
          `No route table applies to ${subnet} (no association and no main table).`,
          { subnet }
        )
      ),
      ...plan.missingTables.map(({ id, reason }) =>
        finding(
          'gateway-route-present',
          'fail',
          subject,
          `Route table ${id} (${reason}) is not in ${vpc.id}.`,
          {
            'route-table': id
          }
        )
      )
    ]
    const listId = endpointPrefixList(endpoint, routeTables)
    for (const { table, reason, endpointRoute } of plan.checked) {
      const evidence = { 'route-table': table.id, ...(listId ? { 'prefix-list': listId } : {}) }
      if (endpointRoute) {
        const state =
          endpointRoute.state === 'active' ? '' : ` (state: ${endpointRoute.state || 'not reported'})`
        findings.push(
          finding(
            'gateway-route-present',
            'pass',
            subject,
            `Route table ${table.id} (${reason}) routes to ${endpoint.id}${state}.`,
            evidence
          )
        )
        continue
      }
      const other = listId ? table.routes.find(r => r.destinationPrefixListId === listId) : undefined
      const detail = other ? ` (its ${listId} route goes to ${describeRouteTarget(other)})` : ''
      findings.push(
        finding(
          'gateway-route-present',
          'fail',
          subject,
          `Route table ${table.id} (${reason}) has no route to ${endpoint.id}${detail}: that traffic leaves through NAT or the internet gateway.`,
          evidence
        )
      )
    }
    if (findings.length === 0) {
      findings.push(
        finding(
          'gateway-route-present',
          'fail',
          subject,
          `${endpoint.id} is associated with no route table: it routes nothing.`
        )
      )
    }
    return findings
  }
})

/** The prefix list the endpoint's routes use, as any table that has one shows it (EC2 makes them all alike). */
function endpointPrefixList(endpoint: VpcEndpoint, tables: readonly RouteTable[]): string | undefined {
  const byId = routeTableIndex(tables).byId
  for (const id of endpoint.routeTableIds) {
    const table = byId.get(id)
    const route = table?.routes.find(r => r.gatewayId === endpoint.id && r.destinationPrefixListId)
    if (route) return route.destinationPrefixListId
  }
  return undefined
}
