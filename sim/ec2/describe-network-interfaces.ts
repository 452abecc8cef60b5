import type { OperationCall } from '../core/operation.js'
import { selectRows } from './select.js'
import { itemList, text, type Xml } from '../core/xml.js'
import { endpointEnis, type DerivedEni } from '../model/enis.js'
import type { SimVpc } from '../scenario.js'
import { pagedItemList } from './paginate.js'
import { defaultGroupId, notFoundError, vpcsIn } from './region.js'

interface Row {
  vpc: SimVpc
  eni: DerivedEni
}

/** The simulated VPCs hold only endpoint ENIs (type `vpc_endpoint` / `gateway_load_balancer_endpoint`). */
export function describeNetworkInterfaces(call: OperationCall): Xml[] {
  const rows: Row[] = vpcsIn(call).flatMap(vpc => endpointEnis(vpc).map(eni => ({ vpc, eni })))
  const matching = selectRows(
    call,
    rows,
    {
      param: 'NetworkInterfaceId',
      of: r => r.eni.id,
      notFound: id => notFoundError('InvalidNetworkInterfaceID.NotFound', 'networkInterface ID', id)
    },
    {
      'vpc-id': r => r.vpc.id,
      'subnet-id': r => r.eni.subnetId,
      'network-interface-id': r => r.eni.id,
      'interface-type': r => r.eni.interfaceType,
      'requester-managed': () => 'true',
      status: () => 'in-use',
      description: r => r.eni.description,
      'availability-zone': r => r.eni.availabilityZone,
      'private-ip-address': r => r.eni.privateIp,
      'addresses.private-ip-address': r => r.eni.privateIp,
      'group-id': r => defaultGroupId(r.vpc)
    }
  )
  const owner = call.env.scenario.accountId
  return pagedItemList(
    call,
    matching,
    'DescribeNetworkInterfaces',
    { min: 5, max: 1000 },
    'networkInterfaceSet',
    r => eniItem(r, call.region, owner)
  )
}

function eniItem({ vpc, eni }: Row, region: string, owner: string): Xml[] {
  const dnsName = `ip-${eni.privateIp.replace(/\./g, '-')}.${region}.compute.internal`
  return [
    text('networkInterfaceId', eni.id),
    text('subnetId', eni.subnetId),
    text('vpcId', vpc.id),
    text('availabilityZone', eni.availabilityZone),
    text('description', eni.description),
    text('ownerId', owner),
    text('requesterId', 'amazon-vpce'),
    text('requesterManaged', true),
    text('status', 'in-use'),
    text('macAddress', eni.macAddress),
    text('privateIpAddress', eni.privateIp),
    text('privateDnsName', dnsName),
    text('sourceDestCheck', true),
    itemList('groupSet', [[text('groupId', defaultGroupId(vpc)), text('groupName', 'default')]]),
    itemList('tagSet', []),
    itemList('privateIpAddressesSet', [
      [text('privateIpAddress', eni.privateIp), text('privateDnsName', dnsName), text('primary', true)]
    ]),
    itemList('ipv6AddressesSet', []),
    text('interfaceType', eni.interfaceType)
  ]
}
