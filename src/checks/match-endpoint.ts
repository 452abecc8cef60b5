import type { VpcEndpoint } from '../aws/snapshot.js'
import type { EndpointDeclaration } from '../manifest/types.js'
import { endpointIndex } from './indexes.js'

/**
 * Finds the endpoint a declaration means: by pinned id, else by service name. S3 can have a Gateway and
 * an Interface endpoint at once, so among same-name endpoints the declared type wins, then an available one.
 */
export function matchEndpoint(
  decl: EndpointDeclaration,
  endpoints: readonly VpcEndpoint[]
): VpcEndpoint | undefined {
  // The engine, the existence rule and drift all ask for the same declaration: answer once.
  let known = matches.get(endpoints)
  if (!known) {
    known = new WeakMap()
    matches.set(endpoints, known)
  }
  if (known.has(decl)) return known.get(decl)
  const found = findEndpoint(decl, endpoints)
  known.set(decl, found)
  return found
}

const matches = new WeakMap<readonly VpcEndpoint[], WeakMap<EndpointDeclaration, VpcEndpoint | undefined>>()

function findEndpoint(decl: EndpointDeclaration, endpoints: readonly VpcEndpoint[]): VpcEndpoint | undefined {
  const index = endpointIndex(endpoints)
  if (decl.id) return index.byId.get(decl.id)
  const candidates = (index.byServiceName.get(decl.serviceName) ?? []).filter(e => e.state !== 'deleted')
  const rank = (e: VpcEndpoint) => (e.type === decl.type ? 2 : 0) + (e.state === 'available' ? 1 : 0)
  let best: VpcEndpoint | undefined
  for (const e of candidates) if (!best || rank(e) > rank(best)) best = e
  return best
}

export type Located =
  | { kind: 'found'; endpoint: VpcEndpoint }
  | { kind: 'missing' }
  /** A pinned id that exists but serves another service: not the endpoint the declaration means. */
  | { kind: 'other-service'; endpoint: VpcEndpoint }

export function locateEndpoint(decl: EndpointDeclaration, endpoints: readonly VpcEndpoint[]): Located {
  const endpoint = matchEndpoint(decl, endpoints)
  if (!endpoint) return { kind: 'missing' }
  if (endpoint.serviceName !== decl.serviceName) return { kind: 'other-service', endpoint }
  return { kind: 'found', endpoint }
}
