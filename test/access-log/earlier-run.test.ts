import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { collectInventory } from '../../src/aws/inventory.js'
import { parseLedgerRun, verifyEarlierRun } from '../../src/access-log/earlier-run.js'
import { sendAccessLogProbes } from '../../src/access-log/phase.js'
import { s3Clients } from '../../src/access-log/run-glue.js'
import { writeLedger, type Ledger } from '../../src/evidence/ledger.js'
import { parseManifest } from '../../src/manifest/load.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { SimScenario } from '../../sim/scenario.js'

/**
 * Verifying an earlier run's kept ledger (ledger-run): S3 delivered its access log hours later. The run named
 * by the workflow, the ledger's age and the marker S3 logged replace the same-run checks.
 */
const REGION = 'ap-northeast-1'
const VPC = 'vpc-0a1b2c3d4e5f60718'
const silent = { info: () => undefined, notice: () => undefined, warning: () => undefined }
const HOUR = 3600_000
let sim: SimulatedAws
let dir: string
let clock = Date.parse('2026-12-03T02:00:00Z')
const saved = { ...process.env }

const scenario = (over: Partial<SimScenario> = {}): SimScenario => ({
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
  s3: {
    accessLogs: {
      'probe-bucket': {
        logBucket: 'log-bucket',
        prefix: 'logs/',
        delayMs: 3 * HOUR,
        keyFormat: 'partitioned'
      }
    }
  },
  ...over
})

const manifest = parseManifest(
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
          key-format: partitioned
`,
  'vpc-endpoints.yml'
)

beforeEach(async () => {
  process.env = { ...saved }
  clock = Date.parse('2026-12-03T02:00:00Z')
  dir = await mkdtemp(join(tmpdir(), 'vpce-earlier-'))
})
afterEach(async () => {
  await sim?.close()
  await rm(dir, { recursive: true, force: true })
  process.env = { ...saved }
})

/** Run 7001 probes (and keeps its ledger); returns the ledger file. */
async function probedBy(run: { id: string; attempt: string }, s = scenario()): Promise<string> {
  sim = await startSimulatedAws(s, { now: () => clock })
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true'
  })
  const accessLogProbes = await sendAccessLogProbes({
    manifest,
    clients: s3Clients(new AwsClientFactory()),
    run,
    log: silent,
    now: () => clock
  })
  const ledger: Ledger = {
    version: 1,
    startedAt: new Date(clock - 300_000).toISOString(),
    finishedAt: new Date(clock + 1000).toISOString(),
    manifestFile: 'vpc-endpoints.yml',
    run,
    callers: [],
    probes: [],
    unprobed: [],
    accessLogProbes
  }
  const file = join(dir, 'ledger.json')
  await writeLedger(file, ledger)
  return file
}

async function verifyLater(ledgerPath: string, ledgerRun: string) {
  const aws = new AwsClientFactory()
  const inventory = await collectInventory(manifest, aws)
  return verifyEarlierRun({
    manifest,
    ledgerPath,
    ledgerRun: parseLedgerRun(ledgerRun, 'ledger-run')!,
    inventory,
    aws,
    now: new Date(clock),
    signal: new AbortController().signal,
    log: silent
  })
}

const accessLog = (r: { findings: Array<{ ruleId: string; verdict: string; message: string }> }) =>
  r.findings.filter(f => f.ruleId === 's3-access-log-remote-ip-private')

describe('verifying an earlier run from its kept ledger (ledger-run)', () => {
  it('passes hours later, once S3 delivered the line (partitioned keys), and skips the rules judged back then', async () => {
    const file = await probedBy({ id: '7001', attempt: '1' })
    clock += 1 * HOUR
    expect(accessLog(await verifyLater(file, '7001'))[0]).toMatchObject({ verdict: 'inconclusive' })
    clock += 20 * HOUR
    const later = await verifyLater(file, '7001-1')
    expect(accessLog(later).map(f => f.verdict)).toEqual(['pass'])
    expect(later.findings.find(f => f.ruleId === 'cloudtrail-record-found')).toMatchObject({
      verdict: 'skipped'
    })
    expect(later.notes[0]).toContain("Verified run 7001 attempt 1's ledger")
  })

  it('refuses a ledger of another run than the workflow names', async () => {
    const file = await probedBy({ id: '7001', attempt: '1' })
    clock += 21 * HOUR
    const f = accessLog(await verifyLater(file, '7002'))
    expect(f).toMatchObject([{ verdict: 'inconclusive', message: expect.stringContaining('not run 7002') }])
    const attempt = accessLog(await verifyLater(file, '7001-2'))
    expect(attempt[0]!.verdict).toBe('inconclusive')
  })

  it('refuses a ledger older than a week', async () => {
    const file = await probedBy({ id: '7001', attempt: '1' })
    clock += 8 * 24 * HOUR
    const f = accessLog(await verifyLater(file, '7001'))
    expect(f[0]).toMatchObject({ verdict: 'inconclusive', message: expect.stringContaining('more than') })
  })

  it('fails when the earlier probe reached S3 from a public address', async () => {
    const file = await probedBy({ id: '7001', attempt: '1' }, scenario({ traffic: { s3: { via: 'nat' } } }))
    clock += 21 * HOUR
    expect(accessLog(await verifyLater(file, '7001')).map(f => f.verdict)).toEqual(['fail'])
  })

  it('rejects a malformed ledger-run value with the input name', () => {
    expect(() => parseLedgerRun('latest', 'Input ledger-run')).toThrow(
      /Input ledger-run: "latest" is not a workflow run id/
    )
    expect(parseLedgerRun('', 'x')).toBeUndefined()
  })
})
