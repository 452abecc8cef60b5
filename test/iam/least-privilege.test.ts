import { describe, expect, it } from 'vitest'
import { FACT_ACTIONS } from '../../src/checks/rule-declaration.js'
import { grantedActions, leastPrivilegePolicy, needsOf } from '../../src/iam/least-privilege.js'
import { parseManifest } from '../../src/manifest/load.js'

const manifest = (vpcExtra: string, endpoints: string) =>
  parseManifest(
    `version: 1
region: eu-west-1
vpcs:
  - id: vpc-0123456789abcdef0
${vpcExtra}    endpoints:
${endpoints}`,
    'm.yml'
  )

const actionsFor = (vpcExtra: string, endpoints: string, evidence: boolean) =>
  grantedActions(leastPrivilegePolicy(needsOf(manifest(vpcExtra, endpoints), evidence)))

describe('least-privilege policy', () => {
  it('grants every EC2 read the inventory makes, and STS only when an account is declared', () => {
    const without = actionsFor('', '      - service: sns\n', false)
    const ec2 = Object.values(FACT_ACTIONS).filter(a => a.startsWith('ec2:'))
    expect(without).toEqual(expect.arrayContaining(ec2))
    expect(without).toContain('ec2:DescribeNatGateways')
    expect(without).not.toContain('sts:GetCallerIdentity')
    expect(without).not.toContain('cloudtrail:LookupEvents')
    expect(without).not.toContain('sns:ListTopics')
    expect(actionsFor("    account: '123456789012'\n", '      - service: sns\n', false)).toContain(
      'sts:GetCallerIdentity'
    )
  })

  it('with evidence: LookupEvents and the probe of each declared endpoint, none for probe: false', () => {
    const actions = actionsFor(
      '',
      '      - service: s3\n        type: Gateway\n      - service: lambda\n        probe: false\n      - service: monitoring\n        probe: cloudwatch:ListDashboards\n',
      true
    )
    expect(actions).toContain('cloudtrail:LookupEvents')
    expect(actions).toContain('s3:ListAllMyBuckets')
    expect(actions).toContain('cloudwatch:ListDashboards')
    expect(actions).not.toContain('cloudwatch:DescribeAlarms')
    expect(actions).not.toContain('lambda:ListFunctions')
  })

  it('names each declared role in sts:AssumeRole, never `*`', () => {
    const policy = leastPrivilegePolicy(
      needsOf(manifest('    role-arn: arn:aws:iam::210987654321:role/ro\n', '      - service: sns\n'), false)
    )
    const assume = policy.Statement.find(s => s.Action === 'sts:AssumeRole')
    expect(assume?.Resource).toEqual(['arn:aws:iam::210987654321:role/ro'])
  })
})
