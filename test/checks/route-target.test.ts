import { describe, expect, it } from 'vitest'
import { describeRouteTarget } from '../../src/checks/route-target.js'

describe('the target a route names', () => {
  it.each([
    [{ gatewayId: 'local' }, 'local (inside the VPC)'],
    [{ gatewayId: 'igw-0abc' }, 'internet gateway igw-0abc'],
    [{ gatewayId: 'vgw-0abc' }, 'virtual private gateway vgw-0abc'],
    [{ gatewayId: 'vpce-0abc' }, 'VPC endpoint vpce-0abc'],
    [{ natGatewayId: 'nat-0abc' }, 'NAT gateway nat-0abc'],
    // EC2 reports an instance route with the instance's ENI too: the instance is what a person knows.
    [{ instanceId: 'i-0abc', networkInterfaceId: 'eni-0abc' }, 'instance i-0abc'],
    [{ networkInterfaceId: 'eni-0abc' }, 'network interface eni-0abc'],
    [{ transitGatewayId: 'tgw-0abc' }, 'transit gateway tgw-0abc'],
    [{ vpcPeeringConnectionId: 'pcx-0abc' }, 'peering connection pcx-0abc'],
    [{ egressOnlyInternetGatewayId: 'eigw-0abc' }, 'egress-only internet gateway eigw-0abc'],
    [{ carrierGatewayId: 'cagw-0abc' }, 'carrier gateway cagw-0abc'],
    [
      { coreNetworkArn: 'arn:aws:networkmanager::123456789012:core-network/core-network-0abc' },
      'core network arn:aws:networkmanager::123456789012:core-network/core-network-0abc'
    ],
    [{ localGatewayId: 'lgw-0abc' }, 'local gateway lgw-0abc'],
    [{}, 'a target EC2 did not report']
  ])('%o → %s', (targets, named) => {
    expect(describeRouteTarget({ destinationCidrBlock: '52.219.4.0/24', state: 'active', ...targets })).toBe(
      named
    )
  })
})
