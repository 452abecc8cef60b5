import type { Finding } from '../../model/finding.js'
import { finding } from '../finding-builder.js'
import { prefixListsByName } from '../indexes.js'
import { withTableCoverage } from '../gateway-coverage.js'
import { gatewayReads, gatewayTables } from '../gateway-tables.js'
import { defineRule, endpointSubject } from '../rule-declaration.js'
import { describeRouteTarget } from '../route-target.js'
import { shadowingRoutes, unparsableCidrs } from '../shadowing-routes.js'

/**
 * `gateway-route-not-shadowed`: no more specific route takes part of the service's addresses. It needs the
 * service prefix list's CIDRs; without them (list absent, empty or unparsable) nothing can be proven.
 */
export const gatewayShadowed = defineRule({
  id: 'gateway-route-not-shadowed',
  kind: 'configuration',
  title: 'No more specific route takes gateway endpoint traffic',
  family: 'DNS / routes',
  found: { fail: 'A more specific route takes the traffic' },
  severity: 7.0,
  checks:
    "No active CIDR route in the checked tables is at least as specific as one of the service prefix list's CIDRs and inside it.",
  why: 'Routing picks the longest prefix (and a CIDR route beats a prefix-list route of the same length), so such a route sends part of the service traffic to NAT or the internet gateway although the endpoint route is present.',
  fix: 'Remove the more specific route, or point it at the endpoint by removing it and relying on the prefix-list route.',
  scope: 'endpoint',
  forType: 'Gateway',
  reads: ['endpoints', 'routeTables', 'subnets', 'prefixLists'],
  readsFor: ({ decl }) => gatewayReads(['endpoints', 'routeTables', 'subnets', 'prefixLists'] as const, decl),
  decide: ({ routeTables, subnets, prefixLists }, ctx) => {
    const { endpoint, decl } = ctx
    const subject = endpointSubject(ctx)
    const list = prefixListsByName(prefixLists).get(decl.serviceName)
    const bad = list ? unparsableCidrs(list.cidrs) : []
    if (!list || list.cidrs.length === 0 || bad.length > 0) {
      const why = !list
        ? `DescribePrefixLists returned no prefix list named ${decl.serviceName}`
        : list.cidrs.length === 0
          ? `DescribePrefixLists returned ${list.id} (${list.name}) without its CIDRs`
          : `${list.id} has CIDRs that do not parse (${bad.join(', ')})`
      return [
        finding(
          'gateway-route-not-shadowed',
          'inconclusive',
          subject,
          `Could not check for routes more specific than the route to ${endpoint.id}: ${why}.`,
          { 'prefix-list': list?.id ?? '' }
        )
      ]
    }
    const findings: Finding[] = []
    const plan = gatewayTables(decl, endpoint, routeTables, subnets)
    for (const { table, reason, endpointRoute } of plan.checked) {
      if (!endpointRoute) continue
      const shadows = shadowingRoutes(table.routes, list.cidrs, endpoint.id)
      if (shadows.length === 0) {
        findings.push(
          finding(
            'gateway-route-not-shadowed',
            'pass',
            subject,
            `No route in ${table.id} is more specific than the endpoint route.`,
            { 'route-table': table.id }
          )
        )
        continue
      }
      const listed = shadows
        .map(r => {
          const state = r.state === 'active' ? '' : ` (state: ${r.state || 'not reported'})`
          return `${r.destinationCidrBlock ?? r.destinationIpv6CidrBlock} → ${describeRouteTarget(r)}${state}`
        })
        .join(', ')
      findings.push(
        finding(
          'gateway-route-not-shadowed',
          'fail',
          subject,
          `Route table ${table.id} (${reason}) has ${listed}, more specific than the route to ${endpoint.id}: that part of the service's traffic bypasses the endpoint.`,
          { 'route-table': table.id, 'shadowing-routes': listed }
        )
      )
    }
    return withTableCoverage('gateway-route-not-shadowed', subject, plan, endpoint.id, findings)
  }
})
