import { demoScenario } from '../../demo/scenario.js'
import { bypassScenario } from '../../sim/scenarios/bypass.js'
import { healthyScenario } from '../../sim/scenarios/healthy.js'
import type { SimScenario } from '../../sim/scenario.js'
import { readFileSync } from 'node:fs'
import { defaultPrefixLists } from '../../sim/defaults.js'

const REGION = 'ap-northeast-1'
const DYNAMODB_LIST = defaultPrefixLists(REGION).find(p => p.name.endsWith('.dynamodb'))!.id
const A1 = 'subnet-0e1e1e1e1e1e1ea01'
const A2 = 'subnet-0e1e1e1e1e1e1ea02'
/** A subnet of another VPC in the same account: declared by mistake. */
const B1 = 'subnet-0e1e1e1e1e1e1eb01'

/**
 * The hard cases of issue 7 in one VPC: an S3 gateway endpoint whose main table has more specific routes
 * to a transit gateway, a peering connection, an instance and a NAT gateway; a declared subnet of another
 * VPC; a DynamoDB route that is a blackhole; an SNS declaration pinned to the SQS endpoint's id; a KMS
 * endpoint with private DNS on in a VPC whose DNS hostnames are off; and an undeclared Logs endpoint.
 */
export function edgeScenario(): SimScenario {
  return {
    accountId: '123456789012',
    region: REGION,
    vpcs: [
      {
        id: 'vpc-0e1e1e1e1e1e1e001',
        region: REGION,
        cidr: '10.8.0.0/16',
        enableDnsSupport: true,
        enableDnsHostnames: false,
        subnets: [
          { id: A1, cidr: '10.8.1.0/24', availabilityZone: `${REGION}a` },
          { id: A2, cidr: '10.8.2.0/24', availabilityZone: `${REGION}c` }
        ],
        routeTables: [
          {
            id: 'rtb-0e1e1e1e1e1e1e000',
            main: true,
            routes: [
              { destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0e1e1e1e1e1e1e001' },
              { destinationCidrBlock: '52.219.4.0/24', transitGatewayId: 'tgw-0e1e1e1e1e1e1e001' },
              { destinationCidrBlock: '52.219.8.0/24', vpcPeeringConnectionId: 'pcx-0e1e1e1e1e1e1e001' },
              { destinationCidrBlock: '52.219.9.0/24', instanceId: 'i-0e1e1e1e1e1e1e001' }
            ]
          },
          {
            id: 'rtb-0e1e1e1e1e1e1e001',
            subnetIds: [A1],
            routes: [
              {
                destinationPrefixListId: DYNAMODB_LIST,
                gatewayId: 'vpce-0e1e1e1e1e1e1ed05',
                state: 'blackhole'
              }
            ]
          }
        ],
        endpoints: [
          {
            id: 'vpce-0e1e1e1e1e1e1ed01',
            serviceName: `com.amazonaws.${REGION}.s3`,
            type: 'Gateway',
            routeTableIds: ['rtb-0e1e1e1e1e1e1e000', 'rtb-0e1e1e1e1e1e1e001']
          },
          {
            id: 'vpce-0e1e1e1e1e1e1ed02',
            serviceName: `com.amazonaws.${REGION}.sqs`,
            type: 'Interface',
            privateDnsEnabled: true,
            subnetIds: [A1]
          },
          {
            id: 'vpce-0e1e1e1e1e1e1ed03',
            serviceName: `com.amazonaws.${REGION}.kms`,
            type: 'Interface',
            privateDnsEnabled: true,
            subnetIds: [A1, A2]
          },
          {
            id: 'vpce-0e1e1e1e1e1e1ed04',
            serviceName: `com.amazonaws.${REGION}.logs`,
            type: 'Interface',
            privateDnsEnabled: true,
            subnetIds: [A1]
          },
          {
            id: 'vpce-0e1e1e1e1e1e1ed05',
            serviceName: `com.amazonaws.${REGION}.dynamodb`,
            type: 'Gateway',
            routeTableIds: ['rtb-0e1e1e1e1e1e1e001']
          }
        ]
      },
      {
        id: 'vpc-0e1e1e1e1e1e1e002',
        region: REGION,
        cidr: '10.9.0.0/16',
        subnets: [{ id: B1, cidr: '10.9.1.0/24' }],
        routeTables: [{ id: 'rtb-0e1e1e1e1e1e1e900', main: true }],
        endpoints: []
      }
    ]
  }
}

export const EDGE_MANIFEST = `
version: 1
region: ${REGION}
vpcs:
  - id: vpc-0e1e1e1e1e1e1e001
    account: "123456789012"
    endpoints:
      - service: s3
        type: Gateway
        subnets: [${A2}, ${B1}]
      - service: sns
        id: vpce-0e1e1e1e1e1e1ed02
      - service: kms
        subnets: [${A1}, ${A2}]
      - service: dynamodb
        type: Gateway
        route-tables: [rtb-0e1e1e1e1e1e1e001]
`

const HEALTHY_MANIFEST = `
version: 1
region: ${REGION}
vpcs:
  - id: vpc-0123456789abcdef0
    endpoints:
      - service: sns
        subnets: [subnet-0a1111111111111aa, subnet-0b2222222222222bb]
      - service: s3
        type: Gateway
        subnets: [subnet-0a1111111111111aa]
        route-tables: [rtb-0a1b2c3d4e5f60002]
`

export interface MonotonicityScenario {
  name: string
  scenario: () => SimScenario
  manifest: string
}

/** Every scenario the tests and the demo use, each with the manifest its team would write. */
export const SCENARIOS: MonotonicityScenario[] = [
  { name: 'healthy', scenario: healthyScenario, manifest: HEALTHY_MANIFEST },
  { name: 'bypass', scenario: bypassScenario, manifest: HEALTHY_MANIFEST },
  {
    name: 'demo',
    scenario: () => structuredClone(demoScenario),
    manifest: readFileSync(new URL('../../demo/vpc-endpoints.yml', import.meta.url), 'utf8')
  },
  { name: 'edge', scenario: edgeScenario, manifest: EDGE_MANIFEST }
]
