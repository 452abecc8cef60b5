import type { OperationCall } from '../core/operation.js'
import { selectRows } from './select.js'
import { itemList, text, type Xml } from '../core/xml.js'
import { endpointEnis } from '../model/enis.js'
import { parseCidr } from '../model/ipv4.js'
import type { SimSubnet, SimVpc } from '../scenario.js'
import { pagedItemList } from './paginate.js'
import { notFoundError, vpcsIn } from './region.js'

interface Row {
  vpc: SimVpc
  subnet: SimSubnet
  enisInSubnet: number
}

export function describeSubnets(call: OperationCall): Xml[] {
  const rows: Row[] = vpcsIn(call).flatMap(vpc => {
    const enis = endpointEnis(vpc)
    return vpc.subnets.map(subnet => ({
      vpc,
      subnet,
      enisInSubnet: enis.filter(e => e.subnetId === subnet.id).length
    }))
  })
  const matching = selectRows(
    call,
    rows,
    {
      param: 'SubnetId',
      of: r => r.subnet.id,
      notFound: id => notFoundError('InvalidSubnetID.NotFound', 'subnet ID', id)
    },
    {
      'vpc-id': r => r.vpc.id,
      'subnet-id': r => r.subnet.id,
      'availability-zone': r => r.subnet.availabilityZone,
      'cidr-block': r => r.subnet.cidr,
      state: () => 'available'
    }
  )
  const owner = call.env.scenario.accountId
  return pagedItemList(call, matching, 'DescribeSubnets', { min: 5, max: 1000 }, 'subnetSet', r =>
    subnetItem(r, call.region, owner)
  )
}

function subnetItem(r: Row, region: string, owner: string): Xml[] {
  const { subnet, vpc } = r
  // AWS reserves five addresses in every subnet.
  const free = parseCidr(subnet.cidr).size - 5 - r.enisInSubnet
  return [
    text('subnetId', subnet.id),
    text('subnetArn', `arn:aws:ec2:${region}:${owner}:subnet/${subnet.id}`),
    text('state', 'available'),
    text('ownerId', owner),
    text('vpcId', vpc.id),
    text('cidrBlock', subnet.cidr),
    itemList('ipv6CidrBlockAssociationSet', []),
    text('availableIpAddressCount', Math.max(0, free)),
    text('availabilityZone', subnet.availabilityZone),
    text('defaultForAz', false),
    text('mapPublicIpOnLaunch', false),
    text('assignIpv6AddressOnCreation', false),
    itemList('tagSet', [])
  ]
}
