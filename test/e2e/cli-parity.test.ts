import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import {
  metricsScenario,
  REGION,
  startEvidenceNeighbours,
  VPC,
  type EvidenceNeighbours
} from '../metrics/fixture.js'
import { runCli, runCliInProcess, type ProcessRun } from './run-cli.js'

/**
 * runCliInProcess (src/cli.ts's main in the test process) against bin/vpce-proof.js (a process over dist/cli,
 * as a user runs it, its stdout a pipe): a handful of representative runs give the same exit code, stdout
 * and stderr. Only what differs between any two runs is normalised (see `normalised`).
 */

const KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: 'ap-northeast-1'
}
const DEMO = 'demo/vpc-endpoints.yml'

/**
 * What differs between two runs of the same command, and nothing else: timestamps, durations and the
 * metrics' minutes; the process's temp directory (`vpce-proof-PID`); the ids the simulator makes up (request
 * and CloudTrail event ids, UUIDs); each run's own output directory. A JSON report is compared parsed: the
 * order of its per-call counts is the order in which concurrent calls finished.
 */
function normalised(run: ProcessRun, dirs: string[] = []): { code: number; stdout: unknown; stderr: string } {
  const clean = (text: string) => {
    let out = text
    for (const [i, dir] of dirs.entries()) out = out.split(dir).join(`<dir${i}>`)
    return out
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>')
      .replace(/\b\d\d:\d\d–\d\d:\d\d UTC\b/g, '<minutes>')
      .replace(/"(\w*Ms)": \d+/g, '"$1": 0')
      .replace(/(?<![\d.])\d+(?:\.\d+)? ?(?:ms|s)\b|\b\d+m\d\ds\b|\bms=\d+/g, '<duration>')
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>')
      .replace(/vpce-proof-\d+/g, 'vpce-proof-<pid>')
  }
  const stdout = clean(run.stdout)
  return {
    code: run.code,
    stdout: stdout.startsWith('{') ? (JSON.parse(stdout) as unknown) : stdout,
    stderr: clean(run.stderr)
  }
}

describe('runCliInProcess gives what bin/vpce-proof.js gives', () => {
  let demo: SimulatedAws
  let dir: string
  beforeAll(async () => {
    demo = await startSimulatedAws(structuredClone(demoScenario))
    dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-parity-'))
  })
  afterAll(async () => {
    await demo?.close()
    await rm(dir, { recursive: true, force: true })
  })
  const env = () => ({ ...KEYS, AWS_ENDPOINT_URL: demo.url })

  it.each([
    ['a failing config check, text on a pipe: no colour', 1, ['check', '--manifest', DEMO]],
    ['a usage error', 2, ['check', '--format', 'xml']],
    [
      '--format json, --fail-on none',
      0,
      ['check', '--manifest', DEMO, '--format', 'json', '--fail-on', 'none']
    ]
  ] as const)('%s: exit %i', async (_name, code, args) => {
    const spawned = await runCli([...args], env())
    const inProcess = await runCliInProcess([...args], env())
    expect(spawned.code).toBe(code)
    expect(spawned.stdout + spawned.stderr).not.toBe('')
    expect(normalised(inProcess)).toEqual(normalised(spawned))
  })

  it('init writes the same manifest and says the same', async () => {
    const [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')]
    const args = (out: string) => ['init', '--vpc', 'vpc-0a1b2c3d4e5f60718', '--output', `${out}/m.yml`]
    const spawned = await runCli(args(a), env())
    const inProcess = await runCliInProcess(args(b), env())
    expect(spawned.code).toBe(0)
    expect(normalised(inProcess, [b])).toEqual(normalised(spawned, [a]))
    expect(await readFile(`${b}/m.yml`, 'utf8')).toBe(await readFile(`${a}/m.yml`, 'utf8'))
  })

  it('merge of shard reports: the same verdict, text and merged report', async () => {
    const shard = path.join(dir, 'shards', 'shard.json')
    const check = await runCliInProcess(
      ['check', '--manifest', DEMO, '--shard', '123456789012/ap-northeast-1', '--report', shard],
      env()
    )
    expect(check.code).toBe(1)
    const args = (out: string) => ['merge', path.dirname(shard), '--manifest', DEMO, '--report', out]
    const [a, b] = [path.join(dir, 'merged-a.json'), path.join(dir, 'merged-b.json')]
    const spawned = await runCli(args(a), KEYS)
    const inProcess = await runCliInProcess(args(b), KEYS)
    expect(spawned.code).toBe(1)
    expect(normalised(inProcess)).toEqual(normalised(spawned))
    const report = async (file: string) =>
      normalised({ code: 0, stdout: await readFile(file, 'utf8'), stderr: '' })
    expect(await report(b)).toEqual(await report(a))
  })
})

describe('an evidence run: probes, DNS, CloudTrail and metrics in both', () => {
  let around: EvidenceNeighbours
  let dir: string
  beforeAll(async () => {
    around = await startEvidenceNeighbours()
    dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-parity-evidence-'))
  })
  afterAll(async () => {
    await around?.close()
    await rm(dir, { recursive: true, force: true })
  })

  /** Each run gets its own simulated account: the metrics count every connection the simulator served. */
  async function run(through: typeof runCli, args: string[]): Promise<ProcessRun> {
    const sim = await startSimulatedAws(metricsScenario())
    try {
      return await through(args, { ...KEYS, AWS_REGION: REGION, AWS_ENDPOINT_URL: sim.url })
    } finally {
      await sim.close()
    }
  }

  it('--evidence --privatelink-metrics --egress-target, text', async () => {
    const manifest = path.join(dir, 'vpc-endpoints.yml')
    await writeFile(
      manifest,
      `version: 1\nregion: ${REGION}\nvpcs:\n  - id: ${VPC}\n    egress: none\n    endpoints:\n      - service: sns\n      - service: kms\n`
    )
    const args = [
      ...['check', '--manifest', manifest, '--evidence', '--evidence-timeout', '20s', '--verbose'],
      ...['--dns-servers', around.dns.server, '--runner-vpc', VPC, '--egress-target', around.egressTarget],
      '--privatelink-metrics'
    ]
    // Side by side (each its own simulated account): the spawned run waits for CloudTrail on real time.
    const [spawned, inProcess] = await Promise.all([run(runCli, args), run(runCliInProcess, args)])
    expect(spawned.code).toBe(1)
    expect(spawned.stdout).toMatch(/PASS +traffic-via-endpoint \[sns\]/)
    expect(spawned.stdout).toMatch(/PASS +privatelink-metrics-show-traffic \[sns\]/)
    expect(normalised(inProcess)).toEqual(normalised(spawned))
  })
})
