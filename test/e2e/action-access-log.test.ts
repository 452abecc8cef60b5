import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { healthyScenario } from '../../sim/scenarios/healthy.js'
import type { SimScenario } from '../../sim/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { skippingClock, type SkippingClock } from '../clock/skipping-clock.js'
import { runActionInProcess, type ActionRun } from './run-action.js'

/**
 * The S3 access-log method through the Action's entry: the probe's own run, and a later run (ledger-run)
 * that verifies the kept ledger once S3 has delivered the log. The runs' waits (CloudTrail, the S3 polling)
 * are on a skipping clock the simulator shares.
 */
const MANIFEST = 'test/e2e/fixtures/access-log-manifest.yml'
const NO_DNS = '127.0.0.1:9'
const RULE = 's3-access-log-remote-ip-private'

let sim: SimulatedAws | undefined
/** The simulator's clock runs ahead by this much: "hours later" without waiting hours. */
let ahead = 0
/** The runs' and the simulator's simulated time (fresh for each test). */
let clock: SkippingClock = skippingClock()
afterEach(async () => {
  await sim?.close()
  sim = undefined
  ahead = 0
})

type Finding = { ruleId: string; verdict: string; service?: string; message: string }
const findingsOf = async (run: ActionRun) =>
  (JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as { findings: Finding[] }).findings

async function start(delayMs: number, over: Partial<SimScenario> = {}) {
  clock = skippingClock()
  sim = await startSimulatedAws(
    {
      ...healthyScenario(),
      cloudTrailDelayMs: 200,
      s3: { accessLogs: { 'probe-bucket': { logBucket: 'log-bucket', prefix: 'logs/', delayMs } } },
      ...over
    },
    { now: () => clock.now() + ahead }
  )
  return sim
}

const common = { manifest: MANIFEST, comment: 'false', 'dns-servers': NO_DNS, 'fail-on': 'fail' }
const step = (inputs: Record<string, string>, env: Record<string, string>) =>
  runActionInProcess(inputs, env, { clock })

describe('S3 access logs through the Action', () => {
  it('full mode: finds the HeadBucket in the access log and passes on its private Remote IP', async () => {
    const s = await start(0)
    const run = await step(
      { ...common, 'evidence-timeout': '10s' },
      { AWS_ENDPOINT_URL: s.url, GITHUB_RUN_ID: '7001' }
    )
    const f = (await findingsOf(run)).filter(x => x.ruleId === RULE)
    expect(f.map(x => x.verdict)).toEqual(['pass'])
    expect(s.callCount('s3:HeadBucket')).toBe(1)
    expect(run.exitCode).toBe(0)
  })

  it('fails when the HeadBucket reached S3 from a public address', async () => {
    const s = await start(0, { traffic: { s3: { via: 'internet' } } })
    const run = await step(
      { ...common, 'evidence-timeout': '10s' },
      { AWS_ENDPOINT_URL: s.url, GITHUB_RUN_ID: '7001' }
    )
    expect((await findingsOf(run)).filter(x => x.ruleId === RULE).map(x => x.verdict)).toEqual(['fail'])
    expect(run.exitCode).toBe(1)
  })

  it('not delivered in the probe run; a later run with ledger-run verifies the kept ledger', async () => {
    const s = await start(3 * 3600_000)
    const env = { AWS_ENDPOINT_URL: s.url, GITHUB_RUN_ID: '7001', GITHUB_RUN_ATTEMPT: '1' }
    const probe = await step({ ...common, mode: 'probe' }, env)
    expect(probe.exitCode).toBe(0)
    const ledgerPath = probe.outputs['ledger-path']!
    const same = await step(
      { ...common, mode: 'verify', 'ledger-path': ledgerPath, 'evidence-timeout': '2s' },
      env
    )
    const early = (await findingsOf(same)).find(x => x.ruleId === RULE)!
    expect(early.verdict).toBe('inconclusive')
    expect(early.message).toContain('yet')
    // Hours later, S3 has delivered the log.
    ahead = 4 * 3600_000
    const nightlyEnv = { ...env, GITHUB_RUN_ID: '7100' }
    const later = await step(
      { ...common, mode: 'verify', 'ledger-path': ledgerPath, 'ledger-run': '7001' },
      nightlyEnv
    )
    const all = await findingsOf(later)
    expect(all.filter(x => x.ruleId === RULE).map(x => x.verdict)).toEqual(['pass'])
    expect(all.find(x => x.ruleId === 'cloudtrail-record-found')?.verdict).toBe('skipped')
    expect(later.exitCode).toBe(0)
    // The workflow names the run; a ledger of another one is not judged.
    const wrong = await step(
      { ...common, mode: 'verify', 'ledger-path': ledgerPath, 'ledger-run': '7002' },
      nightlyEnv
    )
    expect((await findingsOf(wrong)).find(x => x.ruleId === RULE)?.verdict).toBe('inconclusive')
    // Without ledger-run, another run's ledger is rejected as before, access log included.
    const plain = await step({ ...common, mode: 'verify', 'ledger-path': ledgerPath }, nightlyEnv)
    expect((await findingsOf(plain)).find(x => x.ruleId === RULE)?.verdict).toBe('inconclusive')
  })

  it('a manifest without access-log sends no S3 bucket request', async () => {
    const s = await start(0)
    await step(
      { ...common, manifest: 'test/e2e/fixtures/ledger-manifest.yml', 'evidence-timeout': '10s' },
      { AWS_ENDPOINT_URL: s.url }
    )
    expect(s.callCount('s3:HeadBucket') + s.callCount('s3:ListObjectsV2') + s.callCount('s3:GetObject')).toBe(
      0
    )
  })
})
