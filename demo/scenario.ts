import { defaultGroupId } from '../sim/ec2/region.js'
import { endpointEnis } from '../sim/model/enis.js'
import type { SimScenario } from '../sim/scenario.js'

/**
 * The demo account: a healthy SNS endpoint, a KMS endpoint with private DNS off (so its traffic goes
 * around it, through NAT), an S3 gateway endpoint missing from the main table that one subnet falls back
 * to, and a CloudWatch Logs endpoint nobody declared.
 */
export const demoScenario: SimScenario = {
  accountId: '123456789012',
  region: 'ap-northeast-1',
  callerArn: 'arn:aws:sts::123456789012:assumed-role/vpce-proof/github-actions',
  cloudTrailDelayMs: 2000,
  vpcs: [
    {
      id: 'vpc-0a1b2c3d4e5f60718',
      region: 'ap-northeast-1',
      cidr: '10.0.0.0/16',
      enableDnsSupport: true,
      enableDnsHostnames: true,
      subnets: [
        { id: 'subnet-0a1b2c3d4e5f6a001', cidr: '10.0.1.0/24', availabilityZone: 'ap-northeast-1a' },
        { id: 'subnet-0a1b2c3d4e5f6a002', cidr: '10.0.2.0/24', availabilityZone: 'ap-northeast-1c' }
      ],
      routeTables: [
        {
          id: 'rtb-0a1b2c3d4e5f6b000',
          main: true,
          routes: [{ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0a1b2c3d4e5f6c001' }]
        },
        {
          id: 'rtb-0a1b2c3d4e5f6b001',
          subnetIds: ['subnet-0a1b2c3d4e5f6a001'],
          routes: [{ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0a1b2c3d4e5f6c001' }]
        }
      ],
      endpoints: [
        {
          id: 'vpce-0a1b2c3d4e5f6d001',
          serviceName: 'com.amazonaws.ap-northeast-1.sns',
          type: 'Interface',
          privateDnsEnabled: true,
          subnetIds: ['subnet-0a1b2c3d4e5f6a001', 'subnet-0a1b2c3d4e5f6a002'],
          eniIps: { 'subnet-0a1b2c3d4e5f6a001': '10.0.1.10', 'subnet-0a1b2c3d4e5f6a002': '10.0.2.10' }
        },
        {
          id: 'vpce-0a1b2c3d4e5f6d002',
          serviceName: 'com.amazonaws.ap-northeast-1.kms',
          type: 'Interface',
          privateDnsEnabled: false,
          subnetIds: ['subnet-0a1b2c3d4e5f6a001'],
          eniIps: { 'subnet-0a1b2c3d4e5f6a001': '10.0.1.11' }
        },
        {
          id: 'vpce-0a1b2c3d4e5f6d003',
          serviceName: 'com.amazonaws.ap-northeast-1.s3',
          type: 'Gateway',
          routeTableIds: ['rtb-0a1b2c3d4e5f6b001']
        },
        {
          id: 'vpce-0a1b2c3d4e5f6d004',
          serviceName: 'com.amazonaws.ap-northeast-1.logs',
          type: 'Interface',
          privateDnsEnabled: true,
          subnetIds: ['subnet-0a1b2c3d4e5f6a001'],
          eniIps: { 'subnet-0a1b2c3d4e5f6a001': '10.0.1.12' }
        }
      ]
    }
  ],
  traffic: {
    sns: { via: 'endpoint', sourceIp: '10.0.1.25' },
    // Private DNS is off, so the SDK resolved KMS's public address and went out through the NAT gateway.
    kms: { via: 'nat', sourceIp: '203.0.113.10' },
    s3: { via: 'endpoint', sourceIp: '10.0.1.25' }
  },
  // Server access logging of the probe bucket. S3 delivers best effort, usually within hours; the demo's
  // simulator delivers at once so the finding shows in one run (docs/workflows/ shows the later-run way).
  s3: { accessLogs: { 'demo-vpce-probe': { logBucket: 'demo-access-logs', prefix: 's3/', delayMs: 0 } } }
}

// Reachability Analyzer (the demo runs it with --reachability): the runner's interface sits in the first
// subnet; the KMS endpoint's security group lets no HTTPS in, which the analysis names.
const demoVpc = demoScenario.vpcs[0]!
const kmsEni = endpointEnis(demoVpc).find(e => e.endpointId === 'vpce-0a1b2c3d4e5f6d002')
demoScenario.reachability = {
  analysisDelayMs: 1500,
  sources: { 'eni-0a1b2c3d4e5f6e001': { subnetId: 'subnet-0a1b2c3d4e5f6a001' } },
  outcomes: {
    'vpce-0a1b2c3d4e5f6d002': {
      found: false,
      explanations: [
        {
          code: 'ENI_SG_RULES_MISMATCH',
          direction: 'ingress',
          ...(kmsEni ? { networkInterfaceId: kmsEni.id } : {}),
          securityGroupIds: [defaultGroupId(demoVpc)],
          subnetId: 'subnet-0a1b2c3d4e5f6a001',
          vpcId: demoVpc.id
        }
      ]
    }
  }
}

export default demoScenario
