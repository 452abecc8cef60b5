import { finding } from '../finding-builder.js'
import { locateEndpoint } from '../match-endpoint.js'
import { defineRule } from '../rule-declaration.js'

/**
 * `endpoint-exists`: the declaration's endpoint is there and serves the declared service. A pinned id
 * serving another service is one fail naming both; the engine skips that declaration's other rules.
 */
export const endpointExists = defineRule({
  id: 'endpoint-exists',
  kind: 'configuration',
  title: 'Declared endpoint exists',
  family: 'Exists',
  found: { fail: 'Declared endpoint not found' },
  severity: 7.0,
  checks:
    'An endpoint with the pinned `id` (or, without one, with the declared service name) exists in the VPC and serves the declared service.',
  why: 'Without the endpoint, traffic to the service leaves through a NAT or internet gateway, or fails.',
  fix: 'Create the endpoint (Terraform aws_vpc_endpoint, CloudFormation AWS::EC2::VPCEndpoint) or correct the `id`/`service`.',
  scope: 'declaration',
  reads: ['endpoints'],
  decide: ({ endpoints }, { vpc, decl }) => {
    const located = locateEndpoint(decl, endpoints)
    const subject = { vpc, endpoint: decl }
    if (located.kind === 'missing') {
      const message = decl.id
        ? `Endpoint ${decl.id} (${decl.serviceName}) was not found in ${vpc.id}.`
        : `No endpoint for ${decl.serviceName} was found in ${vpc.id}: its traffic leaves through NAT or the internet gateway, or fails.`
      return [finding('endpoint-exists', 'fail', subject, message, { service: decl.serviceName })]
    }
    const { endpoint } = located
    const found = { ...subject, endpointId: endpoint.id }
    if (located.kind === 'other-service') {
      return [
        finding(
          'endpoint-exists',
          'fail',
          found,
          `The pinned endpoint ${endpoint.id} serves ${endpoint.serviceName}, but the manifest declares it for ${decl.serviceName}: ${decl.service} has no endpoint of its own here.`,
          { service: decl.serviceName, 'endpoint-service': endpoint.serviceName }
        )
      ]
    }
    return [finding('endpoint-exists', 'pass', found, `${endpoint.id} serves ${endpoint.serviceName}.`)]
  }
})
