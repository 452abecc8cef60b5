import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { executeRun } from '../../src/core/run.js'
import type { RunOptions } from '../../src/core/options.js'
import type { RunReport } from '../../src/core/run-report.js'
import type { Finding } from '../../src/model/finding.js'
import type { RunnerVpcSetting } from '../../src/runner/location.js'
import { startDnsServer, type DnsServer } from '../../sim/dns/server.js'
import { startSimulatedImds, type SimulatedImds } from '../../sim/imds/server.js'
import type { SimScenario } from '../../sim/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { skippingClock } from '../clock/skipping-clock.js'
import { isEvidence } from '../../src/catalogue.js'

/**
 * Runner location through the whole run: the real EC2 and CloudTrail SDK clients against the simulated AWS,
 * probes signed and sent to it, DNS from a real DNS server on loopback, and the runner's place from the simulated IMDSv2.
 */
const REGION = 'ap-northeast-1'
const VPC = 'vpc-0123456789abcdef0'
const OTHER_VPC = 'vpc-0fff0000000000000'
const SUBNET = 'subnet-0a1111111111111aa'
const NAT = 'nat-0a1b2c3d4e5f6c001'
const NAT_IP = '198.51.100.20'
const IDS = { sns: 'vpce-01251def6b627a209', kms: 'vpce-0b2c3d4e5f6a7b8c9', s3: 'vpce-0a1b2c3d4e5f60718' }
const ENI = { sns: '10.0.1.77', kms: '10.0.1.78' }

function scenario(over: Partial<SimScenario> = {}): SimScenario {
  return {
    accountId: '123456789012',
    region: REGION,
    vpcs: [
      {
        id: VPC,
        region: REGION,
        cidr: '10.0.0.0/16',
        enableDnsSupport: true,
        enableDnsHostnames: true,
        subnets: [{ id: SUBNET, cidr: '10.0.1.0/24' }],
        routeTables: [
          {
            id: 'rtb-0a1b2c3d4e5f60002',
            main: true,
            routes: [{ destinationCidrBlock: '0.0.0.0/0', natGatewayId: NAT }]
          }
        ],
        natGateways: [{ id: NAT, subnetId: SUBNET, publicIps: [NAT_IP] }],
        endpoints: [
          ...(['sns', 'kms'] as const).map(s => ({
            id: IDS[s],
            serviceName: `com.amazonaws.${REGION}.${s}`,
            type: 'Interface' as const,
            privateDnsEnabled: true,
            subnetIds: [SUBNET],
            eniIps: { [SUBNET]: ENI[s] }
          })),
          {
            id: IDS.s3,
            serviceName: `com.amazonaws.${REGION}.s3`,
            type: 'Gateway' as const,
            routeTableIds: ['rtb-0a1b2c3d4e5f60002']
          }
        ]
      }
    ],
    ...over
  }
}

const MANIFEST = `version: 1
region: ${REGION}
vpcs:
  - id: ${VPC}
    endpoints:
      - service: sns
      - service: kms
      - service: s3
        type: Gateway
`

/** What a custom resolver answers: public addresses, so SDK calls go around the Interface endpoints. */
const PUBLIC_DNS = [
  { host: `sns.${REGION}.amazonaws.com`, ipv4: ['52.119.160.5'] },
  { host: `kms.${REGION}.amazonaws.com`, ipv4: ['52.119.160.6'] },
  { host: `s3.${REGION}.amazonaws.com`, ipv4: ['52.219.16.5'] }
]
const ALL_NAT = { sns: { via: 'nat' as const }, kms: { via: 'nat' as const }, s3: { via: 'nat' as const } }
const ALL_INTERNET = {
  sns: { via: 'internet' as const },
  kms: { via: 'internet' as const },
  s3: { via: 'internet' as const }
}

let sim: SimulatedAws | undefined
let imds: SimulatedImds | undefined
let dns: DnsServer | undefined
let dir: string
const saved = { ...process.env }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vpce-proof-runner-'))
  await writeFile(join(dir, 'vpc-endpoints.yml'), MANIFEST)
})
afterAll(() => rm(dir, { recursive: true, force: true }))
beforeEach(() => {
  process.env = { ...saved }
})
afterEach(async () => {
  await sim?.close()
  await imds?.close()
  await dns?.stop()
  sim = imds = dns = undefined
  process.env = { ...saved }
})

interface Where {
  /** The runner's VPC per the simulated instance metadata; undefined: metadata disabled. */
  imdsVpc?: string
  runnerVpc?: RunnerVpcSetting
  extraEnv?: Record<string, string>
}

async function run(
  s: SimScenario,
  where: Where,
  records = PUBLIC_DNS
): Promise<{ report: RunReport; log: string[] }> {
  // CloudTrail's polling and settling on simulated time the simulator shares: nothing here is about time.
  const clock = skippingClock()
  sim = await startSimulatedAws(s, { now: clock.now })
  dns = await startDnsServer({ records })
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: REGION,
    ...where.extraEnv
  }
  if (where.imdsVpc) {
    imds = await startSimulatedImds({
      interfaces: [
        { mac: '02:29:96:8f:6a:2d', vpcId: where.imdsVpc, subnetId: SUBNET, localIpv4s: ['10.0.1.25'] }
      ]
    })
    env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imds.url
  } else {
    env.AWS_EC2_METADATA_DISABLED = 'true'
  }
  // A CI runner's own RUNNER_ENVIRONMENT must not decide these tests.
  delete process.env.RUNNER_ENVIRONMENT
  Object.assign(process.env, env)
  const options: RunOptions = {
    manifestPath: join(dir, 'vpc-endpoints.yml'),
    manifestDisplayPath: 'vpc-endpoints.yml',
    defaultRegion: REGION,
    mode: 'full',
    failOn: ['fail', 'inconclusive'],
    evidence: true,
    evidenceTimeoutMs: 8000,
    dnsServers: [dns.server],
    ...(where.runnerVpc ? { runnerVpc: where.runnerVpc } : {}),
    ledgerPath: join(dir, `ledger-${Date.now()}.json`),
    reportPath: ''
  }
  const log: string[] = []
  const sink = (line: string) => void log.push(line)
  const report = await executeRun(options, {
    aws: new AwsClientFactory(),
    log: { info: sink, notice: sink, warning: sink },
    env: { ...process.env },
    clock
  })
  return { report, log }
}

const evidence = (r: RunReport, ruleId: string): Finding[] => r.findings.filter(f => f.ruleId === ruleId)

describe('runner location, measured', () => {
  it('fails every bypassing service of a runner that instance metadata puts inside the VPC (never "outside?")', async () => {
    const { report, log } = await run(scenario({ traffic: ALL_INTERNET }), { imdsVpc: VPC })
    expect(log).toContain(`Runner: in ${VPC} (instance metadata: ${VPC}, ${SUBNET}, 10.0.1.25).`)
    const paths = evidence(report, 'traffic-via-endpoint')
    expect(paths.map(f => [f.service, f.verdict])).toEqual([
      ['sns', 'fail'],
      ['kms', 'fail'],
      ['s3', 'fail']
    ])
    expect(report.notes.join('\n')).not.toMatch(/outside the VPC/)
    expect(report.findings.some(f => f.evidence.note === 'runner-outside-vpc')).toBe(false)
    expect(report.result).toBe('fail')
  })

  it("fails a record from the VPC's NAT gateway IP even when the runner's place is unknown", async () => {
    const { report } = await run(scenario({ traffic: ALL_NAT }), {})
    expect(sim!.callCount('DescribeNatGateways')).toBe(1)
    for (const f of [...evidence(report, 'traffic-via-endpoint'), ...evidence(report, 'source-ip-private')]) {
      expect(f.verdict, f.message).toBe('fail')
      expect(f.message).toContain(`through its NAT gateway ${NAT}`)
      expect(f.evidence.natGatewayId).toBe(NAT)
    }
    expect(report.notes.join('\n')).not.toMatch(/outside the VPC/)
  })

  it('folds into inconclusive "outside?" only when nothing answers, naming the denied DescribeNatGateways', async () => {
    const { report } = await run(scenario({ traffic: ALL_INTERNET, deny: ['ec2:DescribeNatGateways'] }), {})
    const paths = evidence(report, 'traffic-via-endpoint')
    expect(paths.map(f => f.verdict)).toEqual(['inconclusive', 'inconclusive', 'inconclusive'])
    expect(report.findings.filter(f => isEvidence(f.ruleId) && f.verdict === 'pass')).toEqual([])
    const note = report.notes.find(n => n.includes('outside the VPC'))
    expect(note).toContain('ec2:DescribeNatGateways was denied')
    expect(note).toContain('AWS_EC2_METADATA_DISABLED=true')
    // Inconclusive is red under the fail-on this run uses.
    expect(report.result).toBe('fail')
  })

  it("skips a VPC's evidence, saying where the runner is, when the runner is in another VPC (no probes, no wait)", async () => {
    const { report } = await run(scenario({ traffic: ALL_NAT }), { imdsVpc: OTHER_VPC })
    expect(sim!.callCount('ListTopics') + sim!.callCount('ListKeys') + sim!.callCount('ListBuckets')).toBe(0)
    expect(sim!.callCount('LookupEvents')).toBe(0)
    const rows = report.findings.filter(f => isEvidence(f.ruleId))
    // probe-answered and dns-resolves-to-endpoint per endpoint, and the VPC's egress-blocked.
    expect(rows.length).toBe(7)
    for (const f of rows) {
      expect(f.verdict).toBe('skipped')
      expect(f.message).toContain(`this runner is in ${OTHER_VPC}, not in ${VPC}`)
    }
    // The configuration checks still ran.
    expect(report.findings.some(f => !isEvidence(f.ruleId))).toBe(true)
  })

  it('skips evidence at once on a GitHub-hosted runner, and checks the configuration', async () => {
    const { report } = await run(scenario(), { extraEnv: { RUNNER_ENVIRONMENT: 'github-hosted' } })
    expect(sim!.callCount('LookupEvents')).toBe(0)
    expect(sim!.calls.filter(c => c.service !== 'ec2' && c.service !== 'sts')).toEqual([])
    const rows = report.findings.filter(f => isEvidence(f.ruleId))
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every(f => f.verdict === 'skipped' && f.message.includes('in no VPC'))).toBe(true)
    expect(report.notes.join('\n')).toContain('Traffic evidence skipped')
    expect(sim!.callCount('DescribeVpcEndpoints')).toBe(1)
  })

  it('takes runner-vpc over the metadata', async () => {
    const { report } = await run(scenario({ traffic: ALL_INTERNET }), { imdsVpc: OTHER_VPC, runnerVpc: VPC })
    expect(evidence(report, 'traffic-via-endpoint').map(f => f.verdict)).toEqual(['fail', 'fail', 'fail'])
    expect(imds!.requests).toEqual([])
  })

  it('never passes a vpce- id it could not compare (ec2:DescribeVpcEndpoints denied)', async () => {
    const privateDns = [
      { host: `sns.${REGION}.amazonaws.com`, ipv4: [ENI.sns] },
      { host: `kms.${REGION}.amazonaws.com`, ipv4: [ENI.kms] },
      { host: `s3.${REGION}.amazonaws.com`, ipv4: ['52.219.16.5'] }
    ]
    const { report } = await run(
      scenario({ deny: ['ec2:DescribeVpcEndpoints'] }),
      { imdsVpc: VPC },
      privateDns
    )
    for (const f of evidence(report, 'traffic-via-endpoint')) {
      expect(f.verdict, f.message).toBe('inconclusive')
      expect(f.message).toContain('could not be compared')
      expect(f.message).toContain('ec2:DescribeVpcEndpoints was denied')
    }
  })
})
