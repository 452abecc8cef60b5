import { finding } from '../finding-builder.js'
import { matchEndpoint } from '../match-endpoint.js'
import { defineRule } from '../rule-declaration.js'

/** `endpoint-declared`: drift is a warning, one per endpoint nobody declared, on the VPC's line. */
export const undeclaredEndpoints = defineRule({
  id: 'endpoint-declared',
  kind: 'configuration',
  title: 'No undeclared endpoints (drift)',
  family: 'Exists',
  found: { pass: 'Every endpoint is declared', warn: 'Endpoint not in the manifest (drift)' },
  severity: 3.0,
  checks: 'Every endpoint in the VPC is declared in the manifest.',
  why: 'An undeclared endpoint is drift: it may change traffic paths (and costs) without review.',
  fix: 'Declare the endpoint in the manifest, or delete it if nobody needs it.',
  scope: 'drift',
  reads: ['endpoints'],
  decide: ({ endpoints }, { vpc }) => {
    const declared = new Set(vpc.endpoints.flatMap(d => matchEndpoint(d, endpoints)?.id ?? []))
    const undeclared = endpoints.filter(e => !declared.has(e.id) && e.state !== 'deleted')
    if (undeclared.length === 0) {
      return [finding('endpoint-declared', 'pass', { vpc }, `Every endpoint in ${vpc.id} is declared.`)]
    }
    return undeclared.map(e =>
      finding(
        'endpoint-declared',
        'warn',
        { vpc, endpointId: e.id },
        `${e.id} (${e.type}, ${e.serviceName}) is in ${vpc.id} but not in the manifest.`,
        { service: e.serviceName, state: e.state }
      )
    )
  }
})
