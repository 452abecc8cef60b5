import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import type { RunReport } from '../../src/core/run-report.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { skippingClock } from '../clock/skipping-clock.js'
import { runActionInProcess } from './run-action.js'
import { runCliInProcess } from './run-cli.js'

/**
 * The CLI and the Action (their entries in the test process) with Reachability Analyzer on and off, against
 * the demo account (each analysis runs 1.5 s), polling on a skipping clock the simulator shares.
 */
let sim: SimulatedAws | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: 'ap-northeast-1'
}

describe('Reachability Analyzer through the CLI and the Action', () => {
  it('the CLI with --reachability: a pass with its hops, a fail with the blocking security group, nothing left', async () => {
    // Reachability's polls and the simulator's analysis delay on one simulated clock.
    const clock = skippingClock()
    sim = await startSimulatedAws(structuredClone(demoScenario), { now: clock.now })
    const run = await runCliInProcess(
      ['check', '--manifest', 'demo/vpc-endpoints.yml', '--reachability', '--format', 'json'],
      {
        ...AWS_ENV,
        AWS_ENDPOINT_URL: sim.url
      },
      { clock }
    )
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as RunReport
    const reach = report.findings.filter(f => f.ruleId === 'reachability-path-found')
    expect(reach.map(f => [f.service, f.verdict, f.location.line])).toEqual([
      ['sns', 'pass', 10],
      ['kms', 'fail', 14],
      ['s3', 'pass', 17]
    ])
    expect(reach[0]!.networkPath?.at(-1)).toMatchObject({
      id: 'vpce-0a1b2c3d4e5f6d001',
      kind: 'vpc-endpoint'
    })
    expect(reach[1]!.message).toContain('allows no inbound TCP 443')
    expect(run.stderr).toContain('AWS charges for each analysis')
    expect(sim.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
  })

  it('the Action without the input makes no network-insights call; with reachability: true it does', async () => {
    const clock = skippingClock()
    sim = await startSimulatedAws(structuredClone(demoScenario), { now: clock.now })
    const off = await runActionInProcess(
      { manifest: 'demo/vpc-endpoints.yml', mode: 'config', comment: 'false' },
      { AWS_ENDPOINT_URL: sim.url },
      { clock }
    )
    expect(off.exitCode).toBe(1)
    expect(sim.callCount('CreateNetworkInsightsPath')).toBe(0)
    expect(sim.callCount('DescribeNetworkInsightsAnalyses')).toBe(0)
    const on = await runActionInProcess(
      { manifest: 'demo/vpc-endpoints.yml', mode: 'config', comment: 'false', reachability: 'true' },
      { AWS_ENDPOINT_URL: sim.url },
      { clock }
    )
    expect(sim.callCount('CreateNetworkInsightsPath')).toBe(3)
    const report = JSON.parse(
      await readFile(path.join(on.dir, 'vpce-proof-report.json'), 'utf8')
    ) as RunReport
    expect(report.findings.filter(f => f.ruleId === 'reachability-path-found').map(f => f.verdict)).toEqual([
      'pass',
      'fail',
      'pass'
    ])
    expect(sim.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
  })

  it('a reachability-source that is not an eni- or i- id is a manifest error at its line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-reach-'))
    const file = path.join(dir, 'vpc-endpoints.yml')
    await writeFile(
      file,
      'version: 1\nregion: ap-northeast-1\nvpcs:\n  - id: vpc-0a1b2c3d4e5f60718\n    reachability-source: sg-0a1b2c3d4e5f6e001\n    endpoints: []\n'
    )
    const run = await runCliInProcess(['check', '--manifest', file, '--reachability'], AWS_ENV)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('5:26')
    expect(run.stderr).toContain('expected a network interface id (eni-…) or an instance id (i-…)')
  })
})
