import type {
  AnalysisComponent,
  Explanation,
  NetworkInsightsAnalysis,
  PathComponent
} from '@aws-sdk/client-ec2'
import type { PathHop, PathHopKind } from '../model/network-path.js'

/**
 * A DescribeNetworkInsightsAnalyses item reduced to what the judgement reads, every string from AWS
 * capped (the answer is untrusted: it ends up in comments, annotations and the JSON report).
 */
export interface AnalysisResult {
  analysisId: string
  pathId?: string
  /** running | succeeded | failed (AnalysisStatus); anything else is kept as sent and never passes. */
  status?: string
  statusMessage?: string
  warningMessage?: string
  /** Absent when AWS did not say (a failed analysis may still carry `false`: it means nothing then). */
  networkPathFound?: boolean
  forwardPath: PathHop[]
  explanations: AnalysisExplanation[]
}

/** One Explanation: its code and the components it names. */
export interface AnalysisExplanation {
  code: string
  direction?: string
  component?: string
  networkInterface?: string
  securityGroups: string[]
  subnet?: string
  routeTable?: string
  acl?: string
  vpcEndpoint?: string
  vpc?: string
  prefixList?: string
  state?: string
  missingComponent?: string
}

const MAX_TEXT = 300
const MAX_HOPS = 50
const MAX_EXPLANATIONS = 20

export function cap(value: string | undefined, max = MAX_TEXT): string | undefined {
  if (value === undefined) return undefined
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

export function toAnalysisResult(a: NetworkInsightsAnalysis): AnalysisResult {
  return {
    analysisId: cap(a.NetworkInsightsAnalysisId) ?? '',
    ...opt('pathId', cap(a.NetworkInsightsPathId)),
    ...opt('status', cap(a.Status)),
    ...opt('statusMessage', cap(a.StatusMessage, 1000)),
    ...opt('warningMessage', cap(a.WarningMessage, 1000)),
    ...(typeof a.NetworkPathFound === 'boolean' ? { networkPathFound: a.NetworkPathFound } : {}),
    forwardPath: toHops(a.ForwardPathComponents ?? []),
    explanations: (a.Explanations ?? []).slice(0, MAX_EXPLANATIONS).map(toExplanation)
  }
}

export function toHops(components: readonly PathComponent[]): PathHop[] {
  const hops: PathHop[] = []
  components.slice(0, MAX_HOPS).forEach((c, index) => {
    const id = idOf(c.Component)
    if (!id) return
    const route = c.RouteTableRoute
    const destination = cap(route?.DestinationCidr ?? route?.DestinationPrefixListId)
    const target = cap(
      route?.GatewayId ??
        route?.NatGatewayId ??
        route?.NetworkInterfaceId ??
        route?.TransitGatewayId ??
        route?.VpcPeeringConnectionId ??
        route?.InstanceId ??
        route?.EgressOnlyInternetGatewayId ??
        route?.LocalGatewayId ??
        route?.CarrierGatewayId ??
        route?.CoreNetworkArn
    )
    const rule = ruleText(c)
    hops.push({
      sequence: typeof c.SequenceNumber === 'number' ? c.SequenceNumber : index + 1,
      id,
      kind: kindOf(id),
      ...opt('name', cap(c.Component?.Name)),
      ...(destination && target ? { route: { destination, target } } : {}),
      ...opt('rule', rule),
      ...opt('subnetId', idOf(c.Subnet)),
      ...opt('vpcId', idOf(c.Vpc))
    })
  })
  return hops
}

function ruleText(c: PathComponent): string | undefined {
  const sg = c.SecurityGroupRule
  if (sg) {
    const peer = sg.Cidr ?? sg.PrefixListId ?? sg.SecurityGroupId
    const ports = sg.PortRange ? ` ${portText(sg.PortRange.From, sg.PortRange.To)}` : ''
    const way = sg.Direction === 'ingress' ? 'from' : 'to'
    return cap(`${sg.Direction ?? 'rule'} ${sg.Protocol ?? 'any'}${ports}${peer ? ` ${way} ${peer}` : ''}`)
  }
  const acl = c.AclRule
  if (acl) {
    const ports = acl.PortRange ? ` ${portText(acl.PortRange.From, acl.PortRange.To)}` : ''
    return cap(
      `${acl.Egress ? 'outbound' : 'inbound'} rule ${acl.RuleNumber ?? '?'} ${acl.RuleAction ?? ''} ${acl.Protocol ?? ''}${ports} ${acl.Cidr ?? ''}`.replace(
        / +/g,
        ' '
      )
    )
  }
  return undefined
}

function portText(from: number | undefined, to: number | undefined): string {
  if (from === undefined && to === undefined) return 'all ports'
  return from === to || to === undefined ? `port ${from}` : `ports ${from}-${to}`
}

function toExplanation(e: Explanation): AnalysisExplanation {
  return {
    code: cap(e.ExplanationCode, 100) ?? 'UNKNOWN',
    ...opt('direction', cap(e.Direction, 20)),
    ...opt('component', idOf(e.Component)),
    ...opt('networkInterface', idOf(e.NetworkInterface)),
    securityGroups: [
      ...new Set(
        [e.SecurityGroup, ...(e.SecurityGroups ?? [])].flatMap(g => {
          const id = idOf(g)
          return id ? [id] : []
        })
      )
    ].slice(0, 10),
    ...opt('subnet', idOf(e.Subnet)),
    ...opt('routeTable', idOf(e.RouteTable) ?? idOf(e.SubnetRouteTable)),
    ...opt('acl', idOf(e.Acl)),
    ...opt('vpcEndpoint', idOf(e.VpcEndpoint)),
    ...opt('vpc', idOf(e.Vpc)),
    ...opt('prefixList', idOf(e.PrefixList)),
    ...opt('state', cap(e.State, 50)),
    ...opt('missingComponent', cap(e.MissingComponent, 100))
  }
}

function idOf(c: AnalysisComponent | undefined): string | undefined {
  return cap(c?.Id, 200)
}

/** The kind of a hop from its id's prefix (AWS gives no type on a component). */
export function kindOf(id: string): PathHopKind {
  const prefix = /^([a-z]+)-/.exec(id)?.[1]
  switch (prefix) {
    case 'i':
      return 'instance'
    case 'eni':
      return 'network-interface'
    case 'sg':
      return 'security-group'
    case 'acl':
      return 'network-acl'
    case 'rtb':
      return 'route-table'
    case 'subnet':
      return 'subnet'
    case 'vpce':
      return 'vpc-endpoint'
    case 'vpc':
      return 'vpc'
    case 'igw':
    case 'nat':
    case 'tgw':
    case 'vgw':
    case 'eigw':
    case 'pcx':
      return 'gateway'
    default:
      return 'other'
  }
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}
