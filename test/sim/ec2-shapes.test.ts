import {
  DescribeManagedPrefixListsCommand,
  DescribeNetworkInterfacesCommand,
  DescribePrefixListsCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client
} from '@aws-sdk/client-ec2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { clientConfig, demoScenario, REGION } from './helpers.js'

const VPC = 'vpc-0123456789abcdef0'
const SNS_VPCE = 'vpce-01251def6b627a209'
const S3_VPCE = 'vpce-0a1b2c3d4e5f60718'

describe('EC2 Describe* through the real EC2 client', () => {
  let sim: SimulatedAws
  let ec2: EC2Client

  beforeAll(async () => {
    const scenario = demoScenario()
    const vpc = scenario.vpcs[0]!
    vpc.enableDnsHostnames = false
    // A second VPC in another region must stay invisible to ap-northeast-1 calls.
    scenario.vpcs.push({ ...vpc, id: 'vpc-0fffffffffffffff0', region: 'us-east-1', endpoints: [] })
    // A table that lists its own route to the S3 prefix list: no derived endpoint route is added.
    vpc.routeTables.push({
      id: 'rtb-0blackhole0000000',
      subnetIds: ['subnet-0bbb2222222222222'],
      routes: [{ destinationPrefixListId: 'pl-61a54008', gatewayId: S3_VPCE, state: 'blackhole' }]
    })
    vpc.endpoints[1]!.routeTableIds!.push('rtb-0blackhole0000000')
    sim = await startSimulatedAws(scenario)
    ec2 = new EC2Client(clientConfig(sim.url))
  })

  afterAll(async () => {
    ec2.destroy()
    await sim.close()
  })

  it('DescribeVpcs finds the VPC by filter and by id, only in its own region', async () => {
    const byFilter = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: [VPC] }] }))
    expect(byFilter.Vpcs).toHaveLength(1)
    expect(byFilter.Vpcs?.[0]).toMatchObject({ VpcId: VPC, State: 'available', CidrBlock: '10.0.0.0/16' })
    expect(byFilter.Vpcs?.[0]?.OwnerId).toBe('123456789012')
    const byId = await ec2.send(new DescribeVpcsCommand({ VpcIds: [VPC] }))
    expect(byId.Vpcs?.map(v => v.VpcId)).toEqual([VPC])
    const other = await ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: ['vpc-0fffffffffffffff0'] }] })
    )
    expect(other.Vpcs).toEqual([])
    expect(byFilter.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('DescribeVpcs with an unknown id fails with InvalidVpcID.NotFound', async () => {
    await expect(
      ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0fffffffffffffff0'] }))
    ).rejects.toMatchObject({
      name: 'InvalidVpcID.NotFound',
      $metadata: { httpStatusCode: 400 }
    })
  })

  it('DescribeVpcAttribute answers one attribute per call', async () => {
    const support = await ec2.send(
      new DescribeVpcAttributeCommand({ VpcId: VPC, Attribute: 'enableDnsSupport' })
    )
    expect(support.EnableDnsSupport?.Value).toBe(true)
    expect(support.EnableDnsHostnames).toBeUndefined()
    const hostnames = await ec2.send(
      new DescribeVpcAttributeCommand({ VpcId: VPC, Attribute: 'enableDnsHostnames' })
    )
    expect(hostnames.EnableDnsHostnames?.Value).toBe(false)
    expect(hostnames.VpcId).toBe(VPC)
  })

  it('DescribeVpcEndpoints returns interface and gateway endpoints with their AWS fields', async () => {
    const out = await ec2.send(
      new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [VPC] }] })
    )
    const sns = out.VpcEndpoints?.find(e => e.VpcEndpointId === SNS_VPCE)
    const s3 = out.VpcEndpoints?.find(e => e.VpcEndpointId === S3_VPCE)
    expect(sns).toMatchObject({
      VpcEndpointType: 'Interface',
      ServiceName: `com.amazonaws.${REGION}.sns`,
      State: 'available',
      PrivateDnsEnabled: true,
      DnsOptions: { PrivateDnsOnlyForInboundResolverEndpoint: false },
      SubnetIds: ['subnet-0aaa1111111111111', 'subnet-0bbb2222222222222'],
      RouteTableIds: [],
      OwnerId: '123456789012'
    })
    expect(sns?.NetworkInterfaceIds).toHaveLength(2)
    expect(sns?.DnsEntries?.map(d => d.DnsName)).toContain(`sns.${REGION}.amazonaws.com`)
    expect(sns?.CreationTimestamp).toBeInstanceOf(Date)
    expect(s3).toMatchObject({
      VpcEndpointType: 'Gateway',
      PrivateDnsEnabled: false,
      RouteTableIds: ['rtb-0private0000000000', 'rtb-0blackhole0000000'],
      NetworkInterfaceIds: []
    })
  })

  it('DescribeVpcEndpoints filters by service name and rejects unknown or malformed ids', async () => {
    const out = await ec2.send(
      new DescribeVpcEndpointsCommand({
        Filters: [{ Name: 'service-name', Values: [`com.amazonaws.${REGION}.s3`] }]
      })
    )
    expect(out.VpcEndpoints?.map(e => e.VpcEndpointId)).toEqual([S3_VPCE])
    await expect(
      ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-0000000000000dead'] }))
    ).rejects.toMatchObject({ name: 'InvalidVpcEndpointId.NotFound' })
    await expect(
      ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['sns'] }))
    ).rejects.toMatchObject({
      name: 'InvalidVpcEndpointId.Malformed'
    })
    await expect(
      ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'no-such-filter', Values: ['x'] }] }))
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' })
  })

  it('DescribeRouteTables carries the derived endpoint route and the main association', async () => {
    const out = await ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [VPC] }] })
    )
    const tables = new Map(out.RouteTables?.map(t => [t.RouteTableId, t]))
    const main = tables.get('rtb-0main000000000000')
    expect(main?.Associations).toEqual([
      expect.objectContaining({ Main: true, RouteTableId: 'rtb-0main000000000000' })
    ])
    expect(main?.Associations?.[0]?.SubnetId).toBeUndefined()
    expect(main?.Routes?.some(r => r.DestinationPrefixListId)).toBe(false)
    const priv = tables.get('rtb-0private0000000000')
    expect(priv?.Associations?.[0]).toMatchObject({ Main: false, SubnetId: 'subnet-0aaa1111111111111' })
    expect(priv?.Routes).toContainEqual(
      expect.objectContaining({ DestinationPrefixListId: 'pl-61a54008', GatewayId: S3_VPCE, State: 'active' })
    )
    expect(priv?.Routes?.[0]).toMatchObject({ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' })
    const blackhole = tables.get('rtb-0blackhole0000000')
    expect(blackhole?.Routes?.filter(r => r.DestinationPrefixListId === 'pl-61a54008')).toEqual([
      expect.objectContaining({ State: 'blackhole', GatewayId: S3_VPCE })
    ])
  })

  it('DescribeRouteTables finds the table a subnet is explicitly associated with', async () => {
    const out = await ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [{ Name: 'association.subnet-id', Values: ['subnet-0aaa1111111111111'] }]
      })
    )
    expect(out.RouteTables?.map(t => t.RouteTableId)).toEqual(['rtb-0private0000000000'])
  })

  it('DescribeSubnets lists the VPC subnets with CIDR and zone', async () => {
    const out = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [VPC] }] }))
    expect(out.Subnets?.map(s => [s.SubnetId, s.CidrBlock, s.AvailabilityZone])).toEqual([
      ['subnet-0aaa1111111111111', '10.0.1.0/24', `${REGION}a`],
      ['subnet-0bbb2222222222222', '10.0.2.0/24', `${REGION}c`]
    ])
    expect(out.Subnets?.[0]?.AvailableIpAddressCount).toBe(256 - 5 - 1)
  })

  it('DescribeNetworkInterfaces shows one vpc_endpoint ENI per endpoint subnet, with its private IP', async () => {
    const endpoints = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [SNS_VPCE] }))
    const eniIds = endpoints.VpcEndpoints?.[0]?.NetworkInterfaceIds ?? []
    const out = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: eniIds }))
    expect(out.NetworkInterfaces?.map(n => n.InterfaceType)).toEqual(['vpc_endpoint', 'vpc_endpoint'])
    const bySubnet = new Map(out.NetworkInterfaces?.map(n => [n.SubnetId, n]))
    expect(bySubnet.get('subnet-0aaa1111111111111')?.PrivateIpAddress).toBe('10.0.1.77')
    const made = bySubnet.get('subnet-0bbb2222222222222')?.PrivateIpAddress ?? ''
    expect(made.startsWith('10.0.2.')).toBe(true)
    expect(bySubnet.get('subnet-0aaa1111111111111')?.PrivateIpAddresses?.[0]).toMatchObject({
      PrivateIpAddress: '10.0.1.77',
      Primary: true
    })
    const byType = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [VPC] },
          { Name: 'interface-type', Values: ['vpc_endpoint'] }
        ]
      })
    )
    expect(byType.NetworkInterfaces?.map(n => n.NetworkInterfaceId).sort()).toEqual([...eniIds].sort())
  })

  it('DescribePrefixLists and DescribeManagedPrefixLists find the S3 list by name', async () => {
    const name = `com.amazonaws.${REGION}.s3`
    const out = await ec2.send(
      new DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [name] }] })
    )
    expect(out.PrefixLists).toEqual([
      {
        PrefixListId: 'pl-61a54008',
        PrefixListName: name,
        Cidrs: expect.arrayContaining([expect.any(String)])
      }
    ])
    const managed = await ec2.send(
      new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [name] }] })
    )
    expect(managed.PrefixLists?.[0]).toMatchObject({ PrefixListId: 'pl-61a54008', OwnerId: 'AWS' })
  })
})
