import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { runActionInProcess } from './run-action.js'

/**
 * The Action's entry function run the runner's way against the simulated AWS, configuration checks only
 * (runActionInProcess; action-entry.test.ts shows dist/index.js gives the same step).
 */
let sim: SimulatedAws
beforeAll(async () => {
  sim = await startSimulatedAws(structuredClone(demoScenario))
})
afterAll(async () => sim?.close())

describe('the bundled action, configuration mode', () => {
  it('fails the step with annotations on the manifest lines, a summary, outputs and a JSON report', async () => {
    const run = await runActionInProcess(
      { manifest: 'demo/vpc-endpoints.yml', mode: 'config', comment: 'false' },
      { AWS_ENDPOINT_URL: sim.url }
    )
    expect(run.exitCode).toBe(1)

    const errors = run.commands.filter(c => c.command === 'error' && c.properties.file)
    expect(errors.map(e => [e.properties.file, e.properties.line])).toEqual([
      ['demo/vpc-endpoints.yml', '14'],
      ['demo/vpc-endpoints.yml', '17']
    ])
    expect(errors[0]!.message).toContain('Private DNS is off for vpce-0a1b2c3d4e5f6d002')
    expect(errors[1]!.message).toContain('rtb-0a1b2c3d4e5f6b000')
    const warnings = run.commands.filter(c => c.command === 'warning')
    expect(warnings.map(w => w.properties.line)).toEqual(['6'])
    // Passes are not annotations unless annotate-passes: true (sns on line 10 passed everything).
    expect(run.commands.filter(c => c.command === 'notice' && c.properties.file)).toEqual([])

    expect(run.outputs).toMatchObject({
      result: 'fail',
      'fail-count': '2',
      'warn-count': '1',
      'inconclusive-count': '0'
    })
    expect(run.summary).toContain('vpce-0a1b2c3d4e5f6d002')
    expect(run.summary).toMatch(/2 failed/)

    const report = JSON.parse(await readFile(run.outputs['report-path']!, 'utf8'))
    expect(report.result).toBe('fail')
    expect(report.findings.length).toBeGreaterThan(10)
    // The secret key appears only in the `add-mask` command the runner consumes (masking it everywhere).
    const shown = run.stdout.split('\n').filter(line => !line.startsWith('::add-mask::'))
    expect(shown.join('\n')).not.toContain('wJalrXUtnFEMI')
    expect(run.stdout).toContain('::add-mask::wJalrXUtnFEMI')
    expect(run.stdout).toContain('::error::vpce-proof: 2 fail')
  })

  it('annotates a manifest warning (an unknown service name) at its line, not only in the log', async () => {
    const manifest = 'test/e2e/fixtures/warnings/unknown-service.yml'
    const run = await runActionInProcess(
      { manifest, mode: 'config', comment: 'false' },
      { AWS_ENDPOINT_URL: sim.url }
    )
    const annotated = run.commands.filter(
      c => c.command === 'warning' && c.properties.file === manifest && c.properties.line === '7'
    )
    expect(annotated.map(w => w.message)).toEqual([expect.stringContaining('service "ecr.dkr" is not in')])
    expect(annotated[0]!.properties.col).toBe('18')
  })

  it('passes the step when fail-on is none, with the same findings', async () => {
    const run = await runActionInProcess(
      { manifest: 'demo/vpc-endpoints.yml', mode: 'config', 'fail-on': 'none', comment: 'false' },
      { AWS_ENDPOINT_URL: sim.url }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ result: 'pass', 'fail-count': '2' })
  })

  it('skips the job summary quietly where the runner gives no summary file', async () => {
    const run = await runActionInProcess(
      { manifest: 'demo/vpc-endpoints.yml', mode: 'config', comment: 'false' },
      { AWS_ENDPOINT_URL: sim.url, GITHUB_STEP_SUMMARY: '' }
    )
    expect(run.exitCode).toBe(1)
    expect(run.commands.filter(c => c.command === 'warning' && !c.properties.file)).toEqual([])
    expect(run.outputs.result).toBe('fail')
  })

  it('reports a bad manifest as located errors, with no stack trace', async () => {
    const before = sim.callCount()
    const run = await runActionInProcess(
      { manifest: 'test/e2e/fixtures/bad-manifest.yml', mode: 'config' },
      { AWS_ENDPOINT_URL: sim.url }
    )
    expect(run.exitCode).toBe(1)
    const errors = run.commands.filter(c => c.command === 'error')
    expect(errors[0]!.properties).toMatchObject({ file: 'test/e2e/fixtures/bad-manifest.yml', line: '7' })
    expect(errors[0]!.message).toContain('did you mean `private-dns`')
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /)
    // Nothing else runs on a bad manifest: not one AWS call.
    expect(sim.callCount()).toBe(before)
  })

  it('rejects a bad input with one line naming it', async () => {
    const run = await runActionInProcess(
      { manifest: 'demo/vpc-endpoints.yml', 'fail-on': 'sometimes' },
      { AWS_ENDPOINT_URL: sim.url }
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('::error::fail-on: unknown verdict "sometimes"')
    expect(run.stdout).not.toMatch(/\n\s+at /)
  })
})
