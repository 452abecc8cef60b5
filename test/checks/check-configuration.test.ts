import { describe, expect, it } from 'vitest'
import type { InventorySnapshot, VpcSnapshot } from '../../src/aws/snapshot.js'
import { checkConfiguration } from '../../src/checks/check-configuration.js'
import type { Finding } from '../../src/model/finding.js'
import type { Manifest, VpcDeclaration } from '../../src/manifest/types.js'
import { VPC, denied, declare, endpoint, ok, snapshot, vpcDecl } from './fixtures.js'

function check(vpc: VpcDeclaration, snap: VpcSnapshot): Finding[] {
  const manifest: Manifest = { file: 'vpc-endpoints.yml', version: 1, vpcs: [vpc] }
  const inventory: InventorySnapshot = { vpcs: [snap], apiCalls: {} }
  return checkConfiguration(manifest, inventory)
}

const only = (findings: Finding[], ruleId: string) => findings.filter(f => f.ruleId === ruleId)
const verdicts = (findings: Finding[], ruleId: string) => only(findings, ruleId).map(f => f.verdict)

describe('interface endpoints', () => {
  it('passes a healthy endpoint with private DNS and an ENI in each declared subnet', () => {
    const sns = declare('sns', { subnets: ['subnet-0aaa0000000000000'] })
    const findings = check(
      vpcDecl([sns]),
      snapshot({
        endpoints: ok([
          endpoint('vpce-01251def6b627a209', 'sns', { subnetIds: ['subnet-0aaa0000000000000'] })
        ])
      })
    )
    expect(findings.filter(f => f.verdict !== 'pass')).toEqual([])
    expect(verdicts(findings, 'private-dns-enabled')).toEqual(['pass'])
    expect(verdicts(findings, 'vpc-dns-support-enabled')).toEqual(['pass'])
    expect(only(findings, 'endpoint-in-subnets')[0]!.location.line).toBe(sns.location.line)
  })

  it('fails private DNS off on the endpoint line, naming the endpoint', () => {
    const sns = declare('sns')
    const findings = check(
      vpcDecl([sns]),
      snapshot({ endpoints: ok([endpoint('vpce-0aaa', 'sns', { privateDnsEnabled: false })]) })
    )
    const [f] = only(findings, 'private-dns-enabled')
    expect(f).toMatchObject({
      verdict: 'fail',
      endpointId: 'vpce-0aaa',
      service: 'sns',
      location: sns.location
    })
    expect(f!.message).toContain('Private DNS is off')
  })

  it('skips the private DNS rule when private-dns: false is declared', () => {
    const findings = check(
      vpcDecl([declare('sns', { privateDns: false })]),
      snapshot({
        endpoints: ok([endpoint('vpce-0aaa', 'sns', { privateDnsEnabled: false })]),
        enableDnsSupport: ok(false)
      })
    )
    expect(verdicts(findings, 'private-dns-enabled')).toEqual(['skipped'])
    // VPC DNS attributes only matter when an interface endpoint relies on private DNS.
    expect(only(findings, 'vpc-dns-support-enabled')).toEqual([])
  })

  it('fails VPC DNS attributes that are off', () => {
    const findings = check(
      vpcDecl([declare('kms')]),
      snapshot({ endpoints: ok([endpoint('vpce-0aaa', 'kms')]), enableDnsHostnames: ok(false) })
    )
    expect(verdicts(findings, 'vpc-dns-hostnames-enabled')).toEqual(['fail'])
    expect(verdicts(findings, 'vpc-dns-support-enabled')).toEqual(['pass'])
  })

  it('names the declared subnets that have no endpoint ENI', () => {
    const findings = check(
      vpcDecl([declare('sns', { subnets: ['subnet-0aaa0000000000000', 'subnet-0bbb0000000000000'] })]),
      snapshot({ endpoints: ok([endpoint('vpce-0aaa', 'sns', { subnetIds: ['subnet-0aaa0000000000000'] })]) })
    )
    const [f] = only(findings, 'endpoint-in-subnets')
    expect(f!.verdict).toBe('fail')
    expect(f!.evidence['missing-subnets']).toBe('subnet-0bbb0000000000000')
  })
})

describe('finding the endpoint', () => {
  it('fails a missing endpoint and skips its further checks, saying why', () => {
    const findings = check(vpcDecl([declare('sns')]), snapshot())
    expect(verdicts(findings, 'endpoint-exists')).toEqual(['fail'])
    expect(only(findings, 'private-dns-enabled')[0]).toMatchObject({
      verdict: 'skipped',
      message: 'Not checked: no endpoint for sns was found.'
    })
  })

  it('finds a pinned id, and fails when the pinned id is not in the VPC', () => {
    const eps = ok([endpoint('vpce-0aaa', 'sns'), endpoint('vpce-0bbb', 'sns')])
    const pinned = check(vpcDecl([declare('sns', { id: 'vpce-0bbb' })]), snapshot({ endpoints: eps }))
    expect(only(pinned, 'endpoint-exists')[0]).toMatchObject({ verdict: 'pass', endpointId: 'vpce-0bbb' })
    const wrong = check(vpcDecl([declare('sns', { id: 'vpce-0ccc' })]), snapshot({ endpoints: eps }))
    expect(verdicts(wrong, 'endpoint-exists')).toEqual(['fail'])
  })

  it('fails an endpoint that is not available, with its state', () => {
    const findings = check(
      vpcDecl([declare('sns')]),
      snapshot({ endpoints: ok([endpoint('vpce-0aaa', 'sns', { state: 'pendingacceptance' })]) })
    )
    expect(only(findings, 'endpoint-available')[0]).toMatchObject({
      verdict: 'fail',
      evidence: { state: 'pendingacceptance' }
    })
  })

  it('fails a type mismatch, and prefers the declared type when S3 has both kinds', () => {
    const gatewayOnly = ok([endpoint('vpce-0gw', 's3', { routeTableIds: ['rtb-0main00000000000'] })])
    const mismatch = check(
      vpcDecl([declare('s3', { type: 'Interface' })]),
      snapshot({ endpoints: gatewayOnly })
    )
    expect(verdicts(mismatch, 'endpoint-type-matches')).toEqual(['fail'])

    const both = ok([
      endpoint('vpce-0if', 's3', { type: 'Interface' }),
      endpoint('vpce-0gw', 's3', { routeTableIds: ['rtb-0main00000000000'] })
    ])
    const s3 = check(vpcDecl([declare('s3', { type: 'Gateway' })]), snapshot({ endpoints: both }))
    expect(only(s3, 'endpoint-type-matches')[0]).toMatchObject({ verdict: 'pass', endpointId: 'vpce-0gw' })
    // The interface one is not declared: drift.
    expect(only(s3, 'endpoint-declared').map(f => f.endpointId)).toEqual(['vpce-0if'])
  })
})

describe('gateway routes', () => {
  /** The fixture's route tables, with the endpoint route added to one of them. */
  const withRoute = (tableId: string, state: 'active' | 'blackhole' = 'active') => {
    const tables = snapshot().routeTables
    if (!tables.ok) throw new Error('fixture')
    return ok(
      tables.value.map(t =>
        t.id === tableId
          ? { ...t, routes: [{ destinationPrefixListId: 'pl-61a54008', gatewayId: 'vpce-0gw', state }] }
          : t
      )
    )
  }

  it('checks the main table a subnet without an explicit association falls back to', () => {
    const s3 = declare('s3', { subnets: ['subnet-0bbb0000000000000'] })
    const findings = check(
      vpcDecl([s3]),
      snapshot({
        endpoints: ok([endpoint('vpce-0gw', 's3', { routeTableIds: ['rtb-0custom000000000'] })]),
        routeTables: withRoute('rtb-0custom000000000')
      })
    )
    const [f] = only(findings, 'gateway-route-present')
    expect(f!.verdict).toBe('fail')
    expect(f!.evidence['route-table']).toBe('rtb-0main00000000000')
    expect(f!.message).toContain('main table')
  })

  it('passes when the subnet explicit table has the endpoint route', () => {
    const findings = check(
      vpcDecl([
        declare('s3', { subnets: ['subnet-0aaa0000000000000'], routeTables: ['rtb-0custom000000000'] })
      ]),
      snapshot({
        endpoints: ok([endpoint('vpce-0gw', 's3', { routeTableIds: ['rtb-0custom000000000'] })]),
        routeTables: withRoute('rtb-0custom000000000')
      })
    )
    // The declared table and the subnet's table are the same one: checked once.
    expect(verdicts(findings, 'gateway-route-present')).toEqual(['pass'])
  })

  it('fails a blackhole route', () => {
    const findings = check(
      vpcDecl([declare('s3', { routeTables: ['rtb-0main00000000000'] })]),
      snapshot({
        endpoints: ok([endpoint('vpce-0gw', 's3')]),
        routeTables: withRoute('rtb-0main00000000000', 'blackhole')
      })
    )
    expect(verdicts(findings, 'gateway-route-active')).toEqual(['fail'])
  })

  it('fails a declared route table that is not in the VPC, and a gateway with no tables at all', () => {
    const missingTable = check(
      vpcDecl([declare('s3', { routeTables: ['rtb-0nothere00000000'] })]),
      snapshot({ endpoints: ok([endpoint('vpce-0gw', 's3')]) })
    )
    expect(only(missingTable, 'gateway-route-present')[0]!.message).toContain('is not in')
    const noTables = check(
      vpcDecl([declare('s3')]),
      snapshot({ endpoints: ok([endpoint('vpce-0gw', 's3')]) })
    )
    expect(verdicts(noTables, 'gateway-route-present')).toEqual(['fail'])
  })
})

describe('permissions and VPC-level rules', () => {
  it('makes checks inconclusive, naming the IAM action, when a read is denied', () => {
    const findings = check(
      vpcDecl([declare('s3', { routeTables: ['rtb-0main00000000000'] })]),
      snapshot({
        endpoints: ok([endpoint('vpce-0gw', 's3')]),
        routeTables: denied('ec2:DescribeRouteTables')
      })
    )
    const [f] = only(findings, 'gateway-route-present')
    expect(f!.verdict).toBe('inconclusive')
    expect(f!.message).toContain('Grant ec2:DescribeRouteTables')
    expect(f!.evidence['missing-permission']).toBe('ec2:DescribeRouteTables')
  })

  it('makes endpoint checks inconclusive when DescribeVpcEndpoints is denied (never a pass)', () => {
    const findings = check(
      vpcDecl([declare('sns')]),
      snapshot({ endpoints: denied('ec2:DescribeVpcEndpoints') })
    )
    expect(findings.filter(f => f.verdict === 'pass').map(f => f.ruleId)).toEqual([
      'vpc-exists',
      'vpc-dns-support-enabled',
      'vpc-dns-hostnames-enabled'
    ])
    expect(verdicts(findings, 'endpoint-exists')).toEqual(['inconclusive'])
  })

  it('stops at a VPC that does not exist: every other rule is skipped, none passes or vanishes', () => {
    const findings = check(vpcDecl([declare('sns')]), snapshot({ vpc: ok(null) }))
    expect(findings.map(f => [f.ruleId, f.verdict])).toEqual([
      ['vpc-exists', 'fail'],
      ['vpc-dns-support-enabled', 'skipped'],
      ['vpc-dns-hostnames-enabled', 'skipped'],
      ['endpoint-exists', 'skipped'],
      ['endpoint-available', 'skipped'],
      ['endpoint-type-matches', 'skipped'],
      ['private-dns-enabled', 'skipped'],
      ['endpoint-declared', 'skipped']
    ])
    expect(findings[1]!.message).toContain('was not found')
  })

  it('asserts the account when the manifest names one', () => {
    const findings = check(
      vpcDecl([], { account: '123456789012' }),
      snapshot({ callerAccount: ok('999999999999') })
    )
    expect(only(findings, 'account-matches')[0]).toMatchObject({
      verdict: 'fail',
      evidence: { 'caller-account': '999999999999' }
    })
  })

  it('warns about each undeclared endpoint on the VPC line', () => {
    const findings = check(
      vpcDecl([]),
      snapshot({ endpoints: ok([endpoint('vpce-0x', 'logs'), endpoint('vpce-0y', 'ssm')]) })
    )
    const drift = only(findings, 'endpoint-declared')
    expect(drift.map(f => [f.verdict, f.endpointId, f.location.line])).toEqual([
      ['warn', 'vpce-0x', 4],
      ['warn', 'vpce-0y', 4]
    ])
  })
})

describe('routes more specific than the gateway endpoint route', () => {
  const table = (routes: object[]) =>
    ok([{ id: 'rtb-0main00000000000', vpcId: VPC, routes, associations: [{ main: true }] }])
  const endpointRoute = { destinationPrefixListId: 'pl-61a54008', gatewayId: 'vpce-0gw', state: 'active' }
  const run = (routes: object[]) =>
    check(
      vpcDecl([declare('s3', { routeTables: ['rtb-0main00000000000'] })]),
      snapshot({
        endpoints: ok([endpoint('vpce-0gw', 's3')]),
        routeTables: table(routes) as VpcSnapshot['routeTables']
      })
    )

  it('fails a CIDR route inside the S3 prefix list that goes to a NAT gateway', () => {
    const findings = run([
      endpointRoute,
      { destinationCidrBlock: '52.219.4.0/24', natGatewayId: 'nat-0abc', state: 'active' }
    ])
    const [f] = only(findings, 'gateway-route-not-shadowed')
    expect(f!.verdict).toBe('fail')
    expect(f!.evidence['shadowing-routes']).toBe('52.219.4.0/24 → NAT gateway nat-0abc')
  })

  it('passes with only a default route, which is less specific', () => {
    const findings = run([
      endpointRoute,
      { destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0abc', state: 'active' }
    ])
    expect(verdicts(findings, 'gateway-route-not-shadowed')).toEqual(['pass'])
  })
})
