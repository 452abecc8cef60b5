import type { Finding, Verdict } from '../../model/finding.js'
import { byImportance, rowKey, worstVerdict } from '../markdown/order.js'

/**
 * What a diagram of one VPC's paths shows, read from the findings alone (so `mode: publish` draws it
 * from an artifact too): the runner, and per declared endpoint the DNS answer, the route tables, the
 * endpoint and whether the probe's CloudTrail record went through it.
 */
export interface VpcPaths {
  vpcId: string
  region: string
  /** Addresses the probes came from (CloudTrail `sourceIPAddress`). */
  runnerIps: string[]
  endpoints: EndpointPath[]
}

export interface Step {
  label: string
  verdict: Verdict | undefined
}

export interface EndpointPath {
  service: string
  endpointId?: string
  /** Worst verdict of the endpoint's configuration (exists, state, type, private DNS, subnets). */
  endpoint: Verdict | undefined
  /** Interface: the hostname and what it resolved to. */
  dns?: Step
  /** Gateway: each route table checked, with the worst verdict of its route checks. */
  routeTables: Step[]
  /** The probe as CloudTrail recorded it: through the endpoint (pass) or around it (fail). */
  traffic?: Step & { around: boolean }
  /**
   * The hop list of a Reachability Analyzer path, in order, when a rule put one in its evidence as
   * `hops` ("igw-…, rtb-…, vpce-…"): drawn as its own chain.
   */
  hops?: { ids: string[]; verdict: Verdict | undefined }
}

/** The evidence key a Reachability Analyzer rule fills with its path's hops, comma-separated. */
export const HOPS_EVIDENCE_KEY = 'hops'

const ROUTE_RULES = /^gateway-route/
const CONFIG_RULES = new Set([
  'endpoint-exists',
  'endpoint-available',
  'endpoint-type-matches',
  'private-dns-enabled',
  'endpoint-in-subnets'
])

function endpointPath(findings: Finding[]): EndpointPath {
  const first = findings[0]!
  const of = (id: string) => findings.filter(f => f.ruleId === id).sort(byImportance)
  const path: EndpointPath = {
    service: first.service ?? '',
    ...(first.endpointId ? { endpointId: first.endpointId } : {}),
    endpoint: worstVerdict(findings.filter(f => CONFIG_RULES.has(f.ruleId)).map(f => f.verdict)),
    routeTables: []
  }
  const dns = of('dns-resolves-to-endpoint')[0]
  if (dns && dns.verdict !== 'skipped') {
    const host = dns.evidence['host'] ?? `${path.service} hostname`
    const answers = dns.evidence['answers']
    path.dns = { label: answers ? `${host} → ${answers}` : host, verdict: dns.verdict }
  }
  const tables = new Map<string, Verdict[]>()
  for (const f of findings.filter(f => ROUTE_RULES.test(f.ruleId))) {
    const id = f.evidence['route-table']
    if (!id) continue
    tables.set(id, [...(tables.get(id) ?? []), f.verdict])
  }
  path.routeTables = [...tables].map(([label, verdicts]) => ({ label, verdict: worstVerdict(verdicts) }))
  const traffic = of('traffic-via-endpoint')[0]
  if (traffic && traffic.verdict !== 'skipped') {
    const around = traffic.verdict === 'fail' && !traffic.evidence['vpcEndpointId']
    const source = traffic.evidence['sourceIPAddress']
    path.traffic = {
      label: around ? `no vpcEndpointId${source ? `, from ${source}` : ''}` : 'CloudTrail',
      verdict: traffic.verdict,
      around
    }
  }
  // Reachability Analyzer's own hop list (Finding.networkPath) first; the evidence key for any other rule.
  const withPath = findings.find(f => f.networkPath && f.networkPath.length > 0)
  const withHops = withPath ?? findings.find(f => f.evidence[HOPS_EVIDENCE_KEY])
  if (withHops) {
    const ids = (
      withPath
        ? (withPath.networkPath ?? []).map(h => h.id)
        : (withHops.evidence[HOPS_EVIDENCE_KEY] ?? '').split(/[,\s]+/)
    )
      .filter(Boolean)
      .slice(0, 30)
    if (ids.length > 0) path.hops = { ids, verdict: withHops.verdict }
  }
  return path
}

/** One entry per VPC, endpoints in manifest order. */
export function pathsOf(findings: readonly Finding[]): VpcPaths[] {
  const vpcs = new Map<string, { region: string; ips: Set<string>; endpoints: Map<string, Finding[]> }>()
  for (const f of findings) {
    let vpc = vpcs.get(f.vpcId)
    if (!vpc) vpcs.set(f.vpcId, (vpc = { region: f.region, ips: new Set(), endpoints: new Map() }))
    const ip = f.ruleId === 'source-ip-private' ? f.evidence['sourceIPAddress'] : undefined
    if (ip) vpc.ips.add(ip)
    if (!f.service) continue
    const key = rowKey(f)
    const group = vpc.endpoints.get(key)
    if (group) group.push(f)
    else vpc.endpoints.set(key, [f])
  }
  return [...vpcs].map(([vpcId, v]) => ({
    vpcId,
    region: v.region,
    runnerIps: [...v.ips].sort().slice(0, 4),
    endpoints: [...v.endpoints.values()]
      .sort((a, b) => a[0]!.location.line - b[0]!.location.line)
      .map(endpointPath)
  }))
}
