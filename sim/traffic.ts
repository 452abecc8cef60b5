import { stableId } from './core/ids.js'
import type { SimScenario, SimTrafficPath } from './scenario.js'

export interface ResolvedTraffic {
  via: SimTrafficPath['via']
  endpointId?: string
  endpointAccountId?: string
  sourceIp: string
  omitRequestId: boolean
  errorCode?: string
}

const RUNNER_PRIVATE_IP = '10.0.1.25'
const PUBLIC_IP = '203.0.113.10'

/**
 * How a call to a service travelled, which decides what CloudTrail writes. `scenario.traffic[shortName]` wins;
 * without it, traffic goes through the scenario's endpoint for the service (one in the call's region first),
 * or over the internet when there is none.
 */
export function resolveTraffic(scenario: SimScenario, shortName: string, region: string): ResolvedTraffic {
  const endpoints = scenario.vpcs
    .slice()
    .sort((a, b) => Number(b.region === region) - Number(a.region === region))
    .flatMap(v => v.endpoints)
  const endpoint = endpoints.find(e => e.serviceName.endsWith(`.${shortName}`))
  const declared = scenario.traffic?.[shortName]
  const path: SimTrafficPath = declared ?? { via: endpoint ? 'endpoint' : 'internet' }
  const viaEndpoint = path.via === 'endpoint'
  // Through NAT, AWS sees the NAT gateway's public address (the first one of the call's region).
  const natIp =
    path.via === 'nat'
      ? scenario.vpcs
          .filter(v => v.region === region)
          .flatMap(v => v.natGateways ?? [])
          .flatMap(n => n.publicIps)[0]
      : undefined
  return {
    via: path.via,
    ...(viaEndpoint
      ? {
          endpointId: path.endpointId ?? endpoint?.id ?? stableId('vpce', `${shortName}/${region}`),
          endpointAccountId: path.endpointAccountId ?? scenario.accountId
        }
      : {}),
    sourceIp: path.sourceIp ?? (viaEndpoint ? RUNNER_PRIVATE_IP : (natIp ?? PUBLIC_IP)),
    omitRequestId: path.omitRequestId ?? false,
    ...(path.errorCode === undefined ? {} : { errorCode: path.errorCode })
  }
}
