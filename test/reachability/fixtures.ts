import { AwsClientFactory } from '../../src/aws/clients.js'
import { collectInventory } from '../../src/aws/inventory.js'
import { startDeadline, type Deadline } from '../../src/core/deadline.js'
import type { Log } from '../../src/core/log.js'
import { parseManifest } from '../../src/manifest/load.js'
import {
  runReachability,
  type ReachabilityInput,
  type ReachabilityResult
} from '../../src/reachability/run-reachability.js'
import type { RunnerLocation } from '../../src/runner/location.js'
import type { SimScenario } from '../../sim/scenario.js'
import type { SimulatedAws } from '../../sim/server.js'

export const REGION = 'ap-northeast-1'
export const VPC = 'vpc-0a1b2c3d4e5f60718'
export const SUBNET_A = 'subnet-0a1b2c3d4e5f6a001'
export const SUBNET_B = 'subnet-0a1b2c3d4e5f6a002'
export const RUNNER_ENI = 'eni-0a1b2c3d4e5f6e001'
export const SNS = 'vpce-0a1b2c3d4e5f6d001'
export const KMS = 'vpce-0a1b2c3d4e5f6d002'
export const S3 = 'vpce-0a1b2c3d4e5f6d003'
export const ENDPOINT_SG = 'sg-0a1b2c3d4e5f6f002'

/** One VPC: SNS and KMS interface endpoints, an S3 gateway endpoint on subnet A's table; the runner in A. */
export function reachScenario(overrides: Partial<SimScenario> = {}): SimScenario {
  return {
    accountId: '123456789012',
    region: REGION,
    vpcs: [
      {
        id: VPC,
        region: REGION,
        cidr: '10.0.0.0/16',
        subnets: [
          { id: SUBNET_A, cidr: '10.0.1.0/24', availabilityZone: `${REGION}a` },
          { id: SUBNET_B, cidr: '10.0.2.0/24', availabilityZone: `${REGION}c` }
        ],
        routeTables: [
          { id: 'rtb-0a1b2c3d4e5f6b000', main: true, routes: [] },
          { id: 'rtb-0a1b2c3d4e5f6b001', subnetIds: [SUBNET_A], routes: [] }
        ],
        endpoints: [
          {
            id: SNS,
            serviceName: `com.amazonaws.${REGION}.sns`,
            type: 'Interface',
            privateDnsEnabled: true,
            subnetIds: [SUBNET_A, SUBNET_B]
          },
          {
            id: KMS,
            serviceName: `com.amazonaws.${REGION}.kms`,
            type: 'Interface',
            privateDnsEnabled: true,
            subnetIds: [SUBNET_A]
          },
          {
            id: S3,
            serviceName: `com.amazonaws.${REGION}.s3`,
            type: 'Gateway',
            routeTableIds: ['rtb-0a1b2c3d4e5f6b001']
          }
        ]
      }
    ],
    reachability: { sources: { [RUNNER_ENI]: { subnetId: SUBNET_A } } },
    ...overrides
  }
}

export const MANIFEST = `version: 1
region: ${REGION}
vpcs:
  - id: ${VPC}
    endpoints:
      - service: sns
      - service: kms
      - service: s3
        type: Gateway
`

export const RUNNER_IN_VPC: RunnerLocation = {
  kind: 'vpc',
  vpcId: VPC,
  subnetId: SUBNET_A,
  interfaceId: RUNNER_ENI,
  privateIps: ['10.0.1.25'],
  source: 'imds',
  detail: `instance metadata: ${VPC}, ${SUBNET_A}, 10.0.1.25`
}

export interface Collected {
  lines: string[]
  log: Log
}

export function collectingLog(): Collected {
  const lines: string[] = []
  const push = (m: string) => void lines.push(m)
  return { lines, log: { info: push, notice: push, warning: push } }
}

/** A clock the poll's sleep advances: the wait passes without waiting. */
export function fakeClock(start = Date.now()) {
  let t = start
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms
    },
    advance: (ms: number) => {
      t += ms
    }
  }
}

export interface RunOpts {
  manifest?: string
  runner?: RunnerLocation
  deadline?: Deadline
  waitMs?: number
  clock?: ReturnType<typeof fakeClock>
  factory?: AwsClientFactory
  extra?: Partial<ReachabilityInput>
}

/** Inventory then Reachability Analyzer, through the real EC2 client against the simulator. */
export async function runAgainst(
  sim: SimulatedAws,
  opts: RunOpts = {}
): Promise<ReachabilityResult & { lines: string[] }> {
  process.env.AWS_ENDPOINT_URL = sim.url
  process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
  process.env.AWS_REGION = REGION
  const manifest = parseManifest(opts.manifest ?? MANIFEST, 'vpc-endpoints.yml', { defaultRegion: REGION })
  const deadline = opts.deadline ?? startDeadline(120_000)
  const aws = opts.factory ?? new AwsClientFactory({ signal: deadline.signal, ec2Limits: null })
  const inventory = await collectInventory(manifest, aws)
  const { lines, log } = collectingLog()
  const result = await runReachability({
    manifest,
    snapshots: inventory.vpcs,
    runnerLocation: opts.runner ?? RUNNER_IN_VPC,
    ec2For: access => aws.ec2For(access),
    runTag: '4242-1',
    deadline,
    waitMs: opts.waitMs ?? 60_000,
    log,
    ...(opts.clock ? { now: opts.clock.now, sleep: opts.clock.sleep } : {}),
    ...opts.extra
  })
  return { ...result, lines }
}
