import type { SimEnvironment } from '../core/operation.js'
import { interfaceEndpoint } from './privatelink-metrics.js'

/** Every answered call through an Interface endpoint is one connection and its bytes in that endpoint's metrics. */
export function recordPrivateLinkTraffic(
  env: SimEnvironment,
  endpointId: string | undefined,
  at: number,
  bytes: number
): void {
  const found = interfaceEndpoint(env.scenario, endpointId)
  if (!found) return
  const subnetId =
    env.scenario.privateLinkMetrics?.subnetIds?.[found.endpoint.id] ?? found.endpoint.subnetIds?.[0]
  env.metrics.record({
    at,
    endpointId: found.endpoint.id,
    serviceName: found.endpoint.serviceName,
    vpcId: found.vpcId,
    ...(subnetId ? { subnetId } : {}),
    // Headers and TLS are not counted; a lower bound of what AWS would bill.
    bytes: Math.max(1, bytes)
  })
}
