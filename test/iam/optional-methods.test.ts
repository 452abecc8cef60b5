import { describe, expect, it } from 'vitest'
import { grantedActions, leastPrivilegePolicy, needsOf } from '../../src/iam/least-privilege.js'
import { addIamPolicyCommand } from '../../src/cli/iam-policy.js'
import { runProgram } from '../../src/cli/program.js'
import { systemClock } from '../../src/core/clock.js'
import { parseManifest } from '../../src/manifest/load.js'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const yaml = `version: 1
region: ap-northeast-1
vpcs:
  - id: vpc-0123456789abcdef0
    egress: none
    endpoints:
      - service: sns
`

describe('opt-in methods in the least-privilege policy', () => {
  const manifest = parseManifest(yaml, 'vpc-endpoints.yml')

  it('adds nothing for egress: none (no AWS call) and nothing for metrics left off', () => {
    const actions = grantedActions(leastPrivilegePolicy(needsOf(manifest, true)))
    expect(actions).not.toContain('cloudwatch:GetMetricData')
    expect(actions.filter(a => a.startsWith('cloudwatch:'))).toEqual([])
  })

  it('adds cloudwatch:GetMetricData when the metrics are on, only with evidence', () => {
    const on = leastPrivilegePolicy(needsOf(manifest, true, { privateLinkMetrics: true }))
    expect(on.Statement.find(s => s.Sid === 'VpceProofPrivateLinkMetrics')?.Action).toBe(
      'cloudwatch:GetMetricData'
    )
    expect(
      grantedActions(leastPrivilegePolicy(needsOf(manifest, false, { privateLinkMetrics: true })))
    ).not.toContain('cloudwatch:GetMetricData')
  })

  it('iam-policy --evidence --privatelink-metrics prints it; without --evidence it says why not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vpce-proof-iam-'))
    const file = join(dir, 'm.yml')
    await writeFile(file, yaml)
    const written: string[] = []
    const io = {
      env: {},
      stdout: { write: (t: string) => written.push(t) },
      stderr: process.stderr,
      clock: systemClock
    }
    await runProgram(['iam-policy', '--manifest', file, '--evidence', '--privatelink-metrics'], io, [
      addIamPolicyCommand
    ])
    expect(written.join('')).toContain('"cloudwatch:GetMetricData"')
    await expect(
      runProgram(['iam-policy', '--manifest', file, '--privatelink-metrics'], io, [addIamPolicyCommand])
    ).rejects.toThrow(/with --evidence/)
  })
})
