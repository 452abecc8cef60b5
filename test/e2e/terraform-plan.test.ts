import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { Finding } from '../../src/model/finding.js'
import { runActionInProcess } from './run-action.js'
import { runCliInProcess } from './run-cli.js'

/**
 * The CLI and the Action (their entries in the test process: runCliInProcess, runActionInProcess) with a
 * Terraform plan (demo/terraform-plan.json, the documented `terraform show -json` shape) against the demo
 * account on the simulator: predictions beside the live findings, at the lines.
 */
let sim: SimulatedAws
beforeAll(async () => {
  sim = await startSimulatedAws(structuredClone(demoScenario))
})
afterAll(async () => sim?.close())

const AWS = () => ({
  AWS_ENDPOINT_URL: sim.url,
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: demoScenario.region
})

describe('vpce-proof check --terraform-plan', () => {
  it('reports predicted findings at the manifest lines, marks the live failures the plan fixes, and fails', async () => {
    const run = await runCliInProcess(
      [
        'check',
        '--manifest',
        'demo/vpc-endpoints.yml',
        '--terraform-plan',
        'demo/terraform-plan.json',
        '--format',
        'json'
      ],
      AWS()
    )
    expect(run.code, run.stderr).toBe(1)
    const report = JSON.parse(run.stdout) as { findings: Finding[]; notes: string[] }
    const planned = report.findings.filter(f => f.phase === 'planned')
    expect(planned.map(f => [f.location.line, f.ruleId, f.verdict])).toEqual([
      [10, 'endpoint-in-subnets', 'fail'],
      [14, 'private-dns-enabled', 'pass'],
      [17, 'gateway-route-present', 'pass'],
      [17, 'gateway-route-active', 'inconclusive'],
      [17, 'gateway-route-not-shadowed', 'fail'],
      [17, 'gateway-route-not-shadowed', 'pass']
    ])
    expect(planned.every(f => f.message.startsWith('After apply: '))).toBe(true)
    expect(planned[0]!.evidence['terraform']).toBe('module.endpoints.aws_vpc_endpoint.this["sns"]')
    expect(planned[4]!.evidence['terraform']).toContain('module.network.aws_route.s3_direct')
    const fixed = report.findings.filter(f => f.fixedByPlan)
    expect(fixed.map(f => [f.location.line, f.ruleId, f.verdict])).toEqual([
      [14, 'private-dns-enabled', 'fail'],
      [17, 'gateway-route-present', 'fail']
    ])
    expect(report.notes.join('\n')).toContain(
      'Terraform plan demo/terraform-plan.json (format 1.2) changes 4 VPC resources'
    )
  })

  it('text output shows the predictions inline', async () => {
    const run = await runCliInProcess(
      ['check', '--manifest', 'demo/vpc-endpoints.yml', '--terraform-plan', 'demo/terraform-plan.json'],
      AWS()
    )
    expect(run.stdout).toMatch(
      /demo\/vpc-endpoints\.yml:17:9: FAIL +gateway-route-not-shadowed \[s3\]: After apply: Route table rtb-0a1b2c3d4e5f6b001/
    )
    expect(run.stdout).toContain(
      'Fixed by this plan: after apply, private DNS is on for vpce-0a1b2c3d4e5f6d002.'
    )
  })

  it('a bad plan file is exit 2 before any AWS call, naming file, line and column, without a stack', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vpce-plan-e2e-'))
    const bad = path.join(dir, 'tfplan.json')
    await writeFile(
      bad,
      '{\n  "format_version": "1.2",\n  "resource_changes": [\n    {"address": }\n  ]\n}\n'
    )
    const before = sim.calls.length
    const run = await runCliInProcess(
      ['check', '--manifest', 'demo/vpc-endpoints.yml', '--terraform-plan', bad],
      AWS()
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`${bad}: line 4, column 17: not valid JSON: unexpected "}"`)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(sim.calls.length).toBe(before)

    await writeFile(bad, JSON.stringify({ format_version: '2.0' }))
    const v2 = await runCliInProcess(
      ['check', '--manifest', 'demo/vpc-endpoints.yml', '--terraform-plan', bad],
      AWS()
    )
    expect(v2.code).toBe(2)
    expect(v2.stderr).toContain('format_version "2.0" is not supported')
  })
})

describe("the Action's input terraform-plan", () => {
  it('annotates predicted failures on their lines and keeps them in the JSON report and SARIF', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vpce-plan-action-'))
    const sarif = path.join(dir, 'out.sarif')
    const run = await runActionInProcess(
      {
        manifest: 'demo/vpc-endpoints.yml',
        mode: 'config',
        comment: 'false',
        'terraform-plan': 'demo/terraform-plan.json',
        'sarif-path': sarif
      },
      { AWS_ENDPOINT_URL: sim.url }
    )
    expect(run.exitCode).toBe(1)
    const errors = run.commands.filter(c => c.command === 'error' && c.properties.file)
    const predicted = errors.filter(e => e.message.startsWith('After apply: '))
    expect(predicted.map(e => e.properties.line)).toEqual(['10', '17'])
    expect(run.summary).toContain('After apply: Route table rtb-0a1b2c3d4e5f6b001')
    const results = JSON.parse(await readFile(sarif, 'utf8')).runs[0].results as {
      ruleId: string
      properties: { phase?: string }
      partialFingerprints: Record<string, string>
    }[]
    const shadow = results.filter(r => r.ruleId === 'gateway-route-not-shadowed')
    expect(shadow.map(r => r.properties.phase)).toEqual(['planned'])
    const dns = results.filter(r => r.ruleId === 'private-dns-enabled')
    expect(dns.map(r => r.properties.phase)).toEqual([undefined])
  })
})
