import { randomBytes } from 'node:crypto'
import type { OperationCall } from '../core/operation.js'
import { SimError } from '../core/response.js'
import { itemList, node, text, type Xml } from '../core/xml.js'
import { derivedPath, type SimHop } from '../model/network-path.js'
import type { SimExplanation, SimReachabilityOutcome, SimVpc } from '../scenario.js'
import { prefixListsIn } from '../defaults.js'
import { pagedItemList } from './paginate.js'
import { listParam, requiredParam } from './params.js'
import { vpcsIn } from './region.js'

/**
 * Reachability Analyzer's five operations in EC2 query/XML, element names from
 * reference/aws/ec2-reachability-analyzer-shapes-extract.json (CreateNetworkInsightsPathResult →
 * <networkInsightsPath>, DescribeNetworkInsightsAnalysesResult → <networkInsightsAnalysisSet><item>,
 * Explanations → <explanationSet>, ForwardPathComponents → <forwardPathComponentSet>); the two deletes
 * answer <networkInsightsAnalysisId> / <networkInsightsPathId> as the SDK's schema reads them.
 * An analysis is `running` for the scenario's `analysisDelayMs`, then `succeeded` with the scenario's
 * outcome for its destination. ClientTokens are idempotent (EC2 returns the same resource for a repeated
 * token), which is what lets a client recover a path whose create answer was lost. The simulator keeps
 * every path and analysis until it is deleted: `left()` is what a run left behind.
 * Not-found codes are named like EC2's others (InvalidVpcEndpointId.NotFound); AWS's exact codes for
 * these resources were not found in the reference.
 */
export interface NetworkInsightsState {
  paths: Map<string, SimPath>
  analyses: Map<string, SimAnalysis>
  /** ClientToken → id, per operation. */
  tokens: Map<string, string>
  created: { paths: number; analyses: number }
}

interface SimPath {
  id: string
  arn: string
  createdAt: number
  source: string
  destination: string
  protocol: string
  port?: number
  tags: Array<[string, string]>
  vpc: SimVpc
  sourceSubnetId: string
}

interface SimAnalysis {
  id: string
  arn: string
  pathId: string
  startedAt: number
  tags: Array<[string, string]>
}

function state(call: OperationCall): NetworkInsightsState {
  call.env.networkInsights ??= {
    paths: new Map(),
    analyses: new Map(),
    tokens: new Map(),
    created: { paths: 0, analyses: 0 }
  }
  return call.env.networkInsights
}

const hex17 = () => randomBytes(9).toString('hex').slice(0, 17)
const iso = (ms: number) => new Date(ms).toISOString()

function arn(call: OperationCall, type: string, id: string): string {
  return `arn:aws:ec2:${call.region}:${call.identity.accountId}:${type}/${id}`
}

/** `TagSpecification.N.ResourceType` + `TagSpecification.N.Tag.M.Key/Value`, for one resource type. */
function tagsFor(params: URLSearchParams, resourceType: string): Array<[string, string]> {
  const tags: Array<[string, string]> = []
  for (let n = 1; params.has(`TagSpecification.${n}.ResourceType`); n++) {
    const type = params.get(`TagSpecification.${n}.ResourceType`)
    if (type !== resourceType) {
      throw new SimError(
        'InvalidParameterValue',
        `'${type ?? ''}' is not a valid taggable resource type for this operation.`
      )
    }
    for (let m = 1; params.has(`TagSpecification.${n}.Tag.${m}.Key`); m++) {
      tags.push([
        params.get(`TagSpecification.${n}.Tag.${m}.Key`) ?? '',
        params.get(`TagSpecification.${n}.Tag.${m}.Value`) ?? ''
      ])
    }
  }
  return tags
}

function tagSet(tags: Array<[string, string]>): Xml {
  return itemList(
    'tagSet',
    tags.map(([k, v]) => [text('key', k), text('value', v)])
  )
}

export function createNetworkInsightsPath(call: OperationCall): Xml[] {
  const { params } = call.req
  const source = requiredParam(params, 'Source')
  const protocol = requiredParam(params, 'Protocol')
  const clientToken = requiredParam(params, 'ClientToken')
  const destination = params.get('Destination') ?? ''
  if (protocol !== 'tcp' && protocol !== 'udp') {
    throw new SimError('InvalidParameterValue', `Value (${protocol}) for parameter protocol is invalid.`)
  }
  const portRaw = params.get('DestinationPort') ?? params.get('FilterAtSource.DestinationPortRange.FromPort')
  const port = portRaw === null ? undefined : Number(portRaw)
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new SimError(
      'InvalidParameterValue',
      `Value (${portRaw}) for parameter destinationPort is invalid.`
    )
  }
  const s = state(call)
  const known = s.tokens.get(`path/${clientToken}`)
  if (known) {
    const path = s.paths.get(known)
    if (path && (path.source !== source || path.destination !== destination)) {
      throw new SimError(
        'IdempotentParameterMismatch',
        'The client token you have provided is associated with a resource that has different parameters.'
      )
    }
    if (path) return [pathXml(path)]
  }
  const vpc = vpcsIn(call).find(v => v.endpoints.some(e => e.id === destination))
  if (!vpc) {
    throw new SimError('InvalidVpcEndpointId.NotFound', `The Vpc Endpoint Id '${destination}' does not exist`)
  }
  const reach = call.env.scenario.reachability
  const declared = reach?.sources?.[source]
  if (reach?.sources && !declared) {
    throw source.startsWith('i-')
      ? new SimError('InvalidInstanceID.NotFound', `The instance ID '${source}' does not exist`)
      : new SimError(
          'InvalidNetworkInterfaceID.NotFound',
          `The networkInterface ID '${source}' does not exist`
        )
  }
  if (!/^(eni|i)-[0-9a-f]+$/.test(source)) {
    throw new SimError('InvalidParameterValue', `Invalid source '${source}'.`)
  }
  const id = `nip-${hex17()}`
  const path: SimPath = {
    id,
    arn: arn(call, 'network-insights-path', id),
    createdAt: call.at,
    source,
    destination,
    protocol,
    ...(port === undefined ? {} : { port }),
    tags: tagsFor(params, 'network-insights-path'),
    vpc,
    sourceSubnetId: declared?.subnetId ?? vpc.subnets[0]?.id ?? ''
  }
  s.paths.set(id, path)
  s.tokens.set(`path/${clientToken}`, id)
  s.created.paths += 1
  return [pathXml(path)]
}

function pathXml(p: SimPath): Xml {
  return node(
    'networkInsightsPath',
    text('networkInsightsPathId', p.id),
    text('networkInsightsPathArn', p.arn),
    text('createdDate', iso(p.createdAt)),
    text('source', p.source),
    text('destination', p.destination),
    text('protocol', p.protocol),
    text('destinationPort', p.port),
    tagSet(p.tags)
  )
}

export function startNetworkInsightsAnalysis(call: OperationCall): Xml[] {
  const { params } = call.req
  const pathId = requiredParam(params, 'NetworkInsightsPathId')
  const clientToken = requiredParam(params, 'ClientToken')
  const s = state(call)
  if (!s.paths.has(pathId)) throw pathNotFound(pathId)
  const known = s.tokens.get(`analysis/${clientToken}`)
  const existing = known ? s.analyses.get(known) : undefined
  if (existing) return [node('networkInsightsAnalysis', ...analysisXml(call, existing))]
  const id = `nia-${hex17()}`
  const analysis: SimAnalysis = {
    id,
    arn: arn(call, 'network-insights-analysis', id),
    pathId,
    startedAt: call.at,
    tags: tagsFor(params, 'network-insights-analysis')
  }
  s.analyses.set(id, analysis)
  s.tokens.set(`analysis/${clientToken}`, id)
  s.created.analyses += 1
  return [node('networkInsightsAnalysis', ...analysisXml(call, analysis))]
}

export function describeNetworkInsightsAnalyses(call: OperationCall): Xml[] {
  const { params } = call.req
  const ids = listParam(params, 'NetworkInsightsAnalysisId')
  const pathId = params.get('NetworkInsightsPathId')
  if (ids.length === 0 && !pathId) {
    throw new SimError('MissingParameter', 'You must specify either analysis IDs or a path ID.')
  }
  const s = state(call)
  for (const id of ids) if (!s.analyses.has(id)) throw analysisNotFound(id)
  const rows = [...s.analyses.values()].filter(
    a => (ids.length === 0 || ids.includes(a.id)) && (!pathId || a.pathId === pathId)
  )
  return pagedItemList(
    call,
    rows,
    'DescribeNetworkInsightsAnalyses',
    { min: 1, max: 100 },
    'networkInsightsAnalysisSet',
    a => analysisXml(call, a)
  )
}

export function deleteNetworkInsightsAnalysis(call: OperationCall): Xml[] {
  const id = requiredParam(call.req.params, 'NetworkInsightsAnalysisId')
  const s = state(call)
  if (!s.analyses.delete(id)) throw analysisNotFound(id)
  return [text('networkInsightsAnalysisId', id)]
}

export function deleteNetworkInsightsPath(call: OperationCall): Xml[] {
  const id = requiredParam(call.req.params, 'NetworkInsightsPathId')
  const s = state(call)
  if (!s.paths.delete(id)) throw pathNotFound(id)
  return [text('networkInsightsPathId', id)]
}

function pathNotFound(id: string): SimError {
  return new SimError(
    'InvalidNetworkInsightsPathId.NotFound',
    `The network insights path '${id}' does not exist`
  )
}

function analysisNotFound(id: string): SimError {
  return new SimError(
    'InvalidNetworkInsightsAnalysisId.NotFound',
    `The network insights analysis '${id}' does not exist`
  )
}

function analysisXml(call: OperationCall, a: SimAnalysis): Xml[] {
  const reach = call.env.scenario.reachability
  const path = state(call).paths.get(a.pathId)
  const running = call.at < a.startedAt + (reach?.analysisDelayMs ?? 0)
  const base: Xml[] = [
    text('networkInsightsAnalysisId', a.id),
    text('networkInsightsAnalysisArn', a.arn),
    text('networkInsightsPathId', a.pathId),
    text('startDate', iso(a.startedAt))
  ]
  if (running || !path) return [...base, text('status', 'running'), tagSet(a.tags)]
  const outcome: SimReachabilityOutcome = reach?.outcomes?.[path.destination] ?? { found: true }
  if ('failed' in outcome) {
    return [
      ...base,
      text('status', 'failed'),
      text('statusMessage', outcome.failed),
      text('networkPathFound', false),
      tagSet(a.tags)
    ]
  }
  if (outcome.found) {
    const prefixLists = prefixListsIn(call.env.scenario, call.region)
    const hops = derivedPath(
      path.vpc,
      prefixLists,
      { id: path.source, subnetId: path.sourceSubnetId },
      path.destination,
      path.port ?? 443
    )
    return [
      ...base,
      text('status', 'succeeded'),
      text('networkPathFound', true),
      itemList(
        'forwardPathComponentSet',
        hops.map((h, i) => hopXml(call, h, i + 1))
      ),
      tagSet(a.tags)
    ]
  }
  return [
    ...base,
    text('status', 'succeeded'),
    text('networkPathFound', false),
    itemList(
      'explanationSet',
      outcome.explanations.map(e => explanationXml(call, e))
    ),
    tagSet(a.tags)
  ]
}

function component(call: OperationCall, name: string, id: string | undefined): Xml {
  if (!id) return '' as Xml
  return node(name, text('id', id), text('arn', arn(call, resourceType(id), id)))
}

function resourceType(id: string): string {
  const prefix = id.split('-')[0]
  const types: Record<string, string> = {
    eni: 'network-interface',
    i: 'instance',
    sg: 'security-group',
    rtb: 'route-table',
    subnet: 'subnet',
    vpc: 'vpc',
    vpce: 'vpc-endpoint',
    acl: 'network-acl'
  }
  return types[prefix ?? ''] ?? 'resource'
}

function hopXml(call: OperationCall, h: SimHop, sequence: number): Xml[] {
  return [
    text('sequenceNumber', sequence),
    component(call, 'component', h.componentId),
    h.route
      ? node(
          'routeTableRoute',
          text('destinationCidr', h.route.destinationCidr),
          text('destinationPrefixListId', h.route.destinationPrefixListId),
          text('gatewayId', h.route.gatewayId),
          text('origin', 'CreateRoute'),
          text('state', 'active')
        )
      : ('' as Xml),
    h.securityGroupRule
      ? node(
          'securityGroupRule',
          text('cidr', h.securityGroupRule.cidr),
          text('direction', h.securityGroupRule.direction),
          text('securityGroupId', h.componentId),
          node('portRange', text('from', h.securityGroupRule.from), text('to', h.securityGroupRule.to)),
          text('protocol', h.securityGroupRule.protocol)
        )
      : ('' as Xml),
    component(call, 'subnet', h.subnetId),
    component(call, 'vpc', h.vpcId)
  ]
}

function explanationXml(call: OperationCall, e: SimExplanation): Xml[] {
  return [
    text('direction', e.direction),
    text('explanationCode', e.code),
    component(call, 'component', e.componentId),
    component(call, 'networkInterface', e.networkInterfaceId),
    e.securityGroupIds
      ? itemList(
          'securityGroupSet',
          e.securityGroupIds.map(id => [text('id', id), text('arn', arn(call, 'security-group', id))])
        )
      : ('' as Xml),
    component(call, 'subnet', e.subnetId),
    component(call, 'routeTable', e.routeTableId),
    component(call, 'vpc', e.vpcId)
  ]
}

/** Paths and analyses created and not deleted (what a run left behind). */
export function leftBehind(s: NetworkInsightsState | undefined): { paths: string[]; analyses: string[] } {
  return { paths: [...(s?.paths.keys() ?? [])], analyses: [...(s?.analyses.keys() ?? [])] }
}
