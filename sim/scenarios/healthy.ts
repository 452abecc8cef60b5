import { gatewayEndpoint, interfaceEndpoint, scenario, vpc } from '../defaults.js'
import type { SimScenario } from '../scenario.js'

const REGION = 'ap-northeast-1'
const SUBNETS = [
  { id: 'subnet-0a1111111111111aa', cidr: '10.0.1.0/24', availabilityZone: `${REGION}a` },
  { id: 'subnet-0b2222222222222bb', cidr: '10.0.2.0/24', availabilityZone: `${REGION}c` }
]

/**
 * A VPC as its team declared it: SNS through an interface endpoint with private DNS in both private subnets,
 * S3 through a gateway endpoint on the private route table; probes travel through the endpoints.
 */
export function healthyScenario(): SimScenario {
  return scenario({
    accountId: '123456789012',
    region: REGION,
    vpcs: [
      vpc({
        id: 'vpc-0123456789abcdef0',
        region: REGION,
        subnets: SUBNETS,
        routeTables: [
          { id: 'rtb-0a1b2c3d4e5f60001', main: true },
          { id: 'rtb-0a1b2c3d4e5f60002', subnetIds: SUBNETS.map(s => s.id) }
        ],
        endpoints: [
          interfaceEndpoint({
            id: 'vpce-01251def6b627a209',
            region: REGION,
            service: 'sns',
            subnetIds: SUBNETS.map(s => s.id),
            eniIps: { 'subnet-0a1111111111111aa': '10.0.1.77', 'subnet-0b2222222222222bb': '10.0.2.77' }
          }),
          gatewayEndpoint({
            id: 'vpce-0a1b2c3d4e5f60718',
            region: REGION,
            service: 's3',
            routeTableIds: ['rtb-0a1b2c3d4e5f60002']
          })
        ]
      })
    ],
    cloudTrailDelayMs: 2000
  })
}

export default healthyScenario
