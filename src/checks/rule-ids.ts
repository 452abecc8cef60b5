/**
 * The configuration rules' ids, stable across releases (SARIF fingerprints hash them). Listed apart from
 * the declarations so a finding's id is typed without the declarations depending on themselves; the
 * catalogue test checks both lists agree.
 */
export const CONFIGURATION_RULE_IDS = [
  'vpc-exists',
  'account-matches',
  'vpc-dns-support-enabled',
  'vpc-dns-hostnames-enabled',
  'endpoint-exists',
  'endpoint-available',
  'endpoint-type-matches',
  'private-dns-enabled',
  'endpoint-in-subnets',
  'gateway-route-present',
  'gateway-route-active',
  'gateway-route-not-shadowed',
  'endpoint-declared'
] as const

export type RuleId = (typeof CONFIGURATION_RULE_IDS)[number]
