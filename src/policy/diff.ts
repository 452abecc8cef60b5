import type { EndpointDeclaration, Manifest, SourceLocation, VpcDeclaration } from '../manifest/types.js'
import { ignoreWeakenings } from './ignore-diff.js'

/**
 * How a pull request's manifest (head) differs from the policy it is checked against (base). Pure: two
 * manifests in, plain data out, so every kind of change is tested without git or GitHub.
 */
export interface PolicyDiff {
  /** Declared in head only: not checked by this run (the base policy decides), checked after merge. */
  added: PolicyChange[]
  /** Declared in base, gone from head. */
  removed: PolicyChange[]
  /** Still declared, but with a promise relaxed (private DNS off, probe off, a subnet dropped, an ignore entry added...). */
  weakened: PolicyChange[]
}

export interface PolicyChange {
  vpcId: string
  region: string
  /** Service short name; absent for a whole VPC. */
  service?: string
  /** What changed, as a reviewer reads it, e.g. `private-dns true → false`. */
  what: string
  /** Where to show it: always a line of the HEAD manifest (the file the pull request changes). */
  location: SourceLocation
}

export function isWeakening(diff: PolicyDiff): boolean {
  return diff.removed.length > 0 || diff.weakened.length > 0
}

const vpcKey = (v: VpcDeclaration) => `${v.region}\u0000${v.id}`
const endpointKey = (e: EndpointDeclaration) => `${e.serviceName}\u0000${e.type}`

export function diffPolicy(base: Manifest, head: Manifest): PolicyDiff {
  const diff: PolicyDiff = { added: [], removed: [], weakened: [] }
  const headFileStart: SourceLocation = { file: head.file, line: 1, column: 1 }
  const headVpcs = new Map(head.vpcs.map(v => [vpcKey(v), v]))
  const baseVpcs = new Map(base.vpcs.map(v => [vpcKey(v), v]))

  for (const b of base.vpcs) {
    const h = headVpcs.get(vpcKey(b))
    if (!h) {
      diff.removed.push({
        vpcId: b.id,
        region: b.region,
        what: `VPC ${b.id} (${b.region}) and its ${plural(b.endpoints.length, 'endpoint')} removed`,
        location: headFileStart
      })
      continue
    }
    diff.weakened.push(...vpcWeakenings(b, h))
    const headEndpoints = new Map(h.endpoints.map(e => [endpointKey(e), e]))
    for (const be of b.endpoints) {
      const he = headEndpoints.get(endpointKey(be))
      if (!he) {
        diff.removed.push({
          vpcId: b.id,
          region: b.region,
          service: be.service,
          what: `endpoint ${be.service} (${be.type}) removed from ${b.id}`,
          location: h.fieldLocations?.['endpoints'] ?? h.location
        })
        continue
      }
      diff.weakened.push(...endpointWeakenings(h, be, he))
    }
    const baseEndpoints = new Set(b.endpoints.map(endpointKey))
    for (const he of h.endpoints) {
      if (baseEndpoints.has(endpointKey(he))) continue
      diff.added.push({
        vpcId: h.id,
        region: h.region,
        service: he.service,
        what: `endpoint ${he.service} (${he.type}) added to ${h.id}`,
        location: he.location
      })
    }
  }
  for (const h of head.vpcs) {
    if (baseVpcs.has(vpcKey(h))) continue
    diff.added.push({
      vpcId: h.id,
      region: h.region,
      what: `VPC ${h.id} (${h.region}) added with ${plural(h.endpoints.length, 'endpoint')}`,
      location: h.location
    })
  }
  diff.weakened.push(...ignoreWeakenings(base, head))
  return diff
}

function vpcWeakenings(b: VpcDeclaration, h: VpcDeclaration): PolicyChange[] {
  const changes: PolicyChange[] = []
  const at = (field: string) => h.fieldLocations?.[field] ?? h.location
  const change = (what: string, field: string) =>
    changes.push({ vpcId: h.id, region: h.region, what, location: at(field) })
  // The account assertion is what catches credentials for the wrong account.
  if (b.account !== undefined && h.account !== b.account)
    change(`account ${b.account} → ${h.account ?? '(no longer asserted)'}`, h.account ? 'account' : 'id')
  // Another role is another identity, possibly in another account: reviewers must see it.
  if (b.roleArn !== h.roleArn)
    change(`role-arn ${b.roleArn ?? '(none)'} → ${h.roleArn ?? '(none)'}`, h.roleArn ? 'role-arn' : 'id')
  return changes
}

function endpointWeakenings(
  vpc: VpcDeclaration,
  b: EndpointDeclaration,
  h: EndpointDeclaration
): PolicyChange[] {
  const changes: PolicyChange[] = []
  const at = (field: string) => h.fieldLocations?.[field] ?? h.location
  const change = (what: string, field: string) =>
    changes.push({
      vpcId: vpc.id,
      region: vpc.region,
      service: h.service,
      what: `${h.service}: ${what}`,
      location: at(field)
    })

  if (b.privateDns && !h.privateDns) change('private-dns true → false', 'private-dns')
  if (b.probe !== false && h.probe === false) change(`probe ${b.probe ?? '(default)'} → false`, 'probe')
  // A pinned id says which endpoint the traffic must use; unpinning accepts any endpoint of the service.
  if (b.id !== undefined && h.id !== b.id)
    change(`id ${b.id} → ${h.id ?? '(any endpoint of the service)'}`, h.id ? 'id' : 'service')
  const droppedSubnets = b.subnets.filter(s => !h.subnets.includes(s))
  if (droppedSubnets.length > 0)
    change(
      `${plural(droppedSubnets.length, 'subnet')} dropped (${droppedSubnets.join(', ')})`,
      h.subnets.length > 0 ? 'subnets' : 'service'
    )
  const droppedTables = b.routeTables.filter(t => !h.routeTables.includes(t))
  if (droppedTables.length > 0)
    change(
      `${plural(droppedTables.length, 'route table')} dropped (${droppedTables.join(', ')})`,
      h.routeTables.length > 0 ? 'route-tables' : 'service'
    )
  return changes
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
