import type { Finding } from '../../model/finding.js'
import { finding } from '../finding-builder.js'
import { withTableCoverage } from '../gateway-coverage.js'
import { gatewayReads, gatewayTables } from '../gateway-tables.js'
import { defineRule, endpointSubject } from '../rule-declaration.js'

/** `gateway-route-active`: each endpoint route found in a checked table is active. */
export const gatewayBlackhole = defineRule({
  id: 'gateway-route-active',
  kind: 'configuration',
  title: 'Gateway endpoint route is not a blackhole',
  family: 'DNS / routes',
  found: { fail: 'Gateway endpoint route is a blackhole' },
  severity: 7.0,
  checks: 'The prefix-list route in the route tables checked is `active`, not `blackhole`.',
  why: 'A blackhole route drops the traffic it matches.',
  fix: 'Recreate the endpoint or its route table association; a blackhole route points at an endpoint that no longer exists.',
  scope: 'endpoint',
  forType: 'Gateway',
  reads: ['endpoints', 'routeTables', 'subnets'],
  readsFor: ({ decl }) => gatewayReads(['endpoints', 'routeTables', 'subnets'] as const, decl),
  decide: ({ routeTables, subnets }, ctx) => {
    const { endpoint } = ctx
    const subject = endpointSubject(ctx)
    const findings: Finding[] = []
    const plan = gatewayTables(ctx.decl, endpoint, routeTables, subnets)
    for (const { table, reason, endpointRoute } of plan.checked) {
      if (!endpointRoute) continue
      const evidence = { 'route-table': table.id }
      const where = `The route to ${endpoint.id} in ${table.id} (${reason})`
      if (endpointRoute.state === 'active') {
        findings.push(finding('gateway-route-active', 'pass', subject, `${where} is active.`, evidence))
      } else if (endpointRoute.state === 'blackhole') {
        findings.push(
          finding(
            'gateway-route-active',
            'fail',
            subject,
            `${where} is a blackhole: matching traffic is dropped.`,
            evidence
          )
        )
      } else {
        findings.push(
          finding(
            'gateway-route-active',
            'inconclusive',
            subject,
            `Could not check ${where}: DescribeRouteTables reported its state as "${endpointRoute.state || 'nothing'}".`,
            evidence
          )
        )
      }
    }
    return withTableCoverage('gateway-route-active', subject, plan, endpoint.id, findings)
  }
})
