import type { OperationCall } from '../core/operation.js'
import { stableId } from '../core/ids.js'
import { itemList, text, type Xml } from '../core/xml.js'
import type { SimNatGateway, SimVpc } from '../scenario.js'
import { pagedItemList } from './paginate.js'
import { notFoundError, vpcsIn } from './region.js'
import { selectRows } from './select.js'

interface Row {
  vpc: SimVpc
  nat: SimNatGateway
}

/**
 * DescribeNatGateways (EC2 query/XML). Element names from botocore's model as quoted in
 * reference/aws/ec2-describe-nat-gateways.xml: `natGatewaySet` items with `natGatewayAddressSet`
 * (`allocationId`, `networkInterfaceId`, `privateIp`, `publicIp`, `associationId`, `isPrimary`,
 * `status`); a private NAT gateway's addresses have no public IP. Filters: vpc-id, subnet-id, state,
 * nat-gateway-id. (The not-found code for an unknown id is not in the reference files; EC2 documents
 * `NatGatewayNotFound`.)
 */
export function describeNatGateways(call: OperationCall): Xml[] {
  const rows: Row[] = vpcsIn(call).flatMap(vpc => (vpc.natGateways ?? []).map(nat => ({ vpc, nat })))
  const matching = selectRows(
    call,
    rows,
    {
      param: 'NatGatewayId',
      of: r => r.nat.id,
      notFound: id => notFoundError('NatGatewayNotFound', 'NAT gateway', id)
    },
    {
      'vpc-id': r => r.vpc.id,
      'subnet-id': r => r.nat.subnetId,
      'nat-gateway-id': r => r.nat.id,
      state: r => r.nat.state ?? 'available'
    }
  )
  return pagedItemList(call, matching, 'DescribeNatGateways', { min: 5, max: 1000 }, 'natGatewaySet', natItem)
}

function natItem({ vpc, nat }: Row): Xml[] {
  const isPublic = (nat.connectivityType ?? 'public') === 'public'
  const addresses = (isPublic ? nat.publicIps : [undefined]).map((publicIp, i) => [
    text('networkInterfaceId', stableId('eni', `${nat.id}/nat`)),
    text('privateIp', nat.privateIp ?? `10.0.0.${10 + i}`),
    ...(publicIp
      ? [
          text('allocationId', stableId('eipalloc', `${nat.id}/${publicIp}`)),
          text('publicIp', publicIp),
          text('associationId', stableId('eipassoc', `${nat.id}/${publicIp}`))
        ]
      : []),
    text('isPrimary', i === 0),
    text('status', 'succeeded')
  ])
  return [
    text('createTime', '2024-01-15T09:30:00.000Z'),
    itemList('natGatewayAddressSet', addresses),
    text('natGatewayId', nat.id),
    text('state', nat.state ?? 'available'),
    text('subnetId', nat.subnetId),
    text('vpcId', vpc.id),
    text('connectivityType', nat.connectivityType ?? 'public'),
    itemList('tagSet', [])
  ]
}
