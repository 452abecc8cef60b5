/**
 * Defaults and builders so scenarios stay short: the AWS-managed prefix lists of the gateway services, and
 * helpers that fill in the usual values of VPCs, subnets and endpoints.
 */
import { stableHex, stableId } from './core/ids.js'
import type { SimEndpoint, SimPrefixList, SimRouteTable, SimScenario, SimSubnet, SimVpc } from './scenario.js'

/**
 * Prefix list ids are per region and service. Only us-east-1 S3 (`pl-63a5400a`, 54.231.0.0/17) comes from an
 * AWS sample (aws-cli describe-prefix-lists example); the others are made up in the same `pl-XXa54XXX` style.
 */
const KNOWN: Record<string, { id: string; cidrs: string[] }> = {
  'com.amazonaws.us-east-1.s3': { id: 'pl-63a5400a', cidrs: ['54.231.0.0/17'] },
  'com.amazonaws.ap-northeast-1.s3': { id: 'pl-61a54008', cidrs: ['52.219.0.0/20', '3.5.152.0/21'] }
}

export const GATEWAY_SERVICES = ['s3', 'dynamodb'] as const

export function serviceName(region: string, shortName: string): string {
  return `com.amazonaws.${region}.${shortName}`
}

export function defaultPrefixLists(region: string): SimPrefixList[] {
  return GATEWAY_SERVICES.map(short => {
    const name = serviceName(region, short)
    const known = KNOWN[name]
    const hex = stableHex(name, 5)
    const octet = parseInt(stableHex(`${name}/cidr`, 2), 16)
    return {
      id: known?.id ?? `pl-${hex.slice(0, 2)}a54${hex.slice(2, 5)}`,
      name,
      region,
      cidrs: known?.cidrs ?? [`52.${octet}.0.0/17`]
    }
  })
}

/** The region's prefix lists: the scenario's own, then the defaults it does not replace (by name). */
export function prefixListsIn(scenario: SimScenario, region: string): SimPrefixList[] {
  const own = (scenario.prefixLists ?? []).filter(p => p.region === region)
  const defaults = defaultPrefixLists(region).filter(d => !own.some(o => o.name === d.name))
  return [...own, ...defaults]
}

export interface InterfaceEndpointOptions {
  id?: string
  region: string
  /** Short name (`sns`, `ecr.api`) or full service name. */
  service: string
  subnetIds: string[]
  privateDnsEnabled?: boolean
  state?: string
  eniIps?: Record<string, string>
}

export function interfaceEndpoint(o: InterfaceEndpointOptions): SimEndpoint {
  const full = o.service.startsWith('com.amazonaws.') ? o.service : serviceName(o.region, o.service)
  return {
    id: o.id ?? stableId('vpce', `${full}/${o.subnetIds.join(',')}`),
    serviceName: full,
    type: 'Interface',
    state: o.state ?? 'available',
    privateDnsEnabled: o.privateDnsEnabled ?? true,
    subnetIds: o.subnetIds,
    ...(o.eniIps === undefined ? {} : { eniIps: o.eniIps })
  }
}

export interface GatewayEndpointOptions {
  id?: string
  region: string
  service: 's3' | 'dynamodb'
  routeTableIds: string[]
  state?: string
}

export function gatewayEndpoint(o: GatewayEndpointOptions): SimEndpoint {
  const full = serviceName(o.region, o.service)
  return {
    id: o.id ?? stableId('vpce', `${full}/${o.routeTableIds.join(',')}`),
    serviceName: full,
    type: 'Gateway',
    state: o.state ?? 'available',
    routeTableIds: o.routeTableIds
  }
}

export interface VpcOptions {
  id: string
  region: string
  /** Default 10.0.0.0/16. */
  cidr?: string
  /** Subnets, or how many private /24 subnets to make (10.0.1.0/24, 10.0.2.0/24 ... in AZs a, b, c). */
  subnets?: SimSubnet[] | number
  /** Default: one main route table with no explicit association. */
  routeTables?: SimRouteTable[]
  endpoints?: SimEndpoint[]
  enableDnsSupport?: boolean
  enableDnsHostnames?: boolean
}

export function vpc(o: VpcOptions): SimVpc {
  const cidr = o.cidr ?? '10.0.0.0/16'
  const prefix = cidr.split('.').slice(0, 2).join('.')
  const subnets =
    typeof o.subnets === 'number' || o.subnets === undefined
      ? Array.from({ length: typeof o.subnets === 'number' ? o.subnets : 2 }, (_, i) => ({
          id: stableId('subnet', `${o.id}/${i}`),
          cidr: `${prefix}.${i + 1}.0/24`,
          availabilityZone: `${o.region}${'abc'[i % 3]}`
        }))
      : o.subnets
  return {
    id: o.id,
    region: o.region,
    cidr,
    state: 'available',
    enableDnsSupport: o.enableDnsSupport ?? true,
    enableDnsHostnames: o.enableDnsHostnames ?? true,
    subnets,
    routeTables: o.routeTables ?? [{ id: stableId('rtb', `${o.id}/main`), main: true }],
    endpoints: o.endpoints ?? []
  }
}

export function scenario(o: Partial<SimScenario> & Pick<SimScenario, 'vpcs'>): SimScenario {
  return { accountId: '123456789012', region: o.vpcs[0]?.region ?? 'ap-northeast-1', ...o }
}
