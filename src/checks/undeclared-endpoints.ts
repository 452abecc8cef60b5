import type { VpcEndpoint, VpcSnapshot } from '../aws/snapshot.js'
import type { VpcDeclaration } from '../manifest/types.js'
import { finding } from './finding-builder.js'
import type { Finding } from '../model/finding.js'

/** `endpoint-undeclared`: drift is a warning, one per endpoint nobody declared, on the VPC's line. */
export function checkUndeclaredEndpoints(
  vpc: VpcDeclaration,
  snap: VpcSnapshot,
  declared: ReadonlySet<string>
): Finding[] {
  if (!snap.endpoints.ok) return []
  const undeclared = snap.endpoints.value.filter(e => !declared.has(e.id) && e.state !== 'deleted')
  if (undeclared.length === 0) {
    return [finding('endpoint-undeclared', 'pass', { vpc }, `Every endpoint in ${vpc.id} is declared.`)]
  }
  return undeclared.map((e: VpcEndpoint) =>
    finding(
      'endpoint-undeclared',
      'warn',
      { vpc, endpointId: e.id },
      `${e.id} (${e.type}, ${e.serviceName}) is in ${vpc.id} but not in the manifest.`,
      { service: e.serviceName, state: e.state }
    )
  )
}
