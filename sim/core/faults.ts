import type { SimScenario } from '../scenario.js'
import { SimError } from './response.js'
import type { Protocol } from '../services/catalog.js'

/**
 * Faults a scenario can inject into one action, in AWS's own wire formats:
 * - `http500`: every call answers HTTP 500 `InternalError` (EC2) / `InternalFailure` (query), which the
 *   SDK retries and then gives up on;
 * - `reset`: the connection is closed without an answer;
 * - `hang`: the connection is accepted and never answered (the client's own timeouts must end the call);
 * - `empty`: a Describe* call without NextToken answers an empty page that still carries a NextToken
 *   (AWS may return fewer items than MaxResults, even none); the next page continues normally;
 * - `drop-optional`: the answer leaves out the optional elements listed in OPTIONAL_ELEMENTS.
 * Denials and throttling past retries are `deny` and `throttleFirst`.
 */
export const SIM_FAULTS = ['http500', 'reset', 'hang', 'empty', 'drop-optional'] as const
export type SimFault = (typeof SIM_FAULTS)[number]

/** The fault for an action, matched like `deny`: `DescribeSubnets`, `ec2:DescribeSubnets` or the IAM action. */
export function faultFor(scenario: SimScenario, keys: readonly string[]): SimFault | undefined {
  for (const key of keys) {
    const fault = scenario.faults?.[key]
    if (fault) return fault
  }
  return undefined
}

export function internalError(protocol: Protocol): SimError {
  return protocol === 'ec2'
    ? new SimError('InternalError', 'An internal error has occurred. Retry your request.', 500)
    : new SimError('InternalFailure', 'The request processing has failed because of an unknown error.', 500)
}

/**
 * Elements the AWS models mark optional (every member of these shapes is) that the checks read, per
 * operation: the answer without them is still well-formed, and must never read as a healthier VPC.
 */
export const OPTIONAL_ELEMENTS: Record<string, readonly string[]> = {
  DescribeVpcs: ['state', 'ownerId', 'isDefault'],
  DescribeVpcAttribute: ['enableDnsSupport', 'enableDnsHostnames'],
  DescribeVpcEndpoints: [
    'state',
    'privateDnsEnabled',
    'dnsOptions',
    'dnsEntrySet',
    'subnetIdSet',
    'networkInterfaceIdSet',
    'routeTableIdSet'
  ],
  DescribeRouteTables: ['state', 'origin', 'main'],
  DescribeSubnets: ['availabilityZone', 'cidrBlock'],
  DescribeNetworkInterfaces: ['privateIpAddressesSet', 'privateIpAddress', 'ipv6AddressesSet', 'subnetId'],
  DescribePrefixLists: ['cidrSet'],
  DescribeNetworkInsightsAnalyses: ['status', 'networkPathFound'],
  GetCallerIdentity: ['Account']
}

/** Removes every `<name>…</name>` and `<name/>` of the listed elements from an XML answer. */
export function dropOptional(body: string, operation: string): string {
  let out = body
  for (const name of OPTIONAL_ELEMENTS[operation] ?? []) {
    out = out.replace(new RegExp(`<${name}>[\\s\\S]*?</${name}>|<${name}/>`, 'g'), '')
  }
  return out
}
