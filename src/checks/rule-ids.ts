/**
 * The configuration rules' ids, stable across releases (SARIF fingerprints hash them). Listed apart from
 * the declarations so a finding's id is typed without the declarations depending on themselves; the
 * catalogue test checks both lists agree.
 */
export const CONFIGURATION_RULE_IDS = [
  'vpc-missing',
  'account-mismatch',
  'vpc-dns-support',
  'vpc-dns-hostnames',
  'endpoint-missing',
  'endpoint-available',
  'endpoint-type',
  'interface-private-dns',
  'interface-subnet-eni',
  'gateway-route',
  'gateway-route-blackhole',
  'gateway-route-shadowed',
  'endpoint-undeclared'
] as const

export type RuleId = (typeof CONFIGURATION_RULE_IDS)[number]
