import { interfaceEndpoint } from '../../sim/defaults.js'
import type { SimScenario } from '../../sim/scenario.js'
import { healthyScenario } from '../../sim/scenarios/healthy.js'

/** The kms endpoint's interface address in the runner's subnet (the DNS answer that proves the path). */
export const KMS_ENI_IP = '10.0.1.78'

/**
 * The healthy account of test/e2e/fixtures/evidence-manifest.yml plus its kms Interface endpoint, CloudTrail
 * delivering a second after each call; `more` overrides (a NAT path, another delay).
 */
export function evidenceScenario(more: Partial<SimScenario> = {}): SimScenario {
  const s = healthyScenario()
  s.vpcs[0]!.endpoints.push(
    interfaceEndpoint({
      id: 'vpce-0c1b2c3d4e5f60719',
      region: 'ap-northeast-1',
      service: 'kms',
      subnetIds: ['subnet-0a1111111111111aa'],
      eniIps: { 'subnet-0a1111111111111aa': KMS_ENI_IP }
    })
  )
  return { ...s, cloudTrailDelayMs: 1000, ...more }
}
