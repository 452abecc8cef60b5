import {
  DescribeVpcAttributeCommand,
  paginateDescribeNatGateways,
  paginateDescribeNetworkInterfaces,
  paginateDescribePrefixLists,
  paginateDescribeRouteTables,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  paginateDescribeVpcEndpoints,
  type EC2Client
} from '@aws-sdk/client-ec2'
import type { Manifest, VpcDeclaration } from '../manifest/types.js'
import { NOT_READ } from '../model/fact.js'
import { accessFor, type AwsAccess, type AwsClientFactory } from './clients.js'
import {
  toEndpoint,
  toNatGateway,
  toNetworkInterface,
  toPrefixList,
  toRouteTable,
  toSubnet
} from './ec2-mappers.js'
import { mapFact, readFact } from './fact.js'
import { allPages } from './pages.js'
import type { Fact, InventorySnapshot, VpcSnapshot } from './snapshot.js'
import { reliesOnPrivateDns } from '../checks/rules/vpc-dns.js'

/** Gateway endpoints exist only for these services; their prefix lists name the route destination. */
const GATEWAY_SERVICES = ['s3', 'dynamodb']

/**
 * Reads what EC2 says about the declared VPCs. Calls are batched per region and credentials: one
 * DescribeVpcEndpoints (all pages) covers every VPC in the group, whatever the number of endpoints;
 * only DescribeVpcAttribute, which takes one VPC and one attribute, is per VPC, and is read only for
 * VPCs whose DNS attributes a rule decides on. Independent reads run concurrently; the AWS client
 * factory paces them under EC2's request limits.
 */
export interface InventoryOptions {
  /**
   * `needed` (default): the DNS attributes only for VPCs whose rules read them. `always`: for every VPC,
   * for `init`, which drafts Interface endpoints the bare manifest it reads with does not declare yet.
   */
  dnsAttributes?: 'needed' | 'always'
}

export async function collectInventory(
  manifest: Manifest,
  aws: AwsClientFactory,
  options: InventoryOptions = {}
): Promise<InventorySnapshot> {
  const groups = groupByAccess(manifest.vpcs)
  const always = options.dnsAttributes === 'always'
  const perGroup = await Promise.all(groups.map(g => collectGroup(g.access, g.vpcs, aws, always)))
  return { vpcs: perGroup.flat(), apiCalls: { ...aws.calls } }
}

interface AccessGroup {
  access: AwsAccess
  vpcs: VpcDeclaration[]
}

function groupByAccess(vpcs: readonly VpcDeclaration[]): AccessGroup[] {
  const groups = new Map<string, AccessGroup>()
  for (const vpc of vpcs) {
    const key = `${vpc.region}|${vpc.roleArn ?? ''}`
    const group = groups.get(key) ?? { access: accessFor(vpc), vpcs: [] }
    group.vpcs.push(vpc)
    groups.set(key, group)
  }
  return [...groups.values()]
}

async function collectGroup(
  access: AwsAccess,
  vpcs: VpcDeclaration[],
  aws: AwsClientFactory,
  allDnsAttributes: boolean
) {
  const ec2 = await aws.ec2For(access)
  const vpcIds = vpcs.map(v => v.id)
  const byVpc = [{ Name: 'vpc-id', Values: vpcIds }]
  const wantsAccount = vpcs.some(v => v.account)
  // Runner location evidence: a record from a NAT gateway's public IP proves "inside, out through NAT".
  // Started here, awaited below, so it runs beside the other reads.
  const natGatewaysRead = readFact('ec2:DescribeNatGateways', () =>
    allPages(paginateDescribeNatGateways({ client: ec2 }, { Filter: byVpc, MaxResults: 1000 }), p =>
      (p.NatGateways ?? []).map(toNatGateway)
    )
  )
  // If a read below stops the run (no credentials), this one's failure must not surface as unhandled.
  natGatewaysRead.catch(() => undefined)

  const [found, endpoints, routeTables, subnets, enis, prefixLists, callerAccount, attributes] =
    await Promise.all([
      // Paged like the rest: EC2 may answer a page with no VPC and a NextToken, which is not "no VPC".
      readFact('ec2:DescribeVpcs', () =>
        allPages(paginateDescribeVpcs({ client: ec2 }, { Filters: byVpc }), p => p.Vpcs ?? [])
      ),
      readFact('ec2:DescribeVpcEndpoints', () =>
        allPages(paginateDescribeVpcEndpoints({ client: ec2 }, { Filters: byVpc, MaxResults: 1000 }), p =>
          (p.VpcEndpoints ?? []).map(toEndpoint)
        )
      ),
      readFact('ec2:DescribeRouteTables', () =>
        allPages(paginateDescribeRouteTables({ client: ec2 }, { Filters: byVpc, MaxResults: 100 }), p =>
          (p.RouteTables ?? []).map(toRouteTable)
        )
      ),
      readFact('ec2:DescribeSubnets', () =>
        allPages(paginateDescribeSubnets({ client: ec2 }, { Filters: byVpc, MaxResults: 1000 }), p =>
          (p.Subnets ?? []).map(toSubnet)
        )
      ),
      readFact('ec2:DescribeNetworkInterfaces', () =>
        allPages(
          paginateDescribeNetworkInterfaces(
            { client: ec2 },
            { Filters: [...byVpc, { Name: 'interface-type', Values: ['vpc_endpoint'] }], MaxResults: 1000 }
          ),
          p => (p.NetworkInterfaces ?? []).map(n => ({ vpcId: n.VpcId ?? '', eni: toNetworkInterface(n) }))
        )
      ),
      readFact('ec2:DescribePrefixLists', () =>
        allPages(
          paginateDescribePrefixLists(
            { client: ec2 },
            {
              Filters: [
                {
                  Name: 'prefix-list-name',
                  Values: GATEWAY_SERVICES.map(s => `com.amazonaws.${access.region}.${s}`)
                }
              ]
            }
          ),
          p => (p.PrefixLists ?? []).map(toPrefixList)
        )
      ),
      wantsAccount
        ? readFact('sts:GetCallerIdentity', () => aws.callerAccount(access))
        : Promise.resolve(undefined),
      Promise.all(
        vpcs.map(v => (allDnsAttributes || reliesOnPrivateDns(v) ? readDnsAttributes(ec2, v.id) : notNeeded))
      )
    ])

  const natGateways = await natGatewaysRead

  return vpcs.map((vpc, i): VpcSnapshot => {
    const attrs = attributes[i]!
    return {
      vpcId: vpc.id,
      region: vpc.region,
      vpc: mapFact(found, list => {
        const v = list.find(x => x.VpcId === vpc.id)
        return v
          ? { id: vpc.id, state: v.State ?? 'available', ...(v.OwnerId ? { ownerId: v.OwnerId } : {}) }
          : null
      }),
      enableDnsSupport: attrs.support,
      enableDnsHostnames: attrs.hostnames,
      endpoints: mapFact(endpoints, list => list.filter(e => e.vpcId === vpc.id)),
      routeTables: mapFact(routeTables, list => list.filter(t => t.vpcId === vpc.id)),
      subnets: mapFact(subnets, list => list.filter(s => s.vpcId === vpc.id)),
      networkInterfaces: mapFact(enis, list => list.filter(n => n.vpcId === vpc.id).map(n => n.eni)),
      prefixLists,
      natGateways: mapFact(natGateways, list =>
        list.filter(n => n.vpcId === vpc.id).map(({ vpcId: _vpcId, ...n }) => n)
      ),
      ...(callerAccount ? { callerAccount } : {})
    }
  })
}

/**
 * The DNS attributes matter only to the rules for interface endpoints with private DNS (vpc-dns.ts,
 * interface-private-dns.ts), which do not apply to a VPC without one. Not read is never "off": a rule
 * that did consult it would say inconclusive.
 */
const notRead: Fact<boolean> = {
  ok: false,
  problem: {
    kind: 'error',
    action: 'ec2:DescribeVpcAttribute',
    code: NOT_READ,
    message: 'not read: the VPC declares no Interface endpoint with private DNS'
  }
}
const notNeeded = Promise.resolve({ support: notRead, hostnames: notRead })

async function readDnsAttributes(
  ec2: EC2Client,
  vpcId: string
): Promise<{ support: Fact<boolean>; hostnames: Fact<boolean> }> {
  const [support, hostnames] = await Promise.all([
    readFact('ec2:DescribeVpcAttribute', async () => {
      const out = await ec2.send(
        new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' })
      )
      return attributeValue(out.EnableDnsSupport?.Value, 'enableDnsSupport')
    }),
    readFact('ec2:DescribeVpcAttribute', async () => {
      const out = await ec2.send(
        new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' })
      )
      return attributeValue(out.EnableDnsHostnames?.Value, 'enableDnsHostnames')
    })
  ])
  return { support, hostnames }
}

/** An answer without the attribute's value is malformed: the fact is unread, never "off" or "on". */
function attributeValue(value: boolean | undefined, name: string): boolean {
  if (typeof value === 'boolean') return value
  const error = new Error(`DescribeVpcAttribute answered without a value for ${name}`)
  error.name = 'MalformedResponse'
  throw error
}
