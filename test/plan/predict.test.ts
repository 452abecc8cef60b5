import { describe, expect, it } from 'vitest'
import type { InventorySnapshot, VpcSnapshot } from '../../src/aws/snapshot.js'
import { checkConfiguration } from '../../src/checks/check-configuration.js'
import type { EndpointDeclaration, Manifest, VpcDeclaration } from '../../src/manifest/types.js'
import type { Finding } from '../../src/model/finding.js'
import { predictFromPlan } from '../../src/plan/predict.js'
import { parseTerraformPlan } from '../../src/plan/read-plan.js'
import { REGION, VPC, declare, denied, endpoint, ok, snapshot, vpcDecl } from '../checks/fixtures.js'
import { planJson, type ChangeSpec } from './plan-json.js'

const S3 = 'vpce-0s3000000000000000'
const KMS = 'vpce-0kms00000000000000'
const MAIN = 'rtb-0main00000000000'
const CUSTOM = 'rtb-0custom000000000'
const SUBNET_A = 'subnet-0aaa0000000000000'
const SUBNET_B = 'subnet-0bbb0000000000000'
const S3_ROUTE = { destinationPrefixListId: 'pl-61a54008', gatewayId: S3, state: 'active' }

/** A healthy VPC: S3 gateway endpoint routed in both tables (subnet A explicit, B via main), KMS with private DNS. */
function healthy(more: Partial<VpcSnapshot> = {}): VpcSnapshot {
  return snapshot({
    endpoints: ok([
      endpoint(S3, 's3', { routeTableIds: [MAIN, CUSTOM] }),
      endpoint(KMS, 'kms', { subnetIds: [SUBNET_A] })
    ]),
    routeTables: ok([
      { id: MAIN, vpcId: VPC, routes: [{ ...S3_ROUTE }], associations: [{ main: true }] },
      {
        id: CUSTOM,
        vpcId: VPC,
        routes: [{ ...S3_ROUTE }],
        associations: [{ main: false, subnetId: SUBNET_A }]
      }
    ]),
    ...more
  })
}

function setup() {
  const s3 = declare('s3', { subnets: [SUBNET_A, SUBNET_B] })
  const kms = declare('kms')
  return { s3, kms, vpc: vpcDecl([s3, kms]) }
}

function run(vpc: VpcDeclaration, snap: VpcSnapshot, specs: ChangeSpec[]) {
  const manifest: Manifest = { file: 'vpc-endpoints.yml', version: 1, vpcs: [vpc] }
  const inventory: InventorySnapshot = { vpcs: [snap], apiCalls: {} }
  const live = checkConfiguration(manifest, inventory)
  const plan = parseTerraformPlan(JSON.stringify(planJson(specs)), 'plan.json')
  return { live, ...predictFromPlan(plan, manifest, inventory, live) }
}

const planned = (findings: Finding[], ruleId?: string) =>
  findings.filter(f => f.phase === 'planned' && (!ruleId || f.ruleId === ruleId))
const at = (decl: EndpointDeclaration) => decl.location.line

describe('predicted findings from a Terraform plan', () => {
  it('a plan that changes nothing the checks read predicts nothing new and says so', () => {
    const { vpc } = setup()
    const r = run(vpc, healthy(), [
      { address: 'aws_instance.web', actions: 'create', after: { ami: 'ami-0abc' }, unknown: { id: true } }
    ])
    expect(planned(r.findings)).toEqual([])
    expect(r.findings).toEqual(r.live)
    expect(r.notes[0]).toContain('changes none of the VPC resources the checks read')
  })

  it('removing a route-table association: the gateway route is predicted missing at the s3 line', () => {
    const { vpc, s3 } = setup()
    const r = run(vpc, healthy(), [
      {
        address: 'aws_vpc_endpoint_route_table_association.s3_private',
        actions: 'delete',
        before: { id: 'a-vpce-0s3-rtb-0custom', vpc_endpoint_id: S3, route_table_id: CUSTOM }
      }
    ])
    expect(r.live.filter(f => f.verdict === 'fail')).toEqual([])
    const [f, ...rest] = planned(r.findings, 'gateway-route-present')
    expect(rest).toEqual([])
    expect(f).toMatchObject({ verdict: 'fail', phase: 'planned', service: 's3' })
    expect(f!.location.line).toBe(at(s3))
    expect(f!.message).toMatch(
      /^After apply: Route table rtb-0custom000000000 \(used by subnet-0aaa0000000000000\) has no route to vpce-0s3/
    )
    expect(f!.evidence['terraform']).toBe('aws_vpc_endpoint_route_table_association.s3_private')
    // The unchanged main table's result is the same as now: not repeated as a prediction.
    expect(planned(r.findings).every(p => p.evidence['route-table'] !== MAIN)).toBe(true)
  })

  it('turning private DNS off in a module: predicted fail at the kms line, with the module address', () => {
    const { vpc, kms } = setup()
    const before = {
      id: KMS,
      vpc_id: VPC,
      service_name: `com.amazonaws.${REGION}.kms`,
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: true,
      subnet_ids: [SUBNET_A],
      state: 'available'
    }
    const r = run(vpc, healthy(), [
      {
        address: 'module.endpoints.aws_vpc_endpoint.this["kms"]',
        actions: 'update',
        before,
        after: { ...before, private_dns_enabled: false }
      }
    ])
    const [f] = planned(r.findings, 'private-dns-enabled')
    expect(f).toMatchObject({ verdict: 'fail', endpointId: KMS })
    expect(f!.location.line).toBe(at(kms))
    expect(f!.message).toContain('After apply: Private DNS is off for vpce-0kms')
    expect(f!.evidence['terraform']).toBe('module.endpoints.aws_vpc_endpoint.this["kms"]')
    // Only what changes is predicted: the endpoint's other checks would say what they say now.
    expect(planned(r.findings).map(p => p.ruleId)).toEqual(['private-dns-enabled'])
  })

  it('moving a subnet to the main table (association deleted): predicted on the table it will really use', () => {
    const { vpc, s3 } = setup()
    // Main has no endpoint route: subnet A is fine now only because of its explicit association.
    const snap = healthy({
      endpoints: ok([
        endpoint(S3, 's3', { routeTableIds: [CUSTOM] }),
        endpoint(KMS, 'kms', { subnetIds: [SUBNET_A] })
      ]),
      routeTables: ok([
        {
          id: MAIN,
          vpcId: VPC,
          routes: [],
          associations: [{ main: true }, { main: false, subnetId: SUBNET_B }]
        },
        {
          id: CUSTOM,
          vpcId: VPC,
          routes: [{ ...S3_ROUTE }],
          associations: [{ main: false, subnetId: SUBNET_A }]
        }
      ])
    })
    const r = run(vpc, snap, [
      {
        address: 'aws_route_table_association.private_a',
        actions: 'delete',
        before: { id: 'rtbassoc-0aaa', subnet_id: SUBNET_A, route_table_id: CUSTOM }
      }
    ])
    const fails = planned(r.findings, 'gateway-route-present').filter(f => f.verdict === 'fail')
    expect(fails).toHaveLength(1)
    expect(fails[0]!.message).toContain(
      `Route table ${MAIN} (used by ${SUBNET_A} (no explicit association: the main table)`
    )
    expect(fails[0]!.location.line).toBe(at(s3))
    expect(fails[0]!.evidence['terraform']).toContain('aws_route_table_association.private_a')
  })

  it('adding a more specific route to a NAT gateway: predicted shadowing failure', () => {
    const { vpc, s3 } = setup()
    const r = run(vpc, healthy(), [
      {
        address: 'aws_route.s3_via_nat',
        actions: 'create',
        after: {
          route_table_id: CUSTOM,
          destination_cidr_block: '52.219.4.0/24',
          nat_gateway_id: 'nat-0abc'
        },
        unknown: { id: true, state: true, origin: true, instance_id: true, instance_owner_id: true }
      }
    ])
    const [f, ...rest] = planned(r.findings, 'gateway-route-not-shadowed')
    expect(rest).toEqual([])
    expect(f).toMatchObject({ verdict: 'fail' })
    expect(f!.location.line).toBe(at(s3))
    expect(f!.message).toContain('52.219.4.0/24 → NAT gateway nat-0abc')
    expect(f!.evidence['terraform']).toBe('aws_route.s3_via_nat')
  })

  it('a plan that fixes a live failure: the live failure is marked, the route it adds is open until apply', () => {
    const { vpc } = setup()
    const snap = healthy({
      endpoints: ok([
        endpoint(S3, 's3', { routeTableIds: [CUSTOM] }),
        endpoint(KMS, 'kms', { subnetIds: [SUBNET_A] })
      ]),
      routeTables: ok([
        { id: MAIN, vpcId: VPC, routes: [], associations: [{ main: true }] },
        {
          id: CUSTOM,
          vpcId: VPC,
          routes: [{ ...S3_ROUTE }],
          associations: [{ main: false, subnetId: SUBNET_A }]
        }
      ])
    })
    const r = run(vpc, snap, [
      {
        address: 'aws_vpc_endpoint_route_table_association.s3_main',
        actions: 'create',
        after: { vpc_endpoint_id: S3, route_table_id: MAIN },
        unknown: { id: true }
      }
    ])
    const liveFail = r.findings.find(
      f => !f.phase && f.ruleId === 'gateway-route-present' && f.verdict === 'fail'
    )
    expect(liveFail).toMatchObject({ fixedByPlan: true })
    expect(liveFail!.message).toContain('Fixed by this plan: after apply, route table rtb-0main')
    const present = planned(r.findings, 'gateway-route-present')
    expect(present.map(f => [f.verdict, f.evidence['route-table']])).toEqual([['pass', MAIN]])
    // Which state EC2 gives the new route is known only after apply: inconclusive, never assumed active.
    const active = planned(r.findings, 'gateway-route-active')
    expect(active).toHaveLength(1)
    expect(active[0]).toMatchObject({ verdict: 'inconclusive' })
    expect(active[0]!.message).toContain(
      'state of the route to vpce-0s3000000000000000 in rtb-0main00000000000'
    )
    expect(active[0]!.message).toContain('aws_vpc_endpoint_route_table_association.s3_main')
    // The prediction sits right after the live finding it is about.
    const i = r.findings.indexOf(liveFail!)
    expect(r.findings.slice(i + 1).find(f => f.ruleId === 'gateway-route-present')?.phase).toBe('planned')
  })

  it('a route table id known only after apply and not resolvable: inconclusive naming the argument and address', () => {
    const { vpc, s3 } = setup()
    const r = run(vpc, healthy(), [
      {
        address: 'aws_route_table_association.private_a',
        actions: 'update',
        before: { id: 'rtbassoc-0aaa', subnet_id: SUBNET_A, route_table_id: CUSTOM },
        after: { id: 'rtbassoc-0aaa', subnet_id: SUBNET_A },
        unknown: { route_table_id: true },
        references: { route_table_id: ['module.network.private_route_table_id', 'module.network'] }
      }
    ])
    const gateway = planned(r.findings).filter(f => f.location.line === at(s3))
    expect(gateway.map(f => [f.ruleId, f.verdict])).toEqual([
      ['gateway-route-present', 'inconclusive'],
      ['gateway-route-active', 'inconclusive'],
      ['gateway-route-not-shadowed', 'inconclusive']
    ])
    expect(gateway[0]!.message).toBe(
      'After apply: Could not check "Gateway endpoint route is in the route table": route_table_id of aws_route_table_association.private_a is known only after apply.'
    )
    expect(gateway[0]!.evidence['terraform']).toBe('aws_route_table_association.private_a')
    // kms does not depend on it.
    expect(planned(r.findings).filter(f => f.service === 'kms')).toEqual([])
  })

  it('a new route table referenced by address: the association is matched to it and judged on its routes', () => {
    const { vpc, s3 } = setup()
    const r = run(vpc, healthy(), [
      {
        address: 'module.network.aws_route_table.isolated',
        actions: 'create',
        after: { vpc_id: VPC, route: [] },
        unknown: { id: true, arn: true, owner_id: true }
      },
      {
        address: 'module.network.aws_route_table_association.private_a',
        actions: 'replace',
        before: { id: 'rtbassoc-0aaa', subnet_id: SUBNET_A, route_table_id: CUSTOM },
        after: { subnet_id: SUBNET_A },
        unknown: { id: true, route_table_id: true },
        references: { route_table_id: ['aws_route_table.isolated.id', 'aws_route_table.isolated'] }
      }
    ])
    const [f] = planned(r.findings, 'gateway-route-present').filter(x => x.verdict === 'fail')
    expect(f!.message).toContain(
      'Route table new:module.network.aws_route_table.isolated (used by subnet-0aaa0000000000000) has no route to vpce-0s3'
    )
    expect(f!.location.line).toBe(at(s3))
    expect(f!.evidence['terraform']).toContain('module.network.aws_route_table.isolated')
  })

  it('a new interface endpoint without private_dns_enabled: exists, private DNS fails (provider default false), state open', () => {
    const sns = declare('sns', { subnets: [SUBNET_A] })
    const vpc = vpcDecl([sns])
    const r = run(vpc, healthy(), [
      {
        address: 'aws_vpc_endpoint.sns',
        actions: 'create',
        after: {
          vpc_id: VPC,
          service_name: `com.amazonaws.${REGION}.sns`,
          vpc_endpoint_type: 'Interface',
          private_dns_enabled: false,
          subnet_ids: [SUBNET_A]
        },
        unknown: {
          id: true,
          arn: true,
          state: true,
          network_interface_ids: true,
          dns_entry: true,
          owner_id: true
        }
      }
    ])
    const by = (id: string) => planned(r.findings, id).map(f => f.verdict)
    expect(r.live.find(f => f.ruleId === 'endpoint-exists')?.verdict).toBe('fail')
    expect(by('endpoint-exists')).toEqual(['pass'])
    expect(by('private-dns-enabled')).toEqual(['fail'])
    expect(by('endpoint-in-subnets')).toEqual(['pass'])
    expect(by('endpoint-available')).toEqual(['inconclusive'])
    expect(planned(r.findings, 'endpoint-available')[0]!.message).toContain('state of aws_vpc_endpoint.sns')
    expect(planned(r.findings, 'endpoint-exists')[0]!.endpointId).toBe('new:aws_vpc_endpoint.sns')
  })

  it('a new gateway endpoint routes the tables route_table_ids names, also a new table matched by reference', () => {
    const s3 = declare('s3', { subnets: [SUBNET_A, SUBNET_B] })
    const snap = healthy({ endpoints: ok([]) })
    for (const t of (snap.routeTables as { value: { routes: unknown[] }[] }).value) t.routes = []
    const r = run(vpcDecl([s3]), snap, [
      {
        address: 'aws_route_table.b',
        actions: 'create',
        after: { vpc_id: VPC, route: [] },
        unknown: { id: true }
      },
      {
        address: 'aws_route_table_association.b',
        actions: 'create',
        after: { subnet_id: SUBNET_B },
        unknown: { id: true, route_table_id: true },
        references: { route_table_id: ['aws_route_table.b.id', 'aws_route_table.b'] }
      },
      {
        address: 'aws_vpc_endpoint.s3',
        actions: 'create',
        after: { vpc_id: VPC, service_name: `com.amazonaws.${REGION}.s3`, route_table_ids: [CUSTOM] },
        unknown: { id: true, state: true, prefix_list_id: true, route_table_ids: [false, true] },
        references: { route_table_ids: ['aws_route_table.b.id', 'aws_route_table.b'] }
      }
    ])
    const present = planned(r.findings, 'gateway-route-present')
    expect(present.map(f => [f.verdict, f.evidence['route-table']])).toEqual([
      ['pass', CUSTOM],
      ['pass', 'new:aws_route_table.b']
    ])
    expect(present[1]!.message).toContain('(used by subnet-0bbb0000000000000)')
    expect(planned(r.findings, 'gateway-route-active').map(f => f.verdict)).toEqual(['inconclusive'])
    expect(planned(r.findings, 'endpoint-type-matches').map(f => f.verdict)).toEqual(['pass'])
  })

  it('a fact the live run could not read stays unread after apply: the plan never turns it into a pass', () => {
    const { vpc, s3 } = setup()
    const r = run(vpc, healthy({ routeTables: denied('ec2:DescribeRouteTables') }), [
      {
        address: 'aws_vpc_endpoint_route_table_association.s3_main',
        actions: 'create',
        after: { vpc_endpoint_id: S3, route_table_id: MAIN },
        unknown: { id: true }
      }
    ])
    const gateway = r.findings.filter(f => f.location.line === at(s3) && f.ruleId.startsWith('gateway-'))
    expect(gateway.every(f => f.verdict === 'inconclusive')).toBe(true)
    expect(gateway.some(f => f.fixedByPlan)).toBe(false)
  })

  it('replacing a pinned endpoint: the pinned id is gone after apply', () => {
    const kms = declare('kms', { id: KMS })
    const before = {
      id: KMS,
      vpc_id: VPC,
      service_name: `com.amazonaws.${REGION}.kms`,
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: true
    }
    const r = run(vpcDecl([kms]), healthy(), [
      {
        address: 'aws_vpc_endpoint.kms',
        actions: 'replace',
        before,
        after: { ...before, id: undefined },
        unknown: { id: true, state: true }
      }
    ])
    const [f] = planned(r.findings, 'endpoint-exists')
    expect(f).toMatchObject({ verdict: 'fail' })
    expect(f!.message).toContain(`Endpoint ${KMS}`)
  })

  it('turning the VPC DNS attribute off predicts both the VPC rule and private DNS failing', () => {
    const { vpc } = setup()
    const before = {
      id: VPC,
      cidr_block: '10.0.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true
    }
    const r = run(vpc, healthy(), [
      {
        address: 'aws_vpc.main',
        actions: 'update',
        before,
        after: { ...before, enable_dns_hostnames: false }
      }
    ])
    expect(planned(r.findings).map(f => [f.ruleId, f.verdict])).toEqual([
      ['vpc-dns-hostnames-enabled', 'fail'],
      ['private-dns-enabled', 'fail']
    ])
  })

  it('an unmodelled change to the default route table makes the gateway checks on it inconclusive', () => {
    const { vpc } = setup()
    const r = run(vpc, healthy(), [
      {
        address: 'aws_default_route_table.main',
        actions: 'update',
        before: { id: MAIN, default_route_table_id: MAIN, route: [] },
        after: {
          id: MAIN,
          default_route_table_id: MAIN,
          route: [{ cidr_block: '52.219.0.0/24', nat_gateway_id: 'nat-0abc' }]
        }
      }
    ])
    const verdicts = planned(r.findings).map(f => [f.ruleId, f.verdict])
    expect(verdicts).toContainEqual(['gateway-route-not-shadowed', 'inconclusive'])
    expect(planned(r.findings)[0]!.message).toContain('change not modelled (aws_default_route_table)')
  })
})
