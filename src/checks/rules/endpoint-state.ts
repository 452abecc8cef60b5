import { finding } from '../finding-builder.js'
import { defineRule, endpointSubject } from '../rule-declaration.js'

export const endpointAvailable = defineRule({
  id: 'endpoint-available',
  kind: 'configuration',
  title: 'Endpoint is available',
  family: 'Exists',
  found: { fail: 'Endpoint is not available' },
  severity: 7.0,
  checks:
    'The endpoint state is `available` (not pendingAcceptance, pending, rejected, failed, expired, deleting).',
  why: 'An endpoint in any other state carries no traffic.',
  fix: 'Accept the connection on the service side, or recreate a failed/rejected endpoint; wait for pending ones.',
  scope: 'endpoint',
  reads: ['endpoints'],
  decide: (_facts, ctx) => {
    const { endpoint } = ctx
    if (!endpoint.state) {
      return [
        finding(
          'endpoint-available',
          'inconclusive',
          endpointSubject(ctx),
          `Could not check whether ${endpoint.id} is available: DescribeVpcEndpoints did not report its state.`
        )
      ]
    }
    return [
      endpoint.state === 'available'
        ? finding('endpoint-available', 'pass', endpointSubject(ctx), `${endpoint.id} is available.`)
        : finding(
            'endpoint-available',
            'fail',
            endpointSubject(ctx),
            `${endpoint.id} is ${endpoint.state}, not available: it carries no traffic.`,
            { state: endpoint.state }
          )
    ]
  }
})

export const endpointType = defineRule({
  id: 'endpoint-type-matches',
  kind: 'configuration',
  title: 'Endpoint type matches',
  family: 'Exists',
  found: { fail: 'Endpoint is of another type' },
  severity: 6.0,
  checks: 'The endpoint found is of the declared `type` (Interface or Gateway).',
  why: 'S3 has both kinds, and they behave differently: gateway endpoints route by prefix list, interface endpoints by DNS.',
  fix: 'Change `type` in the manifest to what you meant, or replace the endpoint.',
  scope: 'endpoint',
  reads: ['endpoints'],
  decide: (_facts, ctx) => {
    const { endpoint, decl } = ctx
    return [
      endpoint.type === decl.type
        ? finding(
            'endpoint-type-matches',
            'pass',
            endpointSubject(ctx),
            `${endpoint.id} is of type ${endpoint.type}.`
          )
        : finding(
            'endpoint-type-matches',
            'fail',
            endpointSubject(ctx),
            `${endpoint.id} is of type ${endpoint.type}, but the manifest declares ${decl.type}.`,
            { type: endpoint.type }
          )
    ]
  }
})
