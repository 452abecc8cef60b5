import { describe, expect, it } from 'vitest'
import type { InventorySnapshot, VpcEndpoint } from '../../src/aws/snapshot.js'
import { checkConfiguration } from '../../src/checks/check-configuration.js'
import type { Manifest } from '../../src/manifest/types.js'
import { predictFromPlan } from '../../src/plan/predict.js'
import { parseTerraformPlan } from '../../src/plan/read-plan.js'
import { runReportSchema } from '../../src/report/report-schema.js'
import { buildReport } from '../../src/core/build-report.js'
import { REGION, VPC, declare, endpoint, ok, snapshot, vpcDecl } from '../checks/fixtures.js'
import { planJson, type ChangeSpec } from './plan-json.js'

function run(manifest: Manifest, inventory: InventorySnapshot, specs: ChangeSpec[]) {
  const live = checkConfiguration(manifest, inventory)
  const plan = parseTerraformPlan(JSON.stringify(planJson(specs)), 'plan.json')
  return predictFromPlan(plan, manifest, inventory, live)
}

describe('hostile and large plans', () => {
  it('a for_each key full of control characters and length stays within what a published report accepts', () => {
    const kms = declare('kms')
    const manifest: Manifest = { file: 'vpc-endpoints.yml', version: 1, vpcs: [vpcDecl([kms])] }
    const inventory: InventorySnapshot = {
      vpcs: [snapshot({ endpoints: ok([endpoint('vpce-0kms0000000000000', 'kms')]) })],
      apiCalls: {}
    }
    const key = `\u001b[31m${'x'.repeat(950)}`
    const before = {
      id: 'vpce-0kms0000000000000',
      vpc_id: VPC,
      service_name: `com.amazonaws.${REGION}.kms`,
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: true
    }
    const address = `module.m.aws_vpc_endpoint.this[${JSON.stringify(key)}]`
    const specs: ChangeSpec[] = Array.from({ length: 8 }, (_, i) => ({
      address: i === 0 ? address : `aws_vpc_endpoint.other${i}[${JSON.stringify(key)}]`,
      actions: 'update' as const,
      before: i === 0 ? before : { ...before, id: `vpce-0other${i}` },
      after: { ...before, private_dns_enabled: i !== 0 }
    }))
    const result = run(manifest, inventory, specs)
    const planned = result.findings.filter(f => f.phase === 'planned')
    expect(planned.map(f => [f.ruleId, f.verdict])).toEqual([['private-dns-enabled', 'fail']])
    const report = buildReport({
      manifestFile: 'vpc-endpoints.yml',
      startedAt: new Date(0),
      finishedAt: new Date(0),
      failOn: ['fail'],
      findings: result.findings,
      notes: result.notes
    })
    expect(runReportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true)
  })

  it('1,000 declared interface endpoints, each updated by the plan, are predicted in well under the deadline', () => {
    const decls = Array.from({ length: 1_000 }, (_, i) =>
      declare(`svc${i}`, { subnets: ['subnet-0aaa0000000000000'] })
    )
    const endpoints: VpcEndpoint[] = decls.map((d, i) =>
      endpoint(`vpce-${i.toString(16).padStart(17, '0')}`, `svc${i}`, {
        serviceName: d.serviceName,
        subnetIds: ['subnet-0aaa0000000000000']
      })
    )
    const manifest: Manifest = { file: 'vpc-endpoints.yml', version: 1, vpcs: [vpcDecl(decls)] }
    const inventory: InventorySnapshot = { vpcs: [snapshot({ endpoints: ok(endpoints) })], apiCalls: {} }
    const specs: ChangeSpec[] = endpoints.map((e, i) => {
      const before = {
        id: e.id,
        vpc_id: VPC,
        service_name: e.serviceName,
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        subnet_ids: ['subnet-0aaa0000000000000']
      }
      return {
        address: `aws_vpc_endpoint.this["svc${i}"]`,
        actions: 'update' as const,
        before,
        after: { ...before, subnet_ids: i % 2 === 0 ? [] : before.subnet_ids }
      }
    })
    const started = performance.now()
    const result = run(manifest, inventory, specs)
    const ms = performance.now() - started
    expect(result.findings.filter(f => f.phase === 'planned' && f.verdict === 'fail')).toHaveLength(500)
    expect(ms).toBeLessThan(5_000)
  })
})
