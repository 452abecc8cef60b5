import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import type { VpcSnapshot } from '../../src/aws/snapshot.js'
import { parseManifest } from '../../src/manifest/load.js'
import type { Manifest } from '../../src/manifest/types.js'
import { sendAccessLogProbes, verifyAccessLogs } from '../../src/access-log/phase.js'
import { s3Clients } from '../../src/access-log/run-glue.js'
import type { AccessLogProbe } from '../../src/access-log/ledger-entry.js'
import type { SearchCaps } from '../../src/access-log/search-log.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { SimScenario } from '../../sim/scenario.js'

/**
 * The access-log method through the real @aws-sdk/client-s3 against the simulator: the HeadBucket probe,
 * then ListObjectsV2 / GetObject on the log bucket, with delivery delays, denials, throttling, a server that
 * never answers and hostile log objects.
 */
const REGION = 'ap-northeast-1'
const VPC = 'vpc-0a1b2c3d4e5f60718'
const silent = { info: () => undefined, notice: () => undefined, warning: () => undefined }
const RUN = { id: '7001', attempt: '1' }

let sim: SimulatedAws
let clock = Date.parse('2026-12-03T10:00:00Z')
const saved = { ...process.env }

function scenario(over: Partial<SimScenario> = {}, delayMs = 0): SimScenario {
  return {
    accountId: '123456789012',
    region: REGION,
    vpcs: [
      {
        id: VPC,
        region: REGION,
        cidr: '10.0.0.0/16',
        subnets: [{ id: 'subnet-0a1b2c3d4e5f6a001', cidr: '10.0.1.0/24' }],
        routeTables: [{ id: 'rtb-0a1b2c3d4e5f60001', main: true }],
        endpoints: [
          {
            id: 'vpce-0a1b2c3d4e5f60718',
            serviceName: `com.amazonaws.${REGION}.s3`,
            type: 'Gateway',
            routeTableIds: ['rtb-0a1b2c3d4e5f60001']
          }
        ]
      }
    ],
    s3: { accessLogs: { 'probe-bucket': { logBucket: 'log-bucket', prefix: 'logs/', delayMs } } },
    ...over
  }
}

async function start(s: SimScenario) {
  sim = await startSimulatedAws(s, { now: () => clock })
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true'
  })
}

beforeEach(() => {
  process.env = { ...saved }
  clock = Date.parse('2026-12-03T10:00:00Z')
})
afterEach(async () => {
  await sim?.close()
  process.env = { ...saved }
})

const manifest: Manifest = parseManifest(
  `version: 1
region: ${REGION}
vpcs:
  - id: ${VPC}
    endpoints:
      - service: s3
        type: Gateway
        access-log:
          bucket: probe-bucket
          log-bucket: log-bucket
          log-prefix: logs/
`,
  'vpc-endpoints.yml'
)

const snapshot = (subnetsOk = true): VpcSnapshot => ({
  vpcId: VPC,
  region: REGION,
  vpc: { ok: true, value: { id: VPC, state: 'available', ownerId: '123456789012' } },
  enableDnsSupport: { ok: true, value: true },
  enableDnsHostnames: { ok: true, value: true },
  endpoints: { ok: true, value: [] },
  routeTables: { ok: true, value: [] },
  subnets: subnetsOk
    ? { ok: true, value: [{ id: 'subnet-0a1b2c3d4e5f6a001', vpcId: VPC, cidrBlock: '10.0.1.0/24' }] }
    : {
        ok: false,
        problem: { kind: 'denied', action: 'ec2:DescribeSubnets', code: 'UnauthorizedOperation', message: '' }
      },
  networkInterfaces: { ok: true, value: [] },
  prefixLists: { ok: true, value: [] }
})

function factory(timeouts?: { connectMs: number; attemptMs: number; idleMs: number; callMs: number }) {
  return new AwsClientFactory({
    retryStrategy: new ConfiguredRetryStrategy(3, 0),
    ...(timeouts ? { timeouts } : {})
  })
}

async function probe(aws = factory()): Promise<AccessLogProbe[]> {
  return sendAccessLogProbes({ manifest, clients: s3Clients(aws), run: RUN, log: silent, now: () => clock })
}

/** The ledger's run around its probes, as the probe phase writes it. */
function window(probes: AccessLogProbe[]) {
  const sent = Date.parse(probes[0]?.sentAt ?? new Date(clock).toISOString())
  return {
    startedAt: new Date(sent - 300_000).toISOString(),
    finishedAt: new Date(sent + 1000).toISOString()
  }
}

async function verify(
  probes: AccessLogProbe[],
  opts: {
    aws?: AwsClientFactory
    timeoutMs?: number
    stop?: AbortSignal
    caps?: Partial<SearchCaps>
    subnetsOk?: boolean
    expectedRun?: string
  } = {}
) {
  const result = await verifyAccessLogs({
    manifest,
    probes,
    ledgerWindow: window(probes),
    snapshots: [snapshot(opts.subnetsOk ?? true)],
    clients: s3Clients(opts.aws ?? factory()),
    expectedRun: opts.expectedRun ?? 'run-7001-1',
    timeoutMs: opts.timeoutMs ?? 0,
    ...(opts.stop ? { stop: opts.stop } : {}),
    pollMs: 60_000,
    ...(opts.caps ? { caps: opts.caps } : {}),
    log: silent,
    now: () => clock,
    sleep: async ms => {
      clock += ms
    }
  })
  expect(result.findings).toHaveLength(1)
  return result.findings[0]!
}

describe('the access-log probe', () => {
  it('sends one HeadBucket with the run marker, answered with S3 request ids', async () => {
    await start(scenario())
    const [p] = await probe()
    expect(p).toMatchObject({ bucket: 'probe-bucket', httpStatus: 200 })
    expect(p!.requestId).toMatch(/^[0-9A-F]{16}$/)
    expect(p!.hostId).toBeTruthy()
    expect(p!.marker).toMatch(/^run-7001-1\.[0-9a-f]{16}$/)
    expect(sim.callCount('s3:HeadBucket')).toBe(1)
  })

  it('records a denied probe with its status, and no second attempt', async () => {
    await start({ ...scenario(), deny: ['HeadBucket'] })
    const [p] = await probe()
    expect(p).toMatchObject({ httpStatus: 403 })
    expect(sim.callCount('s3:HeadBucket')).toBe(1)
  })
})

describe('the access-log probe, adversarial', () => {
  it('a HeadBucket that never answers is recorded as such, and its finding is inconclusive', async () => {
    await start({ ...scenario(), faults: { HeadBucket: 'hang' } })
    // Short limits, same path as the defaults: the one probe attempt ends on its own timeout.
    const aws = factory({ connectMs: 500, attemptMs: 150, idleMs: 150, callMs: 400 })
    const probes = await probe(aws)
    expect(probes[0]!.networkError?.code).toMatch(/TIMEOUT|TimeoutError/)
    const f = await verify(probes)
    expect(f.verdict).toBe('inconclusive')
    expect(f.message).toContain('got no answer')
    expect(sim.callCount('s3:ListObjectsV2')).toBe(0)
  })

  it('is skipped, with no S3 request, for a VPC the runner is not in', async () => {
    await start(scenario())
    const sent = await sendAccessLogProbes({
      manifest,
      clients: s3Clients(factory()),
      run: RUN,
      runnerLocation: { kind: 'no-vpc', source: 'input', detail: 'runner-vpc: outside' },
      log: silent
    })
    expect(sent).toEqual([])
    const result = await verifyAccessLogs({
      manifest,
      probes: [],
      ledgerWindow: window([]),
      snapshots: [snapshot()],
      clients: s3Clients(factory()),
      expectedRun: 'run-7001-1',
      timeoutMs: 0,
      runnerLocation: { kind: 'no-vpc', source: 'input', detail: 'runner-vpc: outside' },
      log: silent
    })
    expect(result.findings.map(f => f.verdict)).toEqual(['skipped'])
    expect(sim.calls.filter(c => c.service === 's3')).toHaveLength(0)
  })

  it('a ledger without the access-log probe is inconclusive, never a pass', async () => {
    await start(scenario())
    const f = await verify([])
    expect(f.verdict).toBe('inconclusive')
    expect(f.message).toContain('the ledger holds none')
  })
})

describe('finding the probe in the access log', () => {
  it('passes when the line shows a private address inside the VPC', async () => {
    await start(scenario())
    const f = await verify(await probe())
    expect(f.verdict).toBe('pass')
    expect(f.ruleId).toBe('s3-access-log-remote-ip-private')
    expect(f.evidence).toMatchObject({ remoteIp: '10.0.1.25' })
    expect(f.message).toContain('inside vpc-0a1b2c3d4e5f60718')
  })

  it('fails when S3 saw a public address (the request went around the endpoint)', async () => {
    await start(scenario({ traffic: { s3: { via: 'internet' } } }))
    const f = await verify(await probe())
    expect(f.verdict).toBe('fail')
    expect(f.evidence['remoteIp']).toBe('203.0.113.10')
  })

  it('fails for a private address outside the VPC, and is inconclusive when the subnets are unknown', async () => {
    await start(scenario({ traffic: { s3: { via: 'endpoint', sourceIp: '172.16.5.9' } } }))
    const probes = await probe()
    expect((await verify(probes)).verdict).toBe('fail')
    const unknown = await verify(probes, { subnetsOk: false })
    expect(unknown.verdict).toBe('inconclusive')
    expect(unknown.message).toContain('ec2:DescribeSubnets')
  })

  it('is inconclusive with the age while S3 has not delivered the log, and finds it in a later look', async () => {
    await start(scenario({}, 2 * 3600_000))
    const probes = await probe()
    clock += 30 * 60_000
    const early = await verify(probes)
    expect(early.verdict).toBe('inconclusive')
    expect(early.message).toContain('not in s3://log-bucket/logs/ yet, 30m00s after the probe')
    expect(early.evidence['delivery']).toBe('not yet')
    clock += 2 * 3600_000
    expect((await verify(probes)).verdict).toBe('pass')
  })

  it('polls within the timeout until the line is delivered', async () => {
    await start(scenario({}, 3 * 60_000))
    const probes = await probe()
    const f = await verify(probes, { timeoutMs: 10 * 60_000 })
    expect(f.verdict).toBe('pass')
    expect(sim.callCount('s3:ListObjectsV2')).toBe(4)
  })

  it('does not wait out the timeout once CloudTrail is done: one last look, then the verdict', async () => {
    await start(scenario({}, 2 * 3600_000))
    const probes = await probe()
    const done = new AbortController()
    done.abort()
    const f = await verify(probes, { timeoutMs: 10 * 60_000, stop: done.signal })
    expect(f.verdict).toBe('inconclusive')
    expect(sim.callCount('s3:ListObjectsV2')).toBe(1)
  })

  it('is inconclusive naming s3:ListBucket when listing the log bucket is denied', async () => {
    await start({ ...scenario(), deny: ['ListObjectsV2'] })
    const f = await verify(await probe())
    expect(f.verdict).toBe('inconclusive')
    expect(f.message).toContain('s3:ListBucket was denied')
    expect(f.evidence['iamAction']).toBe('s3:ListBucket')
  })

  it('is inconclusive naming s3:GetObject when reading the log objects is denied', async () => {
    await start({ ...scenario(), deny: ['s3:GetObject'] })
    const f = await verify(await probe())
    expect(f.verdict).toBe('inconclusive')
    expect(f.message).toContain('s3:GetObject was denied')
  })

  it('retries a throttled listing, and is inconclusive when S3 keeps throttling', async () => {
    await start({ ...scenario(), throttleFirst: { ListObjectsV2: 1 } })
    const probes = await probe()
    expect((await verify(probes)).verdict).toBe('pass')
    sim.scenario.throttleFirst = { ListObjectsV2: 100 }
    const f = await verify(probes)
    expect(f.verdict).toBe('inconclusive')
    expect(f.evidence['readError']).toBe('SlowDown')
  })

  it('ends a log read that never answers within the call budget', async () => {
    await start({ ...scenario(), faults: { GetObject: 'hang' } })
    const probes = await probe()
    const started = Date.now()
    const f = await verify(probes, {
      // Short limits, same path as the defaults: attempts end on their timeout until the budget ends the call.
      aws: factory({ connectMs: 500, attemptMs: 300, idleMs: 300, callMs: 700 })
    })
    expect(f.verdict).toBe('inconclusive')
    expect(f.message).toMatch(/no answer|TimeoutError/)
    // The listing answered and the silent read was reached: it is what ended in no answer.
    expect(sim.callCount('s3:GetObject')).toBeGreaterThan(0)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('is inconclusive when the marker names another run', async () => {
    await start(scenario())
    const f = await verify(await probe(), { expectedRun: 'run-7002-1' })
    expect(f.verdict).toBe('inconclusive')
    expect(f.message).toContain('its marker names run-7001-1, not run-7002-1')
  })

  it('says so when the read cap is reached before the line', async () => {
    const objects: Record<string, string> = {}
    for (let i = 0; i < 5; i++) objects[`logs/2026-12-03-09-59-0${i}-AAAAAAAAAAAAAAA${i}`] = 'unrelated\n'
    await start(scenario({ s3: { ...scenario().s3, objects: { 'log-bucket': objects } } }))
    const f = await verify(await probe(), { caps: { maxObjects: 3 } })
    expect(f.verdict).toBe('inconclusive')
    expect(f.evidence['capped']).toBe('objects')
    expect(f.message).toContain('read cap (3 objects)')
  })
})

describe('hostile log objects', () => {
  /** Writes a log object beside the real ones, after the probe (when its request id is known). */
  const plant = (key: string, body: string) => {
    const s3 = sim.scenario.s3!
    s3.objects = { ...s3.objects, 'log-bucket': { ...s3.objects?.['log-bucket'], [key]: body } }
  }
  const lineFor = (p: AccessLogProbe, ip: string, uri: string, extra = '') =>
    `79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be probe-bucket [03/Dec/2026:10:00:00 +0000] ${ip} arn:aws:sts::123456789012:assumed-role/x/y ${p.requestId} REST.HEAD.BUCKET - "${uri}" 200 - - - 1 - "-" "ua${extra}" -`

  it('skips a 10 MB line, control characters and a forged line without the marker; the real line decides', async () => {
    await start(scenario({ traffic: { s3: { via: 'internet' } } }))
    const probes = await probe()
    const p = probes[0]!
    plant(
      'logs/2026-12-03-09-58-00-0000000000000001',
      [
        `${lineFor(p, '10.0.1.7', `HEAD /probe-bucket/?x-vpce-proof-probe=${p.marker} HTTP/1.1`)}${'A'.repeat(10 * 1024 * 1024)}`,
        lineFor(p, '10.0.1.8', `HEAD /probe-bucket/?x-vpce-proof-probe=${p.marker} HTTP/1.1`, '\u001b[2J'),
        lineFor(p, '10.0.1.9', 'HEAD /probe-bucket/ HTTP/1.1'),
        ''
      ].join('\n')
    )
    const f = await verify(probes)
    expect(f.verdict).toBe('fail')
    expect(f.evidence['remoteIp']).toBe('203.0.113.10')
  })

  it('a forged private line with the right marker beside the real public one is inconclusive, never a pass', async () => {
    await start(scenario({ traffic: { s3: { via: 'internet' } } }))
    const probes = await probe()
    const p = probes[0]!
    plant(
      'logs/2026-12-03-09-58-00-0000000000000002',
      `${lineFor(p, '10.0.1.9', `HEAD /probe-bucket/?x-vpce-proof-probe=${p.marker} HTTP/1.1`)}\n`
    )
    const f = await verify(probes)
    expect(f.verdict).toBe('inconclusive')
    expect(f.message).toContain('different Remote IPs')
  })

  it('a forged line alone (no real line delivered yet) without the marker is not judged', async () => {
    await start(scenario({ traffic: { s3: { via: 'internet' } } }, 3600_000))
    const probes = await probe()
    plant(
      'logs/2026-12-03-09-58-00-0000000000000003',
      `${lineFor(probes[0]!, '10.0.1.9', 'HEAD /probe-bucket/ HTTP/1.1')}\n`
    )
    const f = await verify(probes)
    expect(f.verdict).toBe('inconclusive')
    expect(f.message).toContain("not this probe's")
  })
})
