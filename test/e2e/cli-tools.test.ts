import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { ROOT, runCli, runCliBatchInProcess, runCliInProcess, type ProcessRun } from './run-cli.js'

/**
 * `vpce-proof init` and `vpce-proof iam-policy` through the CLI's entry in the test process (runCliInProcess;
 * cli-parity.test.ts shows bin/vpce-proof.js gives the same).
 */
const cli = runCliInProcess

/** The offline runs of this file, through one fresh copy of the CLI's modules (runCliBatchInProcess). */
const OFFLINE = [
  ['--help'],
  ['init', '--help'],
  ['init'],
  ['iam-policy', '--manifest', 'examples/vpc-endpoints.yml', '--evidence'],
  ['iam-policy', '--manifest', 'demo/vpc-endpoints.yml'],
  ['iam-policy', '--manifest', 'test/e2e/fixtures/malformed/22-service-typo.yml']
]
let offline: Map<string, ProcessRun>
const batched = async (argv: string[]): Promise<ProcessRun> => offline.get(JSON.stringify(argv))!
beforeAll(async () => {
  const results = await runCliBatchInProcess(OFFLINE)
  offline = new Map(OFFLINE.map((argv, i) => [JSON.stringify(argv), results[i]!]))
})

describe('help', () => {
  it('bin/vpce-proof.js, one process per run, says exactly what the batched entry says', async () => {
    expect(await runCli(['--help'])).toEqual(await batched(['--help']))
  })

  it('--help names both commands, and each command has its own help', async () => {
    const help = await batched(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('vpce-proof init --vpc VPC_ID')
    expect(help.stdout).toContain('vpce-proof iam-policy')
    const init = await batched(['init', '--help'])
    expect(init.code).toBe(0)
    expect(init.stdout).toContain('--all-vpcs')
    const usage = await batched(['init'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('init needs --vpc VPC_ID')
  })
})

describe('vpce-proof iam-policy', () => {
  it('prints for the example manifest exactly the policy docs/iam.md shows for it', async () => {
    const run = await batched(['iam-policy', '--manifest', 'examples/vpc-endpoints.yml', '--evidence'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const doc = await readFile(path.join(ROOT, 'docs/iam.md'), 'utf8')
    const block = /<!-- generated:example [^\n]*-->\n```json\n([\s\S]*?)```/.exec(doc)?.[1]
    expect(block).toBeDefined()
    expect(run.stdout).toBe(block)
    const policy = JSON.parse(run.stdout) as {
      Statement: Array<{ Action: string | string[]; Resource: unknown }>
    }
    const actions = policy.Statement.flatMap(s => s.Action)
    // ecr.dkr has `probe: false` and no probe: nothing for it; the role is named, not `*`.
    expect(actions).toContain('ecr:DescribeRepositories')
    expect(actions).not.toContain('lambda:ListFunctions')
    expect(policy.Statement.find(s => s.Action === 'sts:AssumeRole')?.Resource).toEqual([
      'arn:aws:iam::210987654321:role/vpce-proof-readonly'
    ])
  })

  it('leaves CloudTrail and the probes out without --evidence', async () => {
    const run = await batched(['iam-policy', '--manifest', 'demo/vpc-endpoints.yml'])
    expect(run.code).toBe(0)
    const actions = (
      JSON.parse(run.stdout) as { Statement: Array<{ Action: string | string[] }> }
    ).Statement.flatMap(s => s.Action)
    expect(actions).toContain('ec2:DescribeNatGateways')
    expect(actions).toContain('sts:GetCallerIdentity')
    expect(actions).not.toContain('cloudtrail:LookupEvents')
    expect(actions).not.toContain('sns:ListTopics')
  })

  it('exits 2 naming the line of a manifest problem', async () => {
    const run = await batched(['iam-policy', '--manifest', 'test/e2e/fixtures/malformed/22-service-typo.yml'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('22-service-typo.yml:6:18')
  })
})

describe('vpce-proof init against the demo account', () => {
  let sim: SimulatedAws
  let dir: string
  const env = (url = sim.url) => ({
    AWS_ENDPOINT_URL: url,
    AWS_REGION: 'ap-northeast-1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
  })
  beforeAll(async () => {
    sim = await startSimulatedAws(structuredClone(demoScenario))
    dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-init-'))
  })
  afterAll(async () => {
    await sim.close()
    await rm(dir, { recursive: true, force: true })
  })

  /** `rule-id@line` of each flag comment, at the line of the entry below it. */
  function flagged(manifest: string): string[] {
    const lines = manifest.split('\n')
    const out: string[] = []
    lines.forEach((line, i) => {
      const rule = /^\s*# check will \w+(?: \w+)? \(([a-z0-9-]+)\)/.exec(line)?.[1]
      if (!rule) return
      const entry = lines.findIndex((l, j) => j > i && !/^\s*#/.test(l))
      out.push(`${rule}@${entry + 1}`)
    })
    return out.sort()
  }

  it('writes a manifest of what exists, and check reports exactly the problems it flags', async () => {
    const file = path.join(dir, 'vpc-endpoints.yml')
    const init = await cli(['init', '--vpc', 'vpc-0a1b2c3d4e5f60718', '--output', file], env())
    expect(init.stderr).toBe('')
    expect(init.code).toBe(0)
    expect(init.stdout).toContain('1 VPC, 4 endpoints, 1 problem flagged')
    const manifest = await readFile(file, 'utf8')
    expect(manifest.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://raw.githubusercontent.com/vpce-proof/vpce-proof/main/schema/manifest.schema.json'
    )
    expect(manifest).toContain('      - service: kms\n        type: Interface\n        private-dns: true')
    expect(manifest).toContain('route-tables: [rtb-0a1b2c3d4e5f6b001]')
    expect(flagged(manifest)).toEqual(['private-dns-enabled@12'])

    const check = await cli(['check', '--manifest', file, '--format', 'json'], env())
    expect(check.code).toBe(1)
    const report = JSON.parse(check.stdout) as {
      findings: Array<{ ruleId: string; verdict: string; location: { line: number } }>
    }
    const reported = report.findings
      .filter(f => f.verdict !== 'pass' && f.verdict !== 'skipped')
      .map(f => `${f.ruleId}@${f.location.line}`)
      .sort()
    expect(reported).toEqual(flagged(manifest))
    expect(report.findings.filter(f => f.verdict === 'pass').length).toBeGreaterThan(10)
  })

  it('--all-vpcs finds the same VPC', async () => {
    const file = path.join(dir, 'all.yml')
    const init = await cli(['init', '--all-vpcs', '--output', file], env())
    expect(init.code).toBe(0)
    expect(await readFile(file, 'utf8')).toContain('- id: vpc-0a1b2c3d4e5f60718')
  })

  it('refuses to overwrite a file without --force, in one line, and overwrites with it', async () => {
    const file = path.join(dir, 'existing.yml')
    await writeFile(file, 'mine\n')
    const refused = await cli(['init', '--vpc', 'vpc-0a1b2c3d4e5f60718', '--output', file], env())
    expect(refused.code).toBe(2)
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
    expect(refused.stderr).toContain('add --force')
    expect(await readFile(file, 'utf8')).toBe('mine\n')
    const forced = await cli(['init', '--vpc', 'vpc-0a1b2c3d4e5f60718', '--output', file, '--force'], env())
    expect(forced.code).toBe(0)
    expect(await readFile(file, 'utf8')).toContain('service: sns')
  })

  it('exits 2 naming the IAM action when a read is denied, and writes nothing', async () => {
    const denied = await startSimulatedAws({
      ...structuredClone(demoScenario),
      deny: ['ec2:DescribeVpcEndpoints']
    })
    try {
      const file = path.join(dir, 'denied.yml')
      const run = await cli(['init', '--vpc', 'vpc-0a1b2c3d4e5f60718', '--output', file], env(denied.url))
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('ec2:DescribeVpcEndpoints was denied')
      expect(run.stderr).not.toContain('    at ')
      await expect(stat(file)).rejects.toThrow()
    } finally {
      await denied.close()
    }
  })

  it('exits 2 for a VPC that does not exist, and writes nothing', async () => {
    const file = path.join(dir, 'missing.yml')
    const run = await cli(['init', '--vpc', 'vpc-0fff0000000000000', '--output', file], env())
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('vpc-0fff0000000000000 was not found in ap-northeast-1')
    await expect(stat(file)).rejects.toThrow()
  })
})
