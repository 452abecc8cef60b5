import { describe, expect, it } from 'vitest'
import type { Fact, VpcSnapshot } from '../../src/aws/snapshot.js'
import { undecidedCause } from '../../src/core/undecided.js'
import { NOT_READ } from '../../src/model/fact.js'
import type { Finding } from '../../src/model/finding.js'

const denied = (action: string): Fact<never> => ({
  ok: false,
  problem: { kind: 'denied', action, code: 'UnauthorizedOperation', message: 'You are not authorized.' }
})
const notRead: Fact<never> = {
  ok: false,
  problem: { kind: 'error', action: 'ec2:DescribeVpcAttribute', code: NOT_READ, message: 'not read' }
}

/** A gateway-only VPC: its DNS attributes were left unread on purpose, every asked read failed. */
function snapshot(): VpcSnapshot {
  return {
    vpcId: 'vpc-1',
    region: 'ap-northeast-1',
    vpc: denied('ec2:DescribeVpcs'),
    enableDnsSupport: notRead,
    enableDnsHostnames: notRead,
    endpoints: denied('ec2:DescribeVpcEndpoints'),
    routeTables: denied('ec2:DescribeRouteTables'),
    subnets: denied('ec2:DescribeSubnets'),
    networkInterfaces: denied('ec2:DescribeNetworkInterfaces'),
    prefixLists: denied('ec2:DescribePrefixLists')
  }
}

const inconclusiveFinding: Finding = {
  ruleId: 'vpc-exists',
  verdict: 'inconclusive',
  message: 'Could not check',
  location: { file: 'm.yml', line: 1, column: 1 },
  vpcId: 'vpc-1',
  region: 'ap-northeast-1',
  evidence: {}
}

describe('undecidedCause', () => {
  it('names a read that failed, never a fact left unread on purpose', () => {
    const found = { ...snapshot(), vpc: { ok: true as const, value: { id: 'vpc-1', state: 'available' } } }
    const cause = undecidedCause([inconclusiveFinding], { vpcs: [found], apiCalls: {} })
    expect(cause).toBe('ec2:DescribeVpcEndpoints: You are not authorized.')
  })

  it('counts only the reads asked for: all of them failing is undecided even beside a decided finding', () => {
    const decided = { ...inconclusiveFinding, verdict: 'warn' as const }
    expect(undecidedCause([decided], { vpcs: [snapshot()], apiCalls: {} })).toBe(
      'ec2:DescribeVpcs: You are not authorized.'
    )
  })
})
