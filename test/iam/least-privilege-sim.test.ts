import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import type { RunOptions } from '../../src/core/options.js'
import type { RunReport } from '../../src/core/run-report.js'
import { executeRun } from '../../src/core/run.js'
import { grantedActions, leastPrivilegePolicy, needsOf } from '../../src/iam/least-privilege.js'
import { loadManifest } from '../../src/manifest/load.js'
import { startDnsServer, type DnsServer } from '../../sim/dns/server.js'
import { SIM_IAM_ACTIONS } from '../../sim/known-actions.js'
import type { SimScenario } from '../../sim/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { skippingClock } from '../clock/skipping-clock.js'
import { isEvidence } from '../../src/catalogue.js'

/**
 * The generated policy is enough: a full run (configuration, account, role-arn, probes, CloudTrail) against
 * the simulator denying every action it knows except the policy's gets no denial anywhere.
 */
const REGION = 'ap-northeast-1'
const VPC = 'vpc-0123456789abcdef0'
const SUBNET = 'subnet-0a1111111111111aa'
const ROLE = 'arn:aws:iam::123456789012:role/vpce-proof-readonly'
const ENI = { sns: '10.0.1.77', kms: '10.0.1.78', sqs: '10.0.1.79' }

const scenario = (deny: string[]): SimScenario => ({
  accountId: '123456789012',
  region: REGION,
  deny,
  vpcs: [
    {
      id: VPC,
      region: REGION,
      cidr: '10.0.0.0/16',
      enableDnsSupport: true,
      enableDnsHostnames: true,
      subnets: [{ id: SUBNET, cidr: '10.0.1.0/24' }],
      routeTables: [{ id: 'rtb-0a1b2c3d4e5f60002', main: true, routes: [] }],
      endpoints: [
        ...(['sns', 'kms', 'sqs'] as const).map((s, i) => ({
          id: `vpce-0a1b2c3d4e5f6d00${i}`,
          serviceName: `com.amazonaws.${REGION}.${s}`,
          type: 'Interface' as const,
          privateDnsEnabled: true,
          subnetIds: [SUBNET],
          eniIps: { [SUBNET]: ENI[s] }
        })),
        {
          id: 'vpce-0a1b2c3d4e5f6d009',
          serviceName: `com.amazonaws.${REGION}.s3`,
          type: 'Gateway' as const,
          routeTableIds: ['rtb-0a1b2c3d4e5f60002']
        }
      ]
    }
  ],
  traffic: {
    sns: { via: 'endpoint', sourceIp: '10.0.1.25' },
    kms: { via: 'endpoint', sourceIp: '10.0.1.25' },
    s3: { via: 'endpoint', sourceIp: '10.0.1.25' }
  }
})

const MANIFEST = `version: 1
region: ${REGION}
vpcs:
  - id: ${VPC}
    account: '123456789012'
    role-arn: ${ROLE}
    endpoints:
      - service: sns
      - service: kms
      - service: s3
        type: Gateway
        route-tables: [rtb-0a1b2c3d4e5f60002]
      - service: sqs
        probe: false
`

let dir: string
let sim: SimulatedAws | undefined
let dns: DnsServer | undefined
const saved = { ...process.env }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vpce-proof-iam-'))
  await writeFile(join(dir, 'vpc-endpoints.yml'), MANIFEST)
})
afterAll(() => rm(dir, { recursive: true, force: true }))
afterEach(async () => {
  await sim?.close()
  await dns?.stop()
  sim = dns = undefined
  process.env = { ...saved }
})

async function policyActions(): Promise<string[]> {
  const manifest = await loadManifest(join(dir, 'vpc-endpoints.yml'))
  return grantedActions(leastPrivilegePolicy(needsOf(manifest, true)))
}

async function runWith(deny: string[]): Promise<RunReport> {
  // CloudTrail's polling on simulated time the simulator shares.
  const clock = skippingClock()
  sim = await startSimulatedAws(scenario(deny), { now: clock.now })
  dns = await startDnsServer({
    records: [
      { host: `sns.${REGION}.amazonaws.com`, ipv4: [ENI.sns] },
      { host: `kms.${REGION}.amazonaws.com`, ipv4: [ENI.kms] },
      { host: `sqs.${REGION}.amazonaws.com`, ipv4: [ENI.sqs] }
    ]
  })
  delete process.env.RUNNER_ENVIRONMENT
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: 'true'
  })
  const options: RunOptions = {
    manifestPath: join(dir, 'vpc-endpoints.yml'),
    manifestDisplayPath: 'vpc-endpoints.yml',
    defaultRegion: REGION,
    mode: 'full',
    failOn: ['fail', 'inconclusive'],
    evidence: true,
    evidenceTimeoutMs: 8000,
    dnsServers: [dns.server],
    runnerVpc: VPC,
    ledgerPath: join(dir, `ledger-${deny.length}.json`),
    reportPath: ''
  }
  const sink = () => undefined
  return executeRun(options, {
    aws: new AwsClientFactory(),
    log: { info: sink, notice: sink, warning: sink },
    env: { ...process.env },
    clock
  })
}

const denials = (report: RunReport) =>
  report.findings.filter(f => /AccessDenied|UnauthorizedOperation|not authorized|denied/i.test(f.message))

describe('iam-policy grants exactly enough', () => {
  it('a run with only the generated policy meets no denial and decides every finding', async () => {
    const granted = await policyActions()
    const deny = SIM_IAM_ACTIONS.filter(a => !granted.includes(a))
    // Denied: what this manifest never calls (other services' probes, DescribeRegions, ...).
    expect(deny).toEqual(
      expect.arrayContaining(
        ['ec2:DescribeRegions', 'lambda:ListFunctions', 'sqs:ListQueues'].filter(a =>
          SIM_IAM_ACTIONS.includes(a)
        )
      )
    )
    expect(granted).toEqual(
      expect.arrayContaining(['sts:AssumeRole', 'sts:GetCallerIdentity', 'kms:ListKeys'])
    )
    const report = await runWith(deny)
    expect(denials(report).map(f => `${f.ruleId}: ${f.message}`)).toEqual([])
    expect(report.findings.filter(f => f.verdict === 'inconclusive').map(f => f.message)).toEqual([])
    expect(report.findings.some(f => isEvidence(f.ruleId) && f.verdict === 'pass')).toBe(true)
    expect(report.result).toBe('pass')
    // Through the declared role: AssumeRole was called and granted.
    expect(sim!.callCount('AssumeRole')).toBeGreaterThan(0)
  })

  it('the same run missing one granted action (ec2:DescribeVpcEndpoints) is inconclusive, naming it', async () => {
    const granted = (await policyActions()).filter(a => a !== 'ec2:DescribeVpcEndpoints')
    const report = await runWith(SIM_IAM_ACTIONS.filter(a => !granted.includes(a)))
    const inconclusive = report.findings.filter(f => f.verdict === 'inconclusive')
    expect(inconclusive.length).toBeGreaterThan(0)
    expect(inconclusive.map(f => f.message).join('\n')).toContain('ec2:DescribeVpcEndpoints')
  })
})
