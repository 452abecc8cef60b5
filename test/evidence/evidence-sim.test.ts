import type { VpcEndpoint } from '../../src/aws/snapshot.js'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { VpcSnapshot } from '../../src/aws/snapshot.js'
import type { Finding } from '../../src/model/finding.js'
import { runProbePhase, runVerifyPhase, type VerifyPhaseResult } from '../../src/evidence/collect.js'
import type { DnsAnswers } from '../../src/evidence/dns.js'
import { readLedger, writeLedger, type Ledger } from '../../src/evidence/ledger.js'
import { OUTSIDE_VPC_KEY } from '../../src/evidence/outside-vpc.js'
import type { EndpointDeclaration, Manifest } from '../../src/manifest/types.js'
import type { SimScenario } from '../../sim/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { startDnsServer, type DnsServer } from '../../sim/dns/server.js'
import { maxPerSecond } from '../../sim/core/call-log.js'
import { recordAttemptsAfter } from '../clock/attempt-times.js'
import { skippingClock } from '../clock/skipping-clock.js'

const silentLog = { info: () => undefined, notice: () => undefined, warning: () => undefined }
const REGION = 'ap-northeast-1'
const ACCOUNT = '123456789012'
const VPC_ID = 'vpc-0123456789abcdef0'
const SUBNET = 'subnet-0a1111111111111aa'
const IDS = {
  sns: 'vpce-01251def6b627a209',
  kms: 'vpce-0b2c3d4e5f6a7b8c9',
  sqs: 'vpce-0c3d4e5f6a7b8c9d0',
  s3: 'vpce-0a1b2c3d4e5f60718'
}
const ENI_IPS = { sns: '10.0.1.77', kms: '10.0.1.78', sqs: '10.0.1.79' }

function scenario(over: Partial<SimScenario> = {}): SimScenario {
  const iface = (service: 'sns' | 'kms' | 'sqs') => ({
    id: IDS[service],
    serviceName: `com.amazonaws.${REGION}.${service}`,
    type: 'Interface' as const,
    privateDnsEnabled: true,
    subnetIds: [SUBNET],
    eniIps: { [SUBNET]: ENI_IPS[service] }
  })
  return {
    accountId: ACCOUNT,
    region: REGION,
    vpcs: [
      {
        id: VPC_ID,
        region: REGION,
        cidr: '10.0.0.0/16',
        subnets: [{ id: SUBNET, cidr: '10.0.1.0/24' }],
        routeTables: [{ id: 'rtb-0a1b2c3d4e5f60002', main: true }],
        endpoints: [
          iface('sns'),
          iface('kms'),
          iface('sqs'),
          {
            id: IDS.s3,
            serviceName: `com.amazonaws.${REGION}.s3`,
            type: 'Gateway',
            routeTableIds: ['rtb-0a1b2c3d4e5f60002']
          }
        ]
      }
    ],
    cloudTrailDelayMs: 1000,
    ...over
  }
}

function decl(service: string, type: 'Interface' | 'Gateway', line: number): EndpointDeclaration {
  return {
    serviceName: `com.amazonaws.${REGION}.${service}`,
    service,
    type,
    privateDns: type === 'Interface',
    subnets: [],
    routeTables: [],
    location: { file: 'vpc-endpoints.yml', line, column: 9 }
  }
}

const manifest: Manifest = {
  file: 'vpc-endpoints.yml',
  version: 1,
  vpcs: [
    {
      id: VPC_ID,
      region: REGION,
      account: ACCOUNT,
      location: { file: 'vpc-endpoints.yml', line: 3, column: 5 },
      endpoints: [
        decl('sns', 'Interface', 6),
        decl('kms', 'Interface', 9),
        decl('sqs', 'Interface', 12),
        decl('s3', 'Gateway', 15)
      ]
    }
  ]
}

/** What the inventory would have read from EC2 for this VPC (plain data; the inventory has its own tests). */
const snapshot: VpcSnapshot = {
  vpcId: VPC_ID,
  region: REGION,
  vpc: { ok: true, value: { id: VPC_ID, state: 'available', ownerId: ACCOUNT } },
  enableDnsSupport: { ok: true, value: true },
  enableDnsHostnames: { ok: true, value: true },
  endpoints: {
    ok: true,
    value: (['sns', 'kms', 'sqs'] as const)
      .map((s): VpcEndpoint => ({
        id: IDS[s],
        type: 'Interface',
        vpcId: VPC_ID,
        serviceName: `com.amazonaws.${REGION}.${s}`,
        state: 'available',
        privateDnsEnabled: true,
        privateDnsOnlyForInboundResolverEndpoint: false,
        routeTableIds: [],
        subnetIds: [SUBNET],
        networkInterfaceIds: [`eni-${s}`],
        dnsNames: [],
        ownerId: ACCOUNT
      }))
      .concat({
        id: IDS.s3,
        type: 'Gateway',
        vpcId: VPC_ID,
        serviceName: `com.amazonaws.${REGION}.s3`,
        state: 'available',
        privateDnsEnabled: false,
        privateDnsOnlyForInboundResolverEndpoint: false,
        routeTableIds: ['rtb-0a1b2c3d4e5f60002'],
        subnetIds: [],
        networkInterfaceIds: [],
        dnsNames: [],
        ownerId: ACCOUNT
      })
  },
  routeTables: { ok: true, value: [] },
  subnets: { ok: true, value: [{ id: SUBNET, vpcId: VPC_ID, cidrBlock: '10.0.1.0/24' }] },
  networkInterfaces: {
    ok: true,
    value: (['sns', 'kms', 'sqs'] as const).map(s => ({
      id: `eni-${s}`,
      subnetId: SUBNET,
      interfaceType: 'vpc_endpoint',
      privateIpAddresses: [ENI_IPS[s]],
      ipv6Addresses: []
    }))
  },
  prefixLists: { ok: true, value: [] }
}

/** The runner's view of DNS inside the VPC: private DNS answers with the ENIs. */
const PRIVATE_DNS = [
  { host: `sns.${REGION}.amazonaws.com`, ipv4: [ENI_IPS.sns] },
  { host: `kms.${REGION}.amazonaws.com`, ipv4: [ENI_IPS.kms] },
  { host: `sqs.${REGION}.amazonaws.com`, ipv4: [ENI_IPS.sqs] },
  { host: `s3.${REGION}.amazonaws.com`, ipv4: ['52.219.16.5'] }
]

/** The simulator and the lookup share simulated time: CloudTrail's delivery delay and the polling skip by. */
const clock = skippingClock()

const fixedDns = async (host: string): Promise<DnsAnswers> => {
  const r = PRIVATE_DNS.find(d => d.host === host)
  return { host, servers: ['test'], ipv4: r?.ipv4 ?? [], ipv6: [] }
}

let sim: SimulatedAws | undefined
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vpce-proof-evidence-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

let keyCounter = 0
function credentials() {
  keyCounter += 1
  return {
    accessKeyId: `ASIASIMPROBE${String(keyCounter).padStart(8, '0')}`,
    secretAccessKey: 'sim-secret-not-checked',
    sessionToken: 'sim-session'
  }
}

interface RunOptions {
  resolver?: (host: string) => Promise<DnsAnswers>
  dnsServers?: string[]
  timeoutMs?: number
  clientMaxAttempts?: number
  weakSettleMs?: number
  /**
   * Collects the clock's time of every LookupEvents HTTP attempt as it leaves the limiter (the SDK's
   * retries included): where the rate is decided. Arrivals at the simulator are no place to measure it on
   * a skipping clock: a skipped wait can overtake a request still in flight, which the simulator then
   * stamps late.
   */
  grants?: number[]
}

async function probe(
  s: SimScenario,
  opts: RunOptions = {}
): Promise<{ ledger: Ledger; creds: ReturnType<typeof credentials> }> {
  sim = await startSimulatedAws(s, { now: clock.now })
  const creds = credentials()
  const ledger = await runProbePhase({
    manifest,
    credentialsFor: async () => ({ credentials: creds, accessKeyId: creds.accessKeyId }),
    env: { AWS_ENDPOINT_URL: sim.url },
    ...(opts.dnsServers ? { dnsServers: opts.dnsServers } : { resolver: opts.resolver ?? fixedDns }),
    log: silentLog
  })
  return { ledger, creds }
}

async function verify(
  ledger: Ledger,
  creds: ReturnType<typeof credentials>,
  opts: RunOptions = {},
  log: string[] = []
): Promise<VerifyPhaseResult> {
  const url = sim!.url
  return runVerifyPhase({
    ledger,
    manifest,
    snapshots: [snapshot],
    cloudTrailClientFor: region => {
      const client = new CloudTrailClient({
        region,
        endpoint: url,
        credentials: creds,
        // The SDK retries as many times as it would, without its real backoff (the pacing is what is tested).
        retryStrategy: new ConfiguredRetryStrategy(opts.clientMaxAttempts ?? 3, 0)
      })
      const grants = opts.grants
      if (grants) {
        // Right after the lookup's own pacing middleware (on each LookupEvents command), inside the retries.
        recordAttemptsAfter(client, 'vpceProofLookupPacing', clock.now, grants)
      }
      return client
    },
    timeoutMs: opts.timeoutMs ?? 6000,
    log: { info: line => log.push(line), notice: line => log.push(line), warning: line => log.push(line) },
    clock,
    lookup: {
      pollIntervalMs: 300,
      maxPollIntervalMs: 1000,
      weakSettleMs: opts.weakSettleMs ?? 1500
    }
  })
}

async function run(s: SimScenario, opts: RunOptions = {}, log: string[] = []) {
  const { ledger, creds } = await probe(s, opts)
  return verify(ledger, creds, opts, log)
}

function find(findings: Finding[], service: string, ruleId: string): Finding {
  const f = findings.find(x => x.service === service && x.ruleId === ruleId)
  if (!f) throw new Error(`no ${ruleId} finding for ${service}: ${JSON.stringify(findings, null, 2)}`)
  return f
}

describe('evidence against the simulated AWS', () => {
  it('passes when all traffic goes through the endpoints', async () => {
    const log: string[] = []
    const result = await run(scenario(), {}, log)
    for (const service of ['sns', 'kms', 's3']) {
      const path = find(result.findings, service, 'traffic-via-endpoint')
      expect(path.verdict, path.message).toBe('pass')
      expect(path.endpointId).toBe(IDS[service as keyof typeof IDS])
      expect(path.evidence.match).toBe('requestID')
      expect(find(result.findings, service, 'source-ip-private').verdict).toBe('pass')
    }
    expect(find(result.findings, 'sns', 'endpoint-account-matches').verdict).toBe('pass')
    expect(find(result.findings, 'sns', 'dns-resolves-to-endpoint').verdict).toBe('pass')
    expect(find(result.findings, 's3', 'dns-resolves-to-endpoint').verdict).toBe('skipped')
    expect(find(result.findings, 'sqs', 'probe-answered').verdict).toBe('skipped')
    expect(find(result.findings, 'sqs', 'dns-resolves-to-endpoint').verdict).toBe('pass')
    expect(result.findings.filter(f => f.verdict === 'fail' || f.verdict === 'inconclusive')).toEqual([])
    expect(result.notes).toEqual([])
    expect(result.apiCalls['cloudtrail:LookupEvents']).toBeGreaterThan(0)
    expect(log.at(-1)).toMatch(/^CloudTrail: 3\/3 probes found after \d+s$/)
  })

  it('fails the service whose traffic goes through NAT, naming the service, event id and source IP', async () => {
    const result = await run(scenario({ traffic: { kms: { via: 'nat' } } }))
    const kms = find(result.findings, 'kms', 'traffic-via-endpoint')
    expect(kms.verdict).toBe('fail')
    expect(kms.location.line).toBe(9)
    expect(kms.message).toContain('kms:ListKeys went around the endpoint')
    expect(kms.message).toContain('203.0.113.10')
    const recorded = sim!.trail().find(e => e.record.eventSource === 'kms.amazonaws.com')
    expect(kms.evidence.eventId).toBe(recorded?.record.eventID)
    expect(kms.message).toContain(recorded!.record.eventID)
    expect(find(result.findings, 'kms', 'source-ip-private').verdict).toBe('fail')
    expect(find(result.findings, 'sns', 'traffic-via-endpoint').verdict).toBe('pass')
    expect(result.notes).toEqual([])
  })

  it('is inconclusive, within the timeout, when CloudTrail delivers later than it', async () => {
    const started = Date.now()
    const log: string[] = []
    const result = await run(scenario({ cloudTrailDelayMs: 60_000 }), { timeoutMs: 2500 }, log)
    expect(Date.now() - started).toBeLessThan(6000)
    for (const service of ['sns', 'kms', 's3']) {
      const f = find(result.findings, service, 'cloudtrail-record-found')
      expect(f.verdict).toBe('inconclusive')
      expect(f.message).toMatch(/was not in CloudTrail after [23]s/)
    }
    expect(log.at(-1)).toMatch(
      /^CloudTrail: 0\/3 probes found after [23]s; still waiting for sns:ListTopics, kms:ListKeys, s3:ListBuckets$/
    )
  })

  it('keeps verdicts right and LookupEvents within 2 requests/second while throttled', async () => {
    const grants: number[] = []
    const result = await run(
      scenario({ throttleFirst: { LookupEvents: 5 }, traffic: { kms: { via: 'nat' } } }),
      { grants }
    )
    expect(find(result.findings, 'sns', 'traffic-via-endpoint').verdict).toBe('pass')
    expect(find(result.findings, 'kms', 'traffic-via-endpoint').verdict).toBe('fail')
    expect(sim!.callCount('LookupEvents')).toBeGreaterThan(5)
    // Every request the simulator saw left the limiter, and no second of the clock held more than two.
    expect(grants).toHaveLength(sim!.callCount('LookupEvents'))
    expect(maxPerSecond(grants)).toBeLessThanOrEqual(2)
    // Every HTTP request, the SDK's retries included, was counted.
    expect(result.apiCalls['cloudtrail:LookupEvents']).toBe(sim!.callCount('LookupEvents'))
  })

  it('fails the DNS check when the hostname resolves outside the ENI IPs (real DNS server)', async () => {
    let dns: DnsServer | undefined
    try {
      dns = await startDnsServer({
        records: PRIVATE_DNS.map(r =>
          r.host.startsWith('kms.') ? { host: r.host, ipv4: ['52.119.160.5'] } : r
        )
      })
      const result = await run(scenario(), { dnsServers: [dns.server] })
      const kms = find(result.findings, 'kms', 'dns-resolves-to-endpoint')
      expect(kms.verdict).toBe('fail')
      expect(kms.message).toContain('52.119.160.5')
      expect(kms.evidence.dnsServers).toBe(dns.server)
      expect(find(result.findings, 'sns', 'dns-resolves-to-endpoint').verdict).toBe('pass')
    } finally {
      await dns?.stop()
    }
  })

  it('splits probe and verify through the ledger file', async () => {
    const { ledger, creds } = await probe(scenario())
    const file = join(dir, 'ledger.json')
    await writeLedger(file, ledger)
    const read = await readLedger(file)
    expect(read.probes.map(p => p.requestId)).toEqual(ledger.probes.map(p => p.requestId))
    expect(JSON.stringify(read)).not.toContain(creds.secretAccessKey)
    const result = await verify(read, creds)
    expect(find(result.findings, 'sns', 'traffic-via-endpoint').verdict).toBe('pass')
  })

  it('judges a probe denied by IAM from its record, and says so', async () => {
    const result = await run(scenario({ deny: ['sns:ListTopics'] }))
    const sns = find(result.findings, 'sns', 'traffic-via-endpoint')
    expect(sns.verdict).toBe('pass')
    expect(sns.message).toMatch(/The probe was denied .*path is still evidence/)
    expect(sns.evidence.httpStatus).toMatch(/^4/)
  })

  it('is inconclusive naming cloudtrail:LookupEvents when the lookup is denied', async () => {
    const result = await run(scenario({ deny: ['cloudtrail:LookupEvents'] }))
    const f = find(result.findings, 'sns', 'cloudtrail-record-found')
    expect(f.verdict).toBe('inconclusive')
    expect(f.message).toContain('cloudtrail:LookupEvents was denied')
    expect(sim!.callCount('LookupEvents')).toBe(1)
  })

  it('falls back to a weak match for a record without requestID', async () => {
    const result = await run(scenario({ traffic: { sns: { via: 'endpoint', omitRequestId: true } } }))
    const sns = find(result.findings, 'sns', 'traffic-via-endpoint')
    expect(sns.verdict).toBe('pass')
    expect(sns.evidence.match).toMatch(/^weak/)
  })

  it('says once that the runner is outside the VPC when all evidence says so', async () => {
    const publicDns = async (host: string): Promise<DnsAnswers> => ({
      host,
      servers: [],
      ipv4: ['52.119.160.5'],
      ipv6: []
    })
    const result = await run(
      scenario({ traffic: { sns: { via: 'internet' }, kms: { via: 'internet' }, s3: { via: 'internet' } } }),
      { resolver: publicDns }
    )
    expect(result.notes).toHaveLength(1)
    expect(result.notes[0]).toMatch(/outside the VPC/)
    expect(result.findings.filter(f => f.verdict === 'fail')).toEqual([])
    const folded = result.findings.filter(f => f.evidence[OUTSIDE_VPC_KEY] === 'runner-outside-vpc')
    expect(folded.length).toBeGreaterThan(3)
    for (const f of folded) expect(f.verdict).toBe('inconclusive')
  })

  describe('matching without request ids (weak matches) on the service clock', () => {
    /** Two rounds of probes with one access key: first `before`, then, a minute later on AWS's clock, `after`. */
    async function twoRounds(before: SimScenario['traffic'], after: SimScenario['traffic']) {
      let offset = 0
      sim = await startSimulatedAws(scenario({ traffic: before }), { now: () => clock.now() + offset })
      const creds = credentials()
      const round = () =>
        runProbePhase({
          manifest,
          credentialsFor: async () => ({ credentials: creds, accessKeyId: creds.accessKeyId }),
          env: { AWS_ENDPOINT_URL: sim!.url },
          resolver: fixedDns,
          log: silentLog
        })
      await round()
      offset = 60_000
      sim.scenario = scenario({ traffic: after })
      const ledger = await round()
      return verify(ledger, creds)
    }

    it('fails a NAT probe preceded by an older endpoint record of the same key (never green)', async () => {
      const result = await twoRounds(
        { sns: { via: 'endpoint', omitRequestId: true } },
        { sns: { via: 'nat', omitRequestId: true } }
      )
      const sns = find(result.findings, 'sns', 'traffic-via-endpoint')
      expect(sns.verdict, sns.message).toBe('fail')
      expect(sns.message).toContain('went around the endpoint')
      expect(sns.evidence.match).toMatch(/^weak/)
      expect(find(result.findings, 'sns', 'source-ip-private').verdict).toBe('fail')
    })

    it('passes an endpoint probe preceded by an older NAT record of the same key (no false fail)', async () => {
      const result = await twoRounds(
        { sns: { via: 'nat', omitRequestId: true } },
        { sns: { via: 'endpoint', omitRequestId: true } }
      )
      const sns = find(result.findings, 'sns', 'traffic-via-endpoint')
      expect(sns.verdict, sns.message).toBe('pass')
      expect(find(result.findings, 'sns', 'source-ip-private').verdict).toBe('pass')
    })

    it('is inconclusive ("ambiguous") when disagreeing records fall in the same window', async () => {
      sim = await startSimulatedAws(
        scenario({ traffic: { sns: { via: 'endpoint', omitRequestId: true } } }),
        {
          now: clock.now
        }
      )
      const creds = credentials()
      const round = () =>
        runProbePhase({
          manifest,
          credentialsFor: async () => ({ credentials: creds, accessKeyId: creds.accessKeyId }),
          env: { AWS_ENDPOINT_URL: sim!.url },
          resolver: fixedDns,
          log: silentLog
        })
      await round()
      sim.scenario = scenario({ traffic: { sns: { via: 'nat', omitRequestId: true } } })
      const ledger = await round()
      const result = await verify(ledger, creds)
      for (const rule of ['traffic-via-endpoint', 'source-ip-private']) {
        const f = find(result.findings, 'sns', rule)
        expect(f.verdict, f.message).toBe('inconclusive')
        expect(f.message).toMatch(/ambiguous: 2 records of sns\.amazonaws\.com ListTopics/)
      }
    })
  })
})
