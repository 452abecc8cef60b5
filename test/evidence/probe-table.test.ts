import { describe, expect, it } from 'vitest'
import { isUserError } from '../../src/core/errors.js'
import type { EndpointDeclaration } from '../../src/manifest/types.js'
import { probeTable, resolveProbe, standardHost } from '../../src/evidence/probe-table.js'

function decl(service: string, probe?: string | false): EndpointDeclaration {
  return {
    serviceName: `com.amazonaws.ap-northeast-1.${service}`,
    service,
    type: 'Interface',
    privateDns: true,
    subnets: [],
    routeTables: [],
    ...(probe !== undefined ? { probe } : {}),
    location: { file: 'infra/vpc-endpoints.yml', line: 12, column: 7 }
  }
}

function userErrorOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    if (isUserError(error)) return error.message
    throw error
  }
  throw new Error('expected a UserError')
}

describe('probe table', () => {
  it('covers the services of the issue, each with a management-event probe or a reason', () => {
    const services = [
      's3',
      'dynamodb',
      'sns',
      'sqs',
      'sts',
      'kms',
      'secretsmanager',
      'ssm',
      'logs',
      'ecr.api',
      'ec2',
      'lambda',
      'monitoring',
      'events',
      'kinesis',
      'states',
      'ecs',
      'elasticloadbalancing'
    ]
    for (const s of services) {
      const entry = probeTable.get(s)
      expect(entry, s).toBeDefined()
      expect(entry!.probes.length > 0 || entry!.noProbeReason !== undefined, s).toBe(true)
      for (const p of entry!.probes) {
        expect(p.cloudTrail.category).toBe('management')
        expect(p.loggedDoc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//)
      }
    }
  })

  it('uses the documented hostnames and signing names', () => {
    expect(standardHost('ecr.api', 'eu-west-1')).toBe('api.ecr.eu-west-1.amazonaws.com')
    expect(standardHost('monitoring', 'eu-west-1')).toBe('monitoring.eu-west-1.amazonaws.com')
    const ecr = resolveProbe(decl('ecr.api'))
    expect(ecr.kind === 'probe' && ecr.probe.signingName).toBe('ecr')
    expect(ecr.kind === 'probe' && ecr.probe.cloudTrail.eventSource).toBe('ecr.amazonaws.com')
  })

  it('defaults CloudWatch to DescribeAlarms, a management event (ListMetrics is a data event)', () => {
    const r = resolveProbe(decl('monitoring'))
    expect(r.kind === 'probe' && r.probe.operation).toBe('DescribeAlarms')
    expect(r.kind === 'probe' && r.probe.request.headers['x-amz-target']).toBe(
      'GraniteServiceVersion20100801.DescribeAlarms'
    )
    expect(userErrorOf(() => resolveProbe(decl('monitoring', 'cloudwatch:ListMetrics')))).toMatch(
      /infra\/vpc-endpoints\.yml:12:7: .*data event/
    )
  })

  it('marks SQS as configuration and DNS only, with the reason', () => {
    const r = resolveProbe(decl('sqs'))
    expect(r.kind).toBe('none')
    expect(r.kind === 'none' && r.reason).toMatch(/configuration and DNS checks only/)
    expect(userErrorOf(() => resolveProbe(decl('sqs', 'sqs:ListQueues')))).toMatch(/data event/)
  })

  it("carries Lambda's versioned eventName", () => {
    const r = resolveProbe(decl('lambda'))
    expect(r.kind === 'probe' && r.probe.cloudTrail.eventName).toBe('ListFunctions20150331')
    expect(r.kind === 'probe' && r.probe.request.method).toBe('GET')
  })

  it('accepts an alternative by short name or IAM prefix, case-insensitively', () => {
    const a = resolveProbe(decl('monitoring', 'cloudwatch:ListDashboards'))
    const b = resolveProbe(decl('monitoring', 'monitoring:listdashboards'))
    expect(a.kind === 'probe' && a.probe.operation).toBe('ListDashboards')
    expect(b.kind === 'probe' && b.probe.operation).toBe('ListDashboards')
    const s3 = resolveProbe(decl('s3', 's3:ListBuckets'))
    expect(s3.kind === 'probe' && s3.probe.iamAction).toBe('s3:ListAllMyBuckets')
  })

  it('skips `probe: false` and reports unknown services without failing', () => {
    expect(resolveProbe(decl('sns', false)).kind).toBe('skipped')
    const r = resolveProbe(decl('glue'))
    expect(r.kind).toBe('none')
    expect(r.kind === 'none' && r.reason).toMatch(/glue/)
  })

  it('rejects a probe not in the table with the manifest location and the choices', () => {
    expect(userErrorOf(() => resolveProbe(decl('sns', 'sns:Publish')))).toBe(
      'infra/vpc-endpoints.yml:12:7: probe "sns:Publish" is not in vpce-proof\'s probe table; choose one of: sns:ListTopics'
    )
    expect(userErrorOf(() => resolveProbe(decl('sns', 'kms:ListKeys')))).toMatch(/another service/)
    expect(userErrorOf(() => resolveProbe(decl('sns', 'ListTopics')))).toMatch(/service:Operation/)
    expect(userErrorOf(() => resolveProbe(decl('glue', 'glue:GetJobs')))).toMatch(
      /no probe for service "glue"/
    )
  })
})
