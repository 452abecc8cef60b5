import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunReport } from '../../src/core/run-report.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { skippingClock } from '../clock/skipping-clock.js'
import {
  metricsScenario,
  REGION,
  SNS,
  startEvidenceNeighbours,
  VPC,
  type EvidenceNeighbours
} from '../metrics/fixture.js'
import { runCliInProcess } from './run-cli.js'

/**
 * The CLI's entry in the test process (runCliInProcess) with the connectivity test and the PrivateLink
 * metrics on; the "internet" is a loopback port. That the bundle has the lazily loaded CloudWatch client is
 * shown by cli-parity.test.ts's spawned evidence run, which passes privatelink-metrics-show-traffic.
 */
let sim: SimulatedAws
let around: EvidenceNeighbours
let dir: string
/** The run's waits (CloudTrail polling, the metrics' wait) and the simulator on one simulated clock. */
const clock = skippingClock()
beforeAll(async () => {
  sim = await startSimulatedAws(metricsScenario(), { now: clock.now })
  around = await startEvidenceNeighbours()
  dir = await mkdtemp(join(tmpdir(), 'vpce-proof-cli-methods-'))
})
afterAll(async () => {
  await sim.close()
  await around.close()
  await rm(dir, { recursive: true, force: true })
})

describe('vpce-proof check --privatelink-metrics --egress-target', () => {
  it('reports the new rules, and calls GetMetricData only when asked', async () => {
    const manifest = join(dir, 'vpc-endpoints.yml')
    await writeFile(
      manifest,
      `version: 1\nregion: ${REGION}\nvpcs:\n  - id: ${VPC}\n    egress: none\n    endpoints:\n      - service: sns\n`
    )
    const env = {
      AWS_ENDPOINT_URL: sim.url,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_REGION: REGION
    }
    const args = ['check', '--manifest', manifest, '--evidence', '--evidence-timeout', '20s']
    const common = [
      '--dns-servers',
      around.dns.server,
      '--runner-vpc',
      VPC,
      '--egress-target',
      around.egressTarget
    ]
    const report = join(dir, 'report.json')
    const metrics = [...args, ...common, '--privatelink-metrics', '--report', report]
    const run = await runCliInProcess(metrics, env, { clock })
    expect(run.stderr).not.toMatch(/unexpected error/)
    const findings = (JSON.parse(await readFile(report, 'utf8')) as RunReport).findings
    const by = (id: string) => findings.filter(f => f.ruleId === id).map(f => f.verdict)
    expect(by('egress-blocked')).toEqual(['fail'])
    expect(by('api-reached-without-internet')).toEqual(['inconclusive'])
    const metric = findings.find(f => f.ruleId === 'privatelink-metrics-show-traffic')
    expect(metric?.verdict).toBe('pass')
    expect(metric?.endpointId).toBe(SNS)
    expect(run.code).toBe(1)
    const calls = sim.callCount('GetMetricData')
    expect(calls).toBeGreaterThanOrEqual(1)

    const off = await runCliInProcess([...args, ...common, '--format', 'json'], env, { clock })
    expect(sim.callCount('GetMetricData')).toBe(calls)
    expect(off.stdout).not.toContain('privatelink-metrics-show-traffic')
  }, 60_000)
})
