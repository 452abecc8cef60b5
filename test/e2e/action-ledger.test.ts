import { readFile, writeFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { healthyScenario } from '../../sim/scenarios/healthy.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { runActionInProcess, type ActionRun } from './run-action.js'
import { isEvidence } from '../../src/catalogue.js'

/**
 * Issue 8 item 7 through the Action's entry function (runActionInProcess; action-entry.test.ts shows dist/index.js gives the same step): between mode: probe and mode: verify the PR's own build can rewrite the
 * ledger. A forged ledger (another access key, times before the run, another run) makes the evidence
 * inconclusive, never a pass; an untouched one still proves the path.
 */
const MANIFEST = 'test/e2e/fixtures/ledger-manifest.yml'
/** Nothing listens here: the DNS check fails fast and no query leaves the machine. */
const NO_DNS = '127.0.0.1:9'

let sim: SimulatedAws | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

type Finding = { ruleId: string; verdict: string; service?: string; message: string }
const findingsOf = async (run: ActionRun) =>
  (JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as { findings: Finding[] }).findings

async function probeThenVerify(
  forge: (ledger: Record<string, unknown>) => void,
  verifyEnv: Record<string, string> = {},
  manifest = MANIFEST
) {
  sim = await startSimulatedAws({ ...healthyScenario(), cloudTrailDelayMs: 200 })
  const env = { AWS_ENDPOINT_URL: sim.url, GITHUB_RUN_ID: '7001', GITHUB_RUN_ATTEMPT: '1' }
  const common = { manifest, comment: 'false', 'dns-servers': NO_DNS }
  const probe = await runActionInProcess({ ...common, mode: 'probe' }, env)
  expect(probe.exitCode).toBe(0)
  const ledgerPath = probe.outputs['ledger-path']!
  const ledger = JSON.parse(await readFile(ledgerPath, 'utf8')) as Record<string, unknown>
  expect(ledger['run']).toEqual({ id: '7001', attempt: '1' })
  // What the build step between the phases may do to the file.
  forge(ledger)
  await writeFile(ledgerPath, JSON.stringify(ledger))
  const lookupsBefore = sim.callCount('LookupEvents')
  const verify = await runActionInProcess(
    { ...common, mode: 'verify', 'ledger-path': ledgerPath, 'evidence-timeout': '8s', 'fail-on': 'fail' },
    { ...env, ...verifyEnv }
  )
  return {
    verify,
    findings: await findingsOf(verify),
    lookups: sim.callCount('LookupEvents') - lookupsBefore
  }
}

const evidence = (all: Finding[]) => all.filter(f => isEvidence(f.ruleId))

describe('the ledger between mode: probe and mode: verify', () => {
  it('proves the path when the ledger is untouched', async () => {
    const { findings } = await probeThenVerify(() => undefined)
    const path = findings.filter(f => f.ruleId === 'traffic-via-endpoint')
    expect(path.map(f => [f.service, f.verdict]).sort()).toEqual([
      ['s3', 'pass'],
      ['sns', 'pass']
    ])
  })

  it("through a role-arn, accepts the records of this run's role session", async () => {
    const { findings } = await probeThenVerify(
      () => undefined,
      {},
      'test/e2e/fixtures/ledger-role-manifest.yml'
    )
    const path = findings.filter(f => f.ruleId === 'traffic-via-endpoint')
    expect(path.map(f => [f.service, f.verdict]).sort()).toEqual([
      ['s3', 'pass'],
      ['sns', 'pass']
    ])
    const sessions = sim!
      .trail()
      .map(e => String((e.record.userIdentity as { arn?: string }).arn))
      .filter(arn => arn.includes('assumed-role'))
    expect(new Set(sessions)).toEqual(
      new Set(['arn:aws:sts::123456789012:assumed-role/vpce-proof/vpce-proof-7001-1'])
    )
  })

  it('judges nothing from a ledger whose probes carry another access key', async () => {
    const { verify, findings, lookups } = await probeThenVerify(ledger => {
      for (const p of ledger['probes'] as { accessKeyId: string }[]) p.accessKeyId = 'AKIAI44QH8DHBEXAMPLE'
      for (const c of ledger['callers'] as { accessKeyId: string }[]) c.accessKeyId = 'AKIAI44QH8DHBEXAMPLE'
    })
    expect(evidence(findings).filter(f => f.verdict === 'pass')).toEqual([])
    expect(evidence(findings).filter(f => f.verdict === 'inconclusive').length).toBeGreaterThanOrEqual(2)
    expect(findings.find(f => f.ruleId === 'cloudtrail-record-found')?.message).toMatch(
      /not this run's .*signed by access key AKIAI44QH8DHBEXAMPLE, not by this job's credentials/
    )
    expect(lookups).toBe(0)
    expect(verify.stdout).toMatch(/::warning::The evidence ledger is not this run's/)
  })

  it('judges nothing from a ledger moved to before the run (old evidence replayed)', async () => {
    const { findings, lookups } = await probeThenVerify(ledger => {
      const back = (iso: string) => new Date(Date.parse(iso) - 2 * 86_400_000).toISOString()
      ledger['startedAt'] = back(ledger['startedAt'] as string)
      ledger['finishedAt'] = back(ledger['finishedAt'] as string)
      for (const p of ledger['probes'] as { sentAt: string }[]) p.sentAt = back(p.sentAt)
    })
    expect(evidence(findings).filter(f => f.verdict === 'pass')).toEqual([])
    expect(findings.find(f => f.ruleId === 'cloudtrail-record-found')?.message).toMatch(
      /longer ago than a job runs/
    )
    expect(lookups).toBe(0)
  })

  it('judges DNS from its own answers, not from the answers the ledger claims', async () => {
    const { findings } = await probeThenVerify(ledger => {
      for (const p of ledger['probes'] as { dns: Record<string, unknown> }[]) {
        p.dns = { ...p.dns, ipv4: ['10.0.1.77', '10.0.2.77'], error: undefined }
      }
    })
    const dns = findings.filter(f => f.ruleId === 'dns-resolves-to-endpoint' && f.service === 'sns')
    expect(dns).toHaveLength(1)
    expect(dns[0]!.verdict).not.toBe('pass')
    expect(dns[0]!.message).not.toContain('10.0.1.77')
  })

  it("judges nothing from another run's ledger", async () => {
    const { findings } = await probeThenVerify(() => undefined, { GITHUB_RUN_ID: '7002' })
    expect(evidence(findings).filter(f => f.verdict === 'pass')).toEqual([])
    expect(findings.find(f => f.ruleId === 'cloudtrail-record-found')?.message).toMatch(
      /names run 7001 attempt 1, not this run \(7002 attempt 1\)/
    )
  })
})
