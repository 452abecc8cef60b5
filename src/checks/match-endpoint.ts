import type { VpcEndpoint } from '../aws/snapshot.js'
import type { EndpointDeclaration } from '../manifest/types.js'

/**
 * Finds the endpoint a declaration means: by pinned id, else by service name. S3 can have a Gateway and
 * an Interface endpoint at once, so among same-name endpoints the declared type wins, then an available one.
 */
export function matchEndpoint(
  decl: EndpointDeclaration,
  endpoints: readonly VpcEndpoint[]
): VpcEndpoint | undefined {
  if (decl.id) return endpoints.find(e => e.id === decl.id)
  const candidates = endpoints.filter(e => e.serviceName === decl.serviceName && e.state !== 'deleted')
  const rank = (e: VpcEndpoint) => (e.type === decl.type ? 2 : 0) + (e.state === 'available' ? 1 : 0)
  return [...candidates].sort((a, b) => rank(b) - rank(a))[0]
}
