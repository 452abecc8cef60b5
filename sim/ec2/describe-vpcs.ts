import type { OperationCall } from '../core/operation.js'
import { selectRows } from './select.js'
import { stableId } from '../core/ids.js'
import { itemList, node, text, type Xml } from '../core/xml.js'
import type { SimVpc } from '../scenario.js'
import { pagedItemList } from './paginate.js'
import { notFoundError, vpcsIn } from './region.js'

export function describeVpcs(call: OperationCall): Xml[] {
  const all = vpcsIn(call)
  const owner = call.env.scenario.accountId
  const matching = selectRows(
    call,
    all,
    { param: 'VpcId', of: v => v.id, notFound: id => notFoundError('InvalidVpcID.NotFound', 'vpc ID', id) },
    {
      'vpc-id': v => v.id,
      state: v => v.state ?? 'available',
      cidr: v => v.cidr,
      'cidr-block-association.cidr-block': v => v.cidr,
      'owner-id': () => owner,
      'is-default': () => 'false'
    }
  )
  return pagedItemList(call, matching, 'DescribeVpcs', { min: 5, max: 1000 }, 'vpcSet', v =>
    vpcItem(v, owner)
  )
}

function vpcItem(vpc: SimVpc, owner: string): Xml[] {
  return [
    text('vpcId', vpc.id),
    text('ownerId', owner),
    text('state', vpc.state ?? 'available'),
    text('cidrBlock', vpc.cidr),
    itemList('cidrBlockAssociationSet', [
      [
        text('associationId', stableId('vpc-cidr-assoc', vpc.id)),
        text('cidrBlock', vpc.cidr),
        node('cidrBlockState', text('state', 'associated'))
      ]
    ]),
    text('dhcpOptionsId', stableId('dopt', vpc.region)),
    text('instanceTenancy', 'default'),
    text('isDefault', false),
    itemList('tagSet', [])
  ]
}
