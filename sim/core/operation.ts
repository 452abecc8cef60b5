import type { SimScenario } from '../scenario.js'
import type { Protocol, ServiceInfo } from '../services/catalog.js'
import type { ResponseIds } from '../services/protocols.js'
import type { Trail } from '../cloudtrail/trail.js'
import type { SlidingWindowLimiter } from '../cloudtrail/rate-limit.js'
import type { Ec2Throttle } from './ec2-throttle.js'
import type { NetworkInsightsState } from '../ec2/network-insights.js'
import type { PrivateLinkMetricStore } from '../cloudwatch/privatelink-metrics.js'
import type { IdentityBook, SimIdentity } from './identity.js'
import type { SimRequest } from './request.js'
import type { SimResponse } from './response.js'

/** State that lives as long as the server: who holds which keys, what CloudTrail recorded, rate limits. */
export interface SimEnvironment {
  scenario: SimScenario
  now: () => number
  identities: IdentityBook
  trail: Trail
  lookupLimiter: SlidingWindowLimiter
  /** AWS/PrivateLinkEndpoints datapoints from the traffic served (GetMetricData reads them). */
  metrics: PrivateLinkMetricStore
  /** Made from the scenario's `ec2RequestLimit` on first use. */
  ec2Throttle?: Ec2Throttle
  /** Reachability Analyzer paths and analyses created (and not deleted), made on first use. */
  networkInsights?: NetworkInsightsState
}

/** One identified operation call, ready for its handler. */
export interface OperationCall {
  req: SimRequest
  service: ServiceInfo
  protocol: Protocol
  operation: string
  region: string
  /** Arrival time, ms. */
  at: number
  ids: ResponseIds
  identity: SimIdentity
  env: SimEnvironment
}

export interface OperationResult {
  response: SimResponse
  /** CloudTrail fields the operation fills (AssumeRole: role and the new key id). */
  audit?: { requestParameters?: Record<string, unknown>; responseElements?: Record<string, unknown> }
}
