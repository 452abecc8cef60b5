import type { OperationCall } from '../core/operation.js'
import { selectRows } from './select.js'
import { SimError } from '../core/response.js'
import { stableHex, stableUpper } from '../core/ids.js'
import { itemList, node, text, valueList, type Xml } from '../core/xml.js'
import { endpointEnis, type DerivedEni } from '../model/enis.js'
import type { SimEndpoint, SimVpc } from '../scenario.js'
import { pagedItemList } from './paginate.js'
import { listParam } from './params.js'
import { CREATED_AT, defaultGroupId, vpcsIn } from './region.js'

const FULL_ACCESS_POLICY =
  '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}'

interface Row {
  vpc: SimVpc
  endpoint: SimEndpoint
  enis: DerivedEni[]
}

export function describeVpcEndpoints(call: OperationCall): Xml[] {
  const { params } = call.req
  const rows: Row[] = vpcsIn(call).flatMap(vpc => {
    const enis = endpointEnis(vpc)
    return vpc.endpoints.map(endpoint => ({
      vpc,
      endpoint,
      enis: enis.filter(e => e.endpointId === endpoint.id)
    }))
  })
  const ids = listParam(params, 'VpcEndpointId')
  const malformed = ids.find(id => !id.startsWith('vpce-'))
  if (malformed !== undefined) {
    throw new SimError('InvalidVpcEndpointId.Malformed', `Invalid Id: '${malformed}' (expecting 'vpce-')`)
  }
  const matching = selectRows(
    call,
    rows,
    {
      param: 'VpcEndpointId',
      of: r => r.endpoint.id,
      notFound: id =>
        new SimError('InvalidVpcEndpointId.NotFound', `The Vpc Endpoint Id '${id}' does not exist`)
    },
    {
      'vpc-id': r => r.vpc.id,
      'service-name': r => r.endpoint.serviceName,
      'vpc-endpoint-id': r => r.endpoint.id,
      'vpc-endpoint-state': r => r.endpoint.state ?? 'available',
      'vpc-endpoint-type': r => r.endpoint.type
    }
  )
  const owner = call.env.scenario.accountId
  return pagedItemList(call, matching, 'DescribeVpcEndpoints', { min: 1, max: 1000 }, 'vpcEndpointSet', r =>
    endpointItem(r, call.region, owner)
  )
}

/** `com.amazonaws.<region>.ecr.api` → `api.ecr`: the label order of the service's hostname. */
function hostLabel(serviceName: string, region: string): string {
  const short = serviceName.replace(`com.amazonaws.${region}.`, '')
  return short.split('.').reverse().join('.')
}

function dnsEntries(r: Row, region: string): Xml[][] {
  const label = hostLabel(r.endpoint.serviceName, region)
  const base = `${r.endpoint.id}-${stableHex(`dns/${r.endpoint.id}`, 8)}`
  const vpceZone = `Z${stableUpper(`vpce-zone/${region}`, 12)}`
  const entries: Array<[string, string]> = [[`${base}.${label}.${region}.vpce.amazonaws.com`, vpceZone]]
  const zones = [...new Set(r.enis.map(e => e.availabilityZone).filter((z): z is string => z !== undefined))]
  for (const az of zones) entries.push([`${base}-${az}.${label}.${region}.vpce.amazonaws.com`, vpceZone])
  if (r.endpoint.privateDnsEnabled ?? r.endpoint.type === 'Interface') {
    entries.push([`${label}.${region}.amazonaws.com`, `Z${stableUpper(`private-zone/${r.endpoint.id}`, 12)}`])
  }
  return entries.map(([dnsName, zone]) => [text('dnsName', dnsName), text('hostedZoneId', zone)])
}

function endpointItem(r: Row, region: string, owner: string): Xml[] {
  const { endpoint, vpc } = r
  const isInterface = endpoint.type === 'Interface'
  const isGateway = endpoint.type === 'Gateway'
  const groups = isGateway ? [] : [[text('groupId', defaultGroupId(vpc)), text('groupName', 'default')]]
  return [
    text('vpcEndpointId', endpoint.id),
    text('vpcEndpointType', endpoint.type),
    text('vpcId', vpc.id),
    text('serviceName', endpoint.serviceName),
    text('state', endpoint.state ?? 'available'),
    endpoint.type === 'GatewayLoadBalancer' ? ('' as Xml) : text('policyDocument', FULL_ACCESS_POLICY),
    valueList('routeTableIdSet', isGateway ? (endpoint.routeTableIds ?? []) : []),
    valueList('subnetIdSet', isGateway ? [] : (endpoint.subnetIds ?? [])),
    itemList('groupSet', groups),
    isInterface ? text('ipAddressType', 'ipv4') : ('' as Xml),
    isInterface
      ? node(
          'dnsOptions',
          text('dnsRecordIpType', 'ipv4'),
          text(
            'privateDnsOnlyForInboundResolverEndpoint',
            endpoint.privateDnsOnlyForInboundResolverEndpoint ?? false
          )
        )
      : ('' as Xml),
    endpoint.type === 'GatewayLoadBalancer'
      ? ('' as Xml)
      : text('privateDnsEnabled', endpoint.privateDnsEnabled ?? isInterface),
    text('requesterManaged', false),
    valueList(
      'networkInterfaceIdSet',
      r.enis.map(e => e.id)
    ),
    itemList('dnsEntrySet', isInterface ? dnsEntries(r, region) : []),
    text('creationTimestamp', CREATED_AT),
    itemList('tagSet', []),
    text('ownerId', owner)
  ]
}
