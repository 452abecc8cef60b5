import type { OperationCall } from '../core/operation.js'
import { selectRows } from './select.js'
import { itemList, node, text, type Xml } from '../core/xml.js'
import { prefixListsIn } from '../defaults.js'
import { routeTablesOf, type DerivedRoute, type DerivedRouteTable } from '../model/route-tables.js'
import { pagedItemList } from './paginate.js'
import { notFoundError, vpcsIn } from './region.js'

export function describeRouteTables(call: OperationCall): Xml[] {
  const prefixLists = prefixListsIn(call.env.scenario, call.region)
  const all = vpcsIn(call).flatMap(vpc => routeTablesOf(vpc, prefixLists))
  const matching = selectRows(
    call,
    all,
    {
      param: 'RouteTableId',
      of: t => t.id,
      notFound: id => notFoundError('InvalidRouteTableID.NotFound', 'routeTable ID', id)
    },
    {
      'vpc-id': t => t.vpcId,
      'route-table-id': t => t.id,
      'association.subnet-id': t => t.associations.map(a => a.subnetId),
      'association.main': t => String(t.associations.some(a => a.main)),
      'association.route-table-association-id': t => t.associations.map(a => a.id),
      'route.destination-prefix-list-id': t => t.routes.map(r => r.destinationPrefixListId),
      'route.destination-cidr-block': t => t.routes.map(r => r.destinationCidrBlock),
      'route.gateway-id': t => t.routes.map(r => r.gatewayId),
      'route.state': t => t.routes.map(r => r.state)
    }
  )
  const owner = call.env.scenario.accountId
  return pagedItemList(call, matching, 'DescribeRouteTables', { min: 5, max: 100 }, 'routeTableSet', t =>
    routeTableItem(t, owner)
  )
}

function routeItem(r: DerivedRoute): Xml[] {
  return [
    text('destinationCidrBlock', r.destinationCidrBlock),
    text('destinationIpv6CidrBlock', r.destinationIpv6CidrBlock),
    text('destinationPrefixListId', r.destinationPrefixListId),
    text('gatewayId', r.gatewayId),
    text('instanceId', r.instanceId),
    text('natGatewayId', r.natGatewayId),
    text('transitGatewayId', r.transitGatewayId),
    text('localGatewayId', r.localGatewayId),
    text('carrierGatewayId', r.carrierGatewayId),
    text('networkInterfaceId', r.networkInterfaceId),
    text('vpcPeeringConnectionId', r.vpcPeeringConnectionId),
    text('egressOnlyInternetGatewayId', r.egressOnlyInternetGatewayId),
    text('coreNetworkArn', r.coreNetworkArn),
    text('state', r.state),
    text('origin', r.origin)
  ]
}

function routeTableItem(t: DerivedRouteTable, owner: string): Xml[] {
  return [
    text('routeTableId', t.id),
    text('vpcId', t.vpcId),
    text('ownerId', owner),
    itemList('routeSet', t.routes.map(routeItem)),
    itemList(
      'associationSet',
      t.associations.map(a => [
        text('routeTableAssociationId', a.id),
        text('routeTableId', t.id),
        text('subnetId', a.subnetId),
        text('main', a.main),
        node('associationState', text('state', 'associated'))
      ])
    ),
    itemList('propagatingVgwSet', []),
    itemList('tagSet', [])
  ]
}
