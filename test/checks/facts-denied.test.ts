import { describe, expect, it } from 'vitest'
import type { InventorySnapshot, VpcSnapshot } from '../../src/aws/snapshot.js'
import { checkConfiguration } from '../../src/checks/check-configuration.js'
import { configurationRules } from '../../src/checks/configuration-rules.js'
import { CONFIGURATION_RULE_IDS } from '../../src/checks/rule-ids.js'
import type { Manifest } from '../../src/manifest/types.js'
import { REGION, VPC, declare, denied, endpoint, ok, snapshot, vpcDecl } from './fixtures.js'

/**
 * Generated from the catalogue (STYLE.md (f)): for every rule and every fact it declares, a denied fact
 * makes that rule inconclusive on a subject where it applies, naming the IAM action. The subject is a VPC
 * where every rule applies and passes when all facts are read.
 */
const decls = [
  declare('sns', { subnets: ['subnet-0aaa0000000000000'] }),
  declare('s3', { subnets: ['subnet-0aaa0000000000000'] })
]
const vpc = vpcDecl(decls, { account: '123456789012' })
const healthy = snapshot({
  callerAccount: ok('123456789012'),
  endpoints: ok([
    endpoint('vpce-0sns', 'sns', {
      subnetIds: ['subnet-0aaa0000000000000'],
      networkInterfaceIds: ['eni-0sns']
    }),
    endpoint('vpce-0gw', 's3', { routeTableIds: ['rtb-0custom000000000'] })
  ]),
  networkInterfaces: ok([
    {
      id: 'eni-0sns',
      subnetId: 'subnet-0aaa0000000000000',
      privateIpAddresses: ['10.0.1.5'],
      ipv6Addresses: []
    }
  ]),
  routeTables: ok([
    { id: 'rtb-0main00000000000', vpcId: VPC, routes: [], associations: [{ main: true }] },
    {
      id: 'rtb-0custom000000000',
      vpcId: VPC,
      routes: [{ destinationPrefixListId: 'pl-61a54008', gatewayId: 'vpce-0gw', state: 'active' }],
      associations: [{ main: false, subnetId: 'subnet-0aaa0000000000000' }]
    }
  ])
})

function run(snap: VpcSnapshot) {
  const manifest: Manifest = { file: 'vpc-endpoints.yml', version: 1, vpcs: [vpc] }
  const inventory: InventorySnapshot = { vpcs: [snap], apiCalls: {} }
  return checkConfiguration(manifest, inventory)
}

describe('the catalogue', () => {
  it('declares every rule id once, in the order of the id list', () => {
    expect(configurationRules.map(r => r.id)).toEqual([...CONFIGURATION_RULE_IDS])
  })

  it('passes every rule on the healthy fixture (so the cases below start from a pass)', () => {
    const findings = run(healthy)
    expect(findings.filter(f => f.verdict !== 'pass')).toEqual([])
    expect(new Set(findings.map(f => f.ruleId))).toEqual(new Set(CONFIGURATION_RULE_IDS))
  })
})

const cases = configurationRules.flatMap(rule => rule.reads.map(fact => ({ rule: rule.id, fact })))

describe('every rule × every fact it reads, denied → inconclusive', () => {
  it.each(cases)('$rule with $fact denied', ({ rule, fact }) => {
    const snap: VpcSnapshot = { ...healthy, [fact]: denied(`test:${fact}`) }
    const findings = run(snap).filter(f => f.ruleId === rule)
    expect(findings.length).toBeGreaterThan(0)
    for (const f of findings) {
      expect(f.verdict).toBe('inconclusive')
      expect(f.message).toContain(`Grant test:${fact}`)
      expect(f.evidence['missing-permission']).toBe(`test:${fact}`)
    }
  })
})

describe('a fact the inventory never read', () => {
  it('is missing, not empty: the account rule is inconclusive', () => {
    const { callerAccount: _, ...unread } = healthy
    const [f] = run(unread).filter(x => x.ruleId === 'account-matches')
    expect(f).toMatchObject({ verdict: 'inconclusive', region: REGION })
    expect(f!.message).toContain('did not call sts:GetCallerIdentity')
  })
})
