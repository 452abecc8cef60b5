import { stripControl } from '../core/escape-log.js'
import { Document, isMap, isSeq, visit, type YAMLMap } from 'yaml'
import type { VpcEndpoint, VpcSnapshot } from '../aws/snapshot.js'
import { knownServices } from '../manifest/known-values.js'
import type { Manifest } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'

/** The line editors read to validate the manifest against the published schema (as in docs/manifest.md). */
export const SCHEMA_COMMENT =
  ' yaml-language-server: $schema=https://raw.githubusercontent.com/vpce-proof/vpce-proof/main/schema/manifest.schema.json'

/** Where a generated endpoint sits in the document, and why another endpoint was left out. */
export interface DraftVpc {
  id: string
  endpoints: Array<{ endpoint: VpcEndpoint; fields: Record<string, unknown> }>
  /** Endpoints the manifest cannot declare (another type, a second endpoint of one service). */
  left: string[]
}

/** What the VPC has now, as manifest entries: short names, types, subnets / route tables, private DNS. */
export function draftVpc(snapshot: VpcSnapshot, endpoints: readonly VpcEndpoint[]): DraftVpc {
  const draft: DraftVpc = { id: snapshot.vpcId, endpoints: [], left: [] }
  const seen = new Set<string>()
  const live = endpoints.filter(e => !['deleting', 'deleted'].includes(e.state))
  for (const endpoint of [...live].sort((a, b) => a.serviceName.localeCompare(b.serviceName))) {
    if (endpoint.type !== 'Interface' && endpoint.type !== 'Gateway') {
      draft.left.push(
        `${endpoint.id} (${endpoint.serviceName}): type ${endpoint.type} is not checked by vpce-proof`
      )
      continue
    }
    const service = shortName(endpoint.serviceName, snapshot.region)
    // The manifest allows one declaration per service and type (s3 may have a Gateway and an Interface).
    const key = `${service}|${endpoint.type}`
    if (seen.has(key)) {
      draft.left.push(`${endpoint.id} (${endpoint.serviceName}): a second endpoint of this service`)
      continue
    }
    seen.add(key)
    const fields: Record<string, unknown> = { service, type: endpoint.type }
    if (endpoint.type === 'Interface') {
      // The promise is private DNS on (the default): an endpoint found with it off is flagged, not declared off.
      fields['private-dns'] = true
      if (endpoint.subnetIds.length > 0) fields.subnets = [...endpoint.subnetIds].sort()
    } else if (endpoint.routeTableIds.length > 0) {
      fields['route-tables'] = [...endpoint.routeTableIds].sort()
    }
    draft.endpoints.push({ endpoint, fields })
  }
  return draft
}

/** `com.amazonaws.<region>.sns` → `sns` when vpce-proof knows the service; other names stay whole. */
function shortName(serviceName: string, region: string): string {
  for (const prefix of [`com.amazonaws.${region}.`, `cn.com.amazonaws.${region}.`]) {
    if (serviceName.startsWith(prefix)) {
      const short = serviceName.slice(prefix.length)
      if (knownServices.includes(short)) return short
    }
  }
  return serviceName
}

/** Problems `check` reports on the generated manifest, per VPC and per endpoint (indexes as in the drafts). */
export interface Flags {
  vpc: Map<number, string[]>
  endpoint: Map<string, string[]>
}

export function flagsFrom(
  manifest: Manifest,
  drafts: readonly DraftVpc[],
  findings: readonly Finding[]
): Flags {
  const flags: Flags = { vpc: new Map(), endpoint: new Map() }
  const push = <K>(map: Map<K, string[]>, key: K, text: string) => {
    const list = map.get(key) ?? []
    if (!list.includes(text)) list.push(text)
    map.set(key, list)
  }
  for (const finding of findings) {
    if (finding.verdict === 'pass' || finding.verdict === 'skipped') continue
    const text = `${finding.verdict === 'fail' ? 'check will fail' : `check will report ${finding.verdict}`} (${finding.ruleId}): ${oneLine(finding.message)}`
    const v = manifest.vpcs.findIndex(vpc => vpc.id === finding.vpcId && vpc.region === finding.region)
    const vpc = manifest.vpcs[v]
    // The endpoint the finding is about: by id when it was located, else by the declaration's line.
    const byId = drafts[v]?.endpoints.findIndex(d => d.endpoint.id === finding.endpointId) ?? -1
    const e =
      finding.endpointId !== undefined && byId >= 0
        ? byId
        : (vpc?.endpoints.findIndex(d => d.location.line === finding.location.line) ?? -1)
    if (e >= 0) push(flags.endpoint, `${v}/${e}`, text)
    else push(flags.vpc, Math.max(v, 0), text)
  }
  return flags
}

/** The manifest text: schema line, one region, the drafts, and a comment over each flagged entry. */
export function renderManifest(region: string, drafts: readonly DraftVpc[], flags?: Flags): string {
  const doc = new Document({
    version: 1,
    region,
    vpcs: drafts.map(d => ({ id: d.id, endpoints: d.endpoints.map(e => e.fields) }))
  })
  doc.commentBefore = [
    SCHEMA_COMMENT,
    '',
    ' Written by `vpce-proof init` from what EC2 showed.',
    ' Review it: it declares what exists now, which is not always what was meant. Reference: docs/manifest.md'
  ].join('\n')
  // Lists of ids read best on one line, as in the docs' examples.
  visit(doc, {
    Pair(_, pair) {
      const key = String((pair.key as { value?: unknown })?.value ?? '')
      if ((key === 'subnets' || key === 'route-tables') && isSeq(pair.value)) pair.value.flow = true
    }
  })
  drafts.forEach((draft, v) => {
    const vpcNode = doc.getIn(['vpcs', v], true) as YAMLMap
    const vpcNotes = [...(flags?.vpc.get(v) ?? []), ...draft.left.map(l => `not declared: ${l}`)]
    if (vpcNotes.length > 0) vpcNode.commentBefore = vpcNotes.map(commentLine).join('\n')
    draft.endpoints.forEach((_, e) => {
      const notes = flags?.endpoint.get(`${v}/${e}`)
      const node = doc.getIn(['vpcs', v, 'endpoints', e], true)
      if (notes && isMap(node)) node.commentBefore = notes.map(commentLine).join('\n')
    })
  })
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false })
}

/**
 * One comment line. Notes carry AWS's strings (service names, messages): YAML ends a comment at a CR or
 * LF, so a line break in them would turn the rest into manifest content.
 */
function commentLine(note: string): string {
  return ` ${oneLine(stripControl(note.replace(/[\r\n]+/g, ' ')))}`
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}
