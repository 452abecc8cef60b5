import type { SimScenario } from '../scenario.js'
import { healthyScenario } from './healthy.js'

/**
 * The same declaration, but the VPC drifted: SNS private DNS was turned off, so probes leave through the NAT
 * gateway (CloudTrail has no vpcEndpointId), and the S3 gateway endpoint lost its route table.
 */
export function bypassScenario(): SimScenario {
  const s = healthyScenario()
  const vpc = s.vpcs[0]
  const [sns, s3] = vpc?.endpoints ?? []
  if (sns) sns.privateDnsEnabled = false
  if (s3) s3.routeTableIds = []
  return { ...s, traffic: { sns: { via: 'nat' }, s3: { via: 'nat' } } }
}

export default bypassScenario
