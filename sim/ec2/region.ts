import type { OperationCall } from '../core/operation.js'
import { SimError } from '../core/response.js'
import { stableId } from '../core/ids.js'
import type { SimVpc } from '../scenario.js'

/** EC2 is regional: a call sees only the VPCs of the region it was signed for. */
export function vpcsIn(call: OperationCall): SimVpc[] {
  return call.env.scenario.vpcs.filter(v => v.region === call.region)
}

/** Ids asked for by name must all exist (filters, by contrast, just match nothing). */
export function requireKnown(
  requested: string[],
  known: Set<string>,
  notFound: (id: string) => SimError
): void {
  const missing = requested.find(id => !known.has(id))
  if (missing !== undefined) throw notFound(missing)
}

export function notFoundError(code: string, what: string, id: string): SimError {
  return new SimError(code, `The ${what} '${id}' does not exist`)
}

/** The VPC's default security group (endpoints and their ENIs carry it). */
export function defaultGroupId(vpc: SimVpc): string {
  return stableId('sg', `${vpc.id}/default`)
}

/** Fixed so repeated calls answer the same bytes. */
export const CREATED_AT = '2024-01-15T09:30:00.000Z'
