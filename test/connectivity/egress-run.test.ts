import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { executeRun } from '../../src/core/run.js'
import type { RunOptions } from '../../src/core/options.js'
import type { RunReport } from '../../src/core/run-report.js'
import type { Finding } from '../../src/model/finding.js'
import { startDnsServer, type DnsServer } from '../../sim/dns/server.js'
import { startSimulatedImds, type SimulatedImds } from '../../sim/imds/server.js'
import type { SimScenario } from '../../sim/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { skippingClock } from '../clock/skipping-clock.js'
import { startBlackhole, type Blackhole } from '../hostile/blackhole.js'

/**
 * The connectivity method through a whole run: probes and EC2 against the simulator, DNS on loopback, the
 * runner's subnet from the simulated IMDSv2, and the "public" target on loopback (a black hole, or a port
 * that accepts), never a real address.
 */
const REGION = 'ap-northeast-1'
const VPC = 'vpc-0123456789abcdef0'
const SUBNET = 'subnet-0a1111111111111aa'
const SNS = 'vpce-01251def6b627a209'

const scenario = (over: Partial<SimScenario> = {}): SimScenario => ({
  accountId: '123456789012',
  region: REGION,
  vpcs: [
    {
      id: VPC,
      region: REGION,
      cidr: '10.0.0.0/16',
      subnets: [{ id: SUBNET, cidr: '10.0.1.0/24' }],
      routeTables: [{ id: 'rtb-0a1b2c3d4e5f60002', main: true }],
      endpoints: [
        {
          id: SNS,
          serviceName: `com.amazonaws.${REGION}.sns`,
          type: 'Interface',
          privateDnsEnabled: true,
          subnetIds: [SUBNET],
          eniIps: { [SUBNET]: '10.0.1.77' }
        }
      ]
    }
  ],
  ...over
})

const manifest = (egress: string) => `version: 1
region: ${REGION}
vpcs:
  - id: ${VPC}
${egress ? `    egress: ${egress}\n` : ''}    endpoints:
      - service: sns
`

let dir: string
let sim: SimulatedAws | undefined
let dns: DnsServer | undefined
let imds: SimulatedImds | undefined
let hole: Blackhole | undefined
let open: Server | undefined
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vpce-proof-egress-'))
})
afterAll(async () => {
  await hole?.close()
  await rm(dir, { recursive: true, force: true })
})
afterEach(async () => {
  await sim?.close()
  await dns?.stop()
  await imds?.close()
  await new Promise<void>(resolve => (open ? open.close(() => resolve()) : resolve()))
  sim = dns = imds = open = undefined
})

async function openTarget(): Promise<string> {
  open = createServer(s => s.destroy())
  await new Promise<void>(resolve => open!.listen(0, '127.0.0.1', resolve))
  return `127.0.0.1:${(open.address() as { port: number }).port}`
}

/** One black hole for the file: it keeps no state between attempts (every SYN is dropped). */
async function blackholeTarget(): Promise<string> {
  hole ??= await startBlackhole()
  return `127.0.0.1:${hole.port}`
}

async function run(
  s: SimScenario,
  egress: string,
  target: string,
  where: 'imds' | 'unknown' = 'imds'
): Promise<{ report: RunReport; log: string[] }> {
  // CloudTrail's polling on simulated time the simulator shares (the TCP attempt stays on real time).
  const clock = skippingClock()
  sim = await startSimulatedAws(s, { now: clock.now })
  dns = await startDnsServer({ records: [{ host: `sns.${REGION}.amazonaws.com`, ipv4: ['10.0.1.77'] }] })
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: REGION
  }
  if (where === 'imds') {
    imds = await startSimulatedImds({
      interfaces: [{ mac: '02:29:96:8f:6a:2d', vpcId: VPC, subnetId: SUBNET, localIpv4s: ['10.0.1.25'] }]
    })
    env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imds.url
    delete process.env.AWS_EC2_METADATA_DISABLED
  } else env.AWS_EC2_METADATA_DISABLED = 'true'
  delete process.env.RUNNER_ENVIRONMENT
  Object.assign(process.env, env)
  const file = join(dir, `m-${Date.now()}.yml`)
  await writeFile(file, manifest(egress))
  const options: RunOptions = {
    manifestPath: file,
    manifestDisplayPath: 'vpc-endpoints.yml',
    defaultRegion: REGION,
    mode: 'full',
    failOn: ['fail', 'inconclusive'],
    evidence: true,
    evidenceTimeoutMs: 4000,
    dnsServers: [dns.server],
    egressTarget: target,
    ledgerPath: join(dir, `ledger-${Date.now()}.json`),
    reportPath: ''
  }
  const log: string[] = []
  const sink = (line: string) => void log.push(line)
  const report = await executeRun(options, {
    aws: new AwsClientFactory(),
    log: { info: sink, notice: sink, warning: sink },
    env: { ...process.env },
    // The black hole never answers: the attempt ends on its timeout at 0.5 s as it would at 3 s.
    egressTimeoutMs: 500,
    clock
  })
  return { report, log }
}

const one = (r: RunReport, ruleId: string): Finding => {
  const found = r.findings.filter(f => f.ruleId === ruleId)
  expect(found, JSON.stringify(r.findings, null, 2)).toHaveLength(1)
  return found[0]!
}

describe('egress: none, through a whole run', () => {
  it('passes both rules when the internet does not answer and the probe does', async () => {
    const { report, log } = await run(scenario(), 'none', await blackholeTarget())
    const egress = one(report, 'egress-blocked')
    expect(egress.verdict).toBe('pass')
    expect(egress.message).toContain(`subnet ${SUBNET} does not reach the internet`)
    expect(egress.location.line).toBe(5)
    const api = one(report, 'api-reached-without-internet')
    expect(api.verdict).toBe('pass')
    expect(api.message).toMatch(/The API answered while the internet did not: sns:ListTopics .* HTTP 200/)
    expect(api.location.line).toBe(7)
    expect(log.some(l => /Internet test: TCP to 127\.0\.0\.1:\d+: no answer/.test(l))).toBe(true)
  }, 20_000)

  it('fails when the subnet reaches the internet, and the API rule cannot then pass', async () => {
    const { report } = await run(scenario(), 'none', await openTarget())
    const egress = one(report, 'egress-blocked')
    expect(egress.verdict).toBe('fail')
    expect(egress.message).toContain(`subnet ${SUBNET} reaches the internet`)
    expect(one(report, 'api-reached-without-internet').verdict).toBe('inconclusive')
    expect(report.result).toBe('fail')
  }, 20_000)

  it('fails the API rule when neither the internet nor the service answers', async () => {
    const s = scenario({ faults: { 'sns:ListTopics': 'reset' } })
    const { report } = await run(s, 'none', await blackholeTarget())
    expect(one(report, 'egress-blocked').verdict).toBe('pass')
    const api = one(report, 'api-reached-without-internet')
    expect(api.verdict).toBe('fail')
    expect(api.message).toMatch(/Neither the internet nor the service answered/)
  }, 20_000)

  it('is inconclusive, and tries nothing, when where the runner is is unknown', async () => {
    const { report, log } = await run(scenario(), 'none', await openTarget(), 'unknown')
    const egress = one(report, 'egress-blocked')
    expect(egress.verdict).toBe('inconclusive')
    expect(egress.message).toMatch(/could not be measured/)
    expect(one(report, 'api-reached-without-internet').verdict).toBe('inconclusive')
    expect(log.some(l => l.startsWith('Internet test'))).toBe(false)
  }, 20_000)

  it('skips with the reason when the VPC allows egress or says nothing', async () => {
    for (const egress of ['allowed', '']) {
      const { report, log } = await run(scenario(), egress, await openTarget())
      const f = one(report, 'egress-blocked')
      expect(f.verdict).toBe('skipped')
      expect(f.message).toMatch(egress ? /egress: allowed/ : /declares no egress/)
      expect(report.findings.some(x => x.ruleId === 'api-reached-without-internet')).toBe(false)
      expect(log.some(l => l.startsWith('Internet test'))).toBe(false)
      await sim?.close()
      await dns?.stop()
      await imds?.close()
      await new Promise<void>(resolve => (open ? open.close(() => resolve()) : resolve()))
      sim = dns = imds = open = undefined
    }
  }, 30_000)
})
