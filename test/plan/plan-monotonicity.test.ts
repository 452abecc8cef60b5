import { describe, expect, it } from 'vitest'
import type { InventorySnapshot, VpcSnapshot } from '../../src/aws/snapshot.js'
import type { Manifest } from '../../src/manifest/types.js'
import type { Finding } from '../../src/model/finding.js'
import { plannedFindings } from '../../src/plan/predict.js'
import { parseTerraformPlan } from '../../src/plan/read-plan.js'
import { REGION, VPC, declare, endpoint, ok, snapshot, vpcDecl } from '../checks/fixtures.js'
import { planJson, type ChangeSpec } from './plan-json.js'

/**
 * The principle for plans: a value the plan leaves open ("known after apply") never yields more passes.
 * Each scenario's plan is re-run with every argument of every change, one at a time, moved from `after` to
 * `after_unknown`; each prediction (rule and manifest line) must then be the same as with the value known,
 * or inconclusive. Never a pass that was not there, never a verdict decided on a stand-in value.
 */
const S3 = 'vpce-0s3000000000000000'
const MAIN = 'rtb-0main00000000000'
const CUSTOM = 'rtb-0custom000000000'
const SUBNET_A = 'subnet-0aaa0000000000000'
const SUBNET_B = 'subnet-0bbb0000000000000'
const ROUTE = { destinationPrefixListId: 'pl-61a54008', gatewayId: S3, state: 'active' }

const live: VpcSnapshot = snapshot({
  endpoints: ok([endpoint(S3, 's3', { routeTableIds: [CUSTOM] })]),
  routeTables: ok([
    { id: MAIN, vpcId: VPC, routes: [], associations: [{ main: true }] },
    { id: CUSTOM, vpcId: VPC, routes: [{ ...ROUTE }], associations: [{ main: false, subnetId: SUBNET_A }] }
  ])
})
const manifest: Manifest = {
  file: 'vpc-endpoints.yml',
  version: 1,
  vpcs: [
    vpcDecl([
      declare('s3', { subnets: [SUBNET_A, SUBNET_B] }),
      declare('sns', { subnets: [SUBNET_A] }),
      declare('kms')
    ])
  ]
}
const iface = (service: string, more: Record<string, unknown> = {}) => ({
  vpc_id: VPC,
  service_name: `com.amazonaws.${REGION}.${service}`,
  vpc_endpoint_type: 'Interface',
  private_dns_enabled: true,
  subnet_ids: [SUBNET_A],
  ...more
})

const SCENARIOS: [string, ChangeSpec[]][] = [
  [
    'endpoints created and updated',
    [
      {
        address: 'aws_vpc_endpoint.sns',
        actions: 'create',
        after: iface('sns'),
        unknown: { id: true, state: true }
      },
      {
        address: 'module.endpoints.aws_vpc_endpoint.this["kms"]',
        actions: 'create',
        after: iface('kms', { private_dns_enabled: false }),
        unknown: { id: true }
      }
    ]
  ],
  [
    'associations and routes',
    [
      {
        address: 'aws_vpc_endpoint_route_table_association.s3_main',
        actions: 'create',
        after: { vpc_endpoint_id: S3, route_table_id: MAIN },
        unknown: { id: true }
      },
      {
        address: 'aws_route.nat',
        actions: 'create',
        after: {
          route_table_id: CUSTOM,
          destination_cidr_block: '52.219.8.0/24',
          nat_gateway_id: 'nat-0abc'
        },
        unknown: { id: true }
      },
      {
        address: 'aws_route_table_association.b',
        actions: 'create',
        after: { subnet_id: SUBNET_B, route_table_id: CUSTOM },
        unknown: { id: true }
      }
    ]
  ],
  [
    'a new table, the main association and the VPC',
    [
      {
        address: 'aws_route_table.new',
        actions: 'create',
        after: { vpc_id: VPC, route: [] },
        unknown: { id: true }
      },
      {
        address: 'aws_main_route_table_association.main',
        actions: 'update',
        before: { id: 'rtbassoc-0m', vpc_id: VPC, route_table_id: MAIN, original_route_table_id: MAIN },
        after: { id: 'rtbassoc-0m', vpc_id: VPC, route_table_id: CUSTOM, original_route_table_id: MAIN }
      },
      {
        address: 'aws_vpc.main',
        actions: 'update',
        before: { id: VPC, enable_dns_support: true, enable_dns_hostnames: true },
        after: { id: VPC, enable_dns_support: true, enable_dns_hostnames: false }
      }
    ]
  ]
]

function predictions(specs: ChangeSpec[]): Map<string, Finding[]> {
  const inventory: InventorySnapshot = { vpcs: [structuredClone(live)], apiCalls: {} }
  const plan = parseTerraformPlan(JSON.stringify(planJson(specs)), 'plan.json')
  return plannedFindings(plan, manifest, inventory).predicted
}

/** Every variant of the plan with one known argument of one change made open. */
function openedOneAtATime(specs: ChangeSpec[]): [string, ChangeSpec[]][] {
  const variants: [string, ChangeSpec[]][] = []
  specs.forEach((spec, i) => {
    for (const attr of Object.keys(spec.after ?? {})) {
      if (attr === 'id') continue
      const after = { ...spec.after }
      delete after[attr]
      const opened = { ...spec, after, unknown: { ...spec.unknown, [attr]: true } }
      variants.push([`${spec.address}.${attr}`, specs.map((s, j) => (j === i ? opened : s))])
    }
  })
  return variants
}

const summary = (group: readonly Finding[] | undefined) =>
  (group ?? []).map(f => `${f.verdict}: ${f.message}`).sort()

describe('plans: an open value never yields more passes', () => {
  for (const [name, specs] of SCENARIOS) {
    const known = predictions(specs)
    it(`${name}: the known plan decides something`, () => {
      const verdicts = [...known.values()].flat().map(f => f.verdict)
      expect(verdicts).toContain('pass')
      expect(verdicts).toContain('fail')
    })
    const variants = openedOneAtATime(specs)
    it.each(variants.map(([what, v]) => [what, v] as const))(`${name}: %s open`, (_what, variant) => {
      const open = predictions(variant)
      const violations: string[] = []
      for (const [key, group] of open) {
        const before = summary(known.get(key))
        const after = summary(group)
        if (JSON.stringify(before) === JSON.stringify(after)) continue
        if (group.every(f => f.verdict === 'inconclusive' || f.verdict === 'skipped')) continue
        const passes = (g: readonly Finding[] | undefined) =>
          (g ?? []).filter(f => f.verdict === 'pass').length
        if (passes(group) > passes(known.get(key)))
          violations.push(`${key}: more passes: ${after.join(' | ')}`)
        else if (group.some(f => f.verdict === 'pass' || f.verdict === 'fail'))
          violations.push(
            `${key}: decided on an open value: ${after.join(' | ')} (was ${before.join(' | ')})`
          )
      }
      expect(violations).toEqual([])
    })
  }
})
