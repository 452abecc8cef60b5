/**
 * What a plan leaves open: values Terraform knows only after apply, and changes vpce-proof does not model.
 * Kept beside the planned snapshot, keyed by the ids the rules see, so the prediction of every rule that
 * depends on one of them is `inconclusive` naming it, never decided on a stand-in value.
 */
export interface Unknown {
  /** Terraform resource address, e.g. `module.net.aws_route_table_association.private[0]`. */
  address: string
  /** The argument or attribute that is open, e.g. `route_table_id`, or why (`change not modelled`). */
  attribute: string
}

/** Endpoint fields a plan can leave open (names as in the snapshot's VpcEndpoint). */
export type EndpointField =
  'state' | 'type' | 'serviceName' | 'privateDnsEnabled' | 'subnetIds' | 'routeTableIds'

export class PlanUnknowns {
  /** Endpoint id (or `new:` key) → field → what is open. */
  readonly endpoint = new Map<string, Map<EndpointField, Unknown>>()
  /** Route table id → its routes are not all known. */
  readonly tableRoutes = new Map<string, Unknown[]>()
  /** `rtb|vpce` → the state of an endpoint route the plan adds (EC2 sets it when the route is made). */
  readonly routeState = new Map<string, Unknown[]>()
  /** Subnet id → the table it will be associated with is open. */
  readonly subnet = new Map<string, Unknown[]>()
  /** The next five are keyed by VPC id, `*` for any VPC. Which table is the VPC's main table is open. */
  readonly main = new Map<string, Unknown[]>()
  /** An association of a subnet whose id is open: any subnet may move. */
  readonly anySubnet = new Map<string, Unknown[]>()
  /** An endpoint whose VPC, service or type is open: which endpoint a declaration means is open. */
  readonly endpointList = new Map<string, Unknown[]>()
  readonly enableDnsSupport = new Map<string, Unknown[]>()
  readonly enableDnsHostnames = new Map<string, Unknown[]>()
  /** Everything open, for rules this file does not know (a new rule is inconclusive, never passed). */
  readonly all: Unknown[] = []

  addEndpoint(id: string, field: EndpointField, u: Unknown): void {
    let fields = this.endpoint.get(id)
    if (!fields) this.endpoint.set(id, (fields = new Map()))
    if (!fields.has(field)) fields.set(field, u)
    this.all.push(u)
  }

  add(map: Map<string, Unknown[]>, key: string, u: Unknown): void {
    const list = map.get(key)
    if (list) list.push(u)
    else map.set(key, [u])
    this.all.push(u)
  }

  /** What is open under this key, and under `*` (anything). */
  of(map: ReadonlyMap<string, Unknown[]>, key: string): Unknown[] {
    return [...(map.get(key) ?? []), ...(map.get('*') ?? [])]
  }
}

export function describeUnknowns(unknowns: readonly Unknown[]): string {
  const seen = new Set<string>()
  const parts: string[] = []
  for (const u of unknowns) {
    const text = `${u.attribute} of ${u.address}`
    if (seen.has(text)) continue
    seen.add(text)
    parts.push(text)
  }
  const shown = parts.slice(0, 3).join(', ')
  return parts.length > 3 ? `${shown} and ${parts.length - 3} more` : shown
}
