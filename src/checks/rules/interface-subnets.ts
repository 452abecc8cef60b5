import { finding } from '../finding-builder.js'
import { interfacesById } from '../indexes.js'
import { defineRule, endpointSubject } from '../rule-declaration.js'

/** `endpoint-in-subnets`: every declared subnet has one of the endpoint's network interfaces. */
export const interfaceSubnets = defineRule({
  id: 'endpoint-in-subnets',
  kind: 'configuration',
  title: 'Endpoint has an ENI in each declared subnet',
  family: 'Subnets',
  found: { fail: 'No endpoint ENI in a declared subnet' },
  severity: 5.0,
  checks: 'For every declared subnet of an Interface endpoint, the endpoint has a network interface in it.',
  why: 'Workloads reach the endpoint in their own Availability Zone; a missing subnet means cross-AZ traffic or no endpoint in that AZ.',
  fix: 'aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce> --add-subnet-ids <subnet>',
  scope: 'endpoint',
  forType: 'Interface',
  reads: ['endpoints', 'networkInterfaces'],
  applies: ({ decl }) => decl.subnets.length > 0,
  decide: ({ networkInterfaces }, ctx) => {
    const { endpoint, decl } = ctx
    const byId = interfacesById(networkInterfaces)
    const enis = endpoint.networkInterfaceIds.flatMap(id => byId.get(id) ?? [])
    const subnetsWithEni = new Set([...endpoint.subnetIds, ...enis.map(n => n.subnetId)])
    const missing = decl.subnets.filter(s => !subnetsWithEni.has(s))
    const eniIds = enis.map(n => `${n.id} (${n.subnetId})`).join(', ')
    if (missing.length === 0) {
      return [
        finding(
          'endpoint-in-subnets',
          'pass',
          endpointSubject(ctx),
          `${endpoint.id} has a network interface in each declared subnet (${decl.subnets.join(', ')}).`,
          eniIds ? { enis: eniIds } : {}
        )
      ]
    }
    return [
      finding(
        'endpoint-in-subnets',
        'fail',
        endpointSubject(ctx),
        `${endpoint.id} has no network interface in ${missing.join(', ')}; it is in ${endpoint.subnetIds.join(', ') || 'no subnet'}.`,
        { 'missing-subnets': missing.join(', '), ...(eniIds ? { enis: eniIds } : {}) }
      )
    ]
  }
})
