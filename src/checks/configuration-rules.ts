import type { ConfigurationRule, FactName } from './rule-declaration.js'
import type { RuleId } from './rule-ids.js'
import { callerAccount } from './rules/account.js'
import { endpointExists } from './rules/endpoint-exists.js'
import { endpointAvailable, endpointType } from './rules/endpoint-state.js'
import { gatewayBlackhole } from './rules/gateway-blackhole.js'
import { gatewayRoute } from './rules/gateway-route.js'
import { gatewayShadowed } from './rules/gateway-shadowed.js'
import { interfacePrivateDns } from './rules/interface-private-dns.js'
import { interfaceSubnets } from './rules/interface-subnets.js'
import { undeclaredEndpoints } from './rules/undeclared.js'
import { vpcDnsHostnames, vpcDnsSupport } from './rules/vpc-dns.js'
import { vpcExists } from './rules/vpc-exists.js'

/**
 * Rules about the live EC2 configuration of a declared VPC and its endpoints, in report order. Each is
 * one declaration: metadata, the facts it reads, and a pure decision (src/checks/rules/).
 */
export const configurationRules = [
  vpcExists,
  callerAccount,
  vpcDnsSupport,
  vpcDnsHostnames,
  endpointExists,
  endpointAvailable,
  endpointType,
  interfacePrivateDns,
  interfaceSubnets,
  gatewayRoute,
  gatewayBlackhole,
  gatewayShadowed,
  undeclaredEndpoints
] as const satisfies readonly ConfigurationRule<RuleId, FactName>[]

export type { RuleId } from './rule-ids.js'
