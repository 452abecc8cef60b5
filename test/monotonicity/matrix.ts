import type { SimScenario } from '../../sim/scenario.js'
import type { MonotonicityScenario } from './scenarios.js'

/** Every AWS operation the configuration run uses, as IAM actions. */
export const OPERATIONS = [
  'ec2:DescribeVpcs',
  'ec2:DescribeVpcAttribute',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSubnets',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribePrefixLists',
  'ec2:DescribeNatGateways',
  'sts:GetCallerIdentity'
] as const

/** Operations the simulator pages (the others answer one object, so an "empty page" means nothing there). */
const PAGED = new Set<string>([
  'ec2:DescribeVpcs',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSubnets',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribePrefixLists',
  'ec2:DescribeNatGateways'
])

export const FAULTS = ['denied', 'throttled', 'http500', 'reset', 'hang', 'empty', 'drop-optional'] as const
export type Fault = (typeof FAULTS)[number]

/** The scenario with one fault on one operation, as scenario data the simulator serves on the wire. */
export function withFault(base: SimScenario, operation: string, fault: Fault): SimScenario {
  switch (fault) {
    case 'denied':
      return { ...base, deny: [...(base.deny ?? []), operation] }
    case 'throttled':
      return { ...base, throttleFirst: { ...base.throttleFirst, [operation]: Number.MAX_SAFE_INTEGER } }
    default:
      return { ...base, faults: { ...base.faults, [operation]: fault } }
  }
}

export interface Case {
  scenario: MonotonicityScenario
  operation: string
  fault: Fault
}

/**
 * scenarios × operations × faults, minus what cannot happen: GetCallerIdentity is only called when the
 * manifest declares an `account`, and only paged operations have pages.
 */
export function matrix(scenarios: readonly MonotonicityScenario[]): Case[] {
  return scenarios.flatMap(scenario =>
    OPERATIONS.filter(
      op => op !== 'sts:GetCallerIdentity' || /^\s+account:/m.test(scenario.manifest)
    ).flatMap(operation =>
      FAULTS.filter(fault => fault !== 'empty' || PAGED.has(operation)).map(fault => ({
        scenario,
        operation,
        fault
      }))
    )
  )
}
