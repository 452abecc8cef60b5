import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { junitErrors } from '../report/junit-schema.js'
import { sarifValidator } from '../report/sarif-schema.js'
import { runCliInProcess } from './run-cli.js'

/**
 * Suppressions and every --format through the CLI's entry in the test process (runCliInProcess: stdout a
 * pipe, as bin/vpce-proof.js piped; cli-parity.test.ts shows the two say the same).
 */

const SUPPRESSED = 'test/e2e/fixtures/suppressions.yml'
const DEMO = 'demo/vpc-endpoints.yml'

describe('the CLI: suppressions, formats, colour', () => {
  let sim: SimulatedAws
  let dir: string
  const env = (extra: Record<string, string> = {}) => ({
    AWS_ENDPOINT_URL: sim.url,
    AWS_REGION: 'ap-northeast-1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ...extra
  })
  beforeAll(async () => {
    sim = await startSimulatedAws(structuredClone(demoScenario))
    dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-cli-'))
  })
  afterAll(async () => {
    await sim?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('a suppression with a reason turns the failing demo findings into suppressed and the run green', async () => {
    const run = await runCliInProcess(['check', '--manifest', SUPPRESSED, '--today', '2027-03-31'], env())
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(
      /test\/e2e\/fixtures\/suppressions\.yml:11:9: SUPPRESSED FAIL private-dns-enabled \[kms\]: Private DNS is off/
    )
    expect(run.stdout).toContain(
      '      suppressed until 2027-03-31 by test/e2e/fixtures/suppressions.yml:17: KMS private DNS stays off until the resolver migration (NET-1234)'
    )
    expect(run.stdout).toMatch(
      /\nPASSED: \d+ passed, 0 failed, 1 warning, 0 inconclusive, 0 skipped, 2 suppressed/
    )
  })

  it('after its expiry day the finding fails again, with a warning at the entry’s line', async () => {
    const run = await runCliInProcess(['check', '--manifest', SUPPRESSED, '--today', '2027-04-01'], env())
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/suppressions\.yml:11:9: FAIL +private-dns-enabled \[kms\]/)
    expect(run.stdout).toMatch(
      /suppressions\.yml:17:5: WARN +suppression-not-expired \[kms\]: The ignore entry for private-dns-enabled \(service kms, in vpc-0a1b2c3d4e5f60718\) expired on 2027-03-31/
    )
    expect(run.stdout).toMatch(
      /\nFAILED: \d+ passed, 1 failed, 2 warnings, 0 inconclusive, 0 skipped, 1 suppressed/
    )
  })

  it('text: failures first, passes as one line of counts unless --verbose; JSON keeps the verdict underneath', async () => {
    const plain = await runCliInProcess(['check', '--manifest', DEMO], env())
    const lines = plain.stdout.split('\n')
    expect(lines.filter(l => / PASS /.test(l))).toEqual([])
    expect(plain.stdout).toMatch(/\n\d+ passed \(--verbose lists them\)\n/)
    expect(lines.findIndex(l => / FAIL /.test(l))).toBeLessThan(lines.findIndex(l => / WARN /.test(l)))
    const verbose = await runCliInProcess(['check', '--manifest', DEMO, '--verbose'], env())
    expect(verbose.stdout.split('\n').filter(l => / PASS /.test(l)).length).toBeGreaterThan(5)

    const json = await runCliInProcess(
      ['check', '--manifest', SUPPRESSED, '--format', 'json', '--today', '2027-01-01'],
      env()
    )
    const report = JSON.parse(json.stdout) as {
      suppressed: number
      findings: { verdict: string; suppressed?: object }[]
    }
    expect(report.suppressed).toBe(2)
    expect(report.findings.filter(f => f.suppressed).map(f => f.verdict)).toEqual(['fail', 'fail'])
  })

  it('--format sarif, junit and markdown each produce their format', async () => {
    const sarif = await runCliInProcess(
      ['check', '--manifest', SUPPRESSED, '--format', 'sarif', '--today', '2027-01-01'],
      env()
    )
    expect(sarif.code).toBe(0)
    const log = JSON.parse(sarif.stdout) as { runs: { results: { suppressions?: { kind: string }[] }[] }[] }
    const validate = sarifValidator()
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true)
    expect(log.runs[0]?.results.filter(r => r.suppressions?.[0]?.kind === 'inSource')).toHaveLength(2)

    const junit = await runCliInProcess(['check', '--manifest', DEMO, '--format', 'junit'], env())
    expect(junit.code).toBe(1)
    expect(await junitErrors(junit.stdout)).toEqual([])
    expect(junit.stdout).toMatch(
      /<testsuites name="vpce-proof demo\/vpc-endpoints.yml" tests="\d+" failures="2" errors="0"/
    )

    const md = await runCliInProcess(
      ['check', '--manifest', SUPPRESSED, '--format', 'markdown', '--today', '2027-01-01'],
      env()
    )
    expect(md.stdout).toContain('2 suppressed findings')
  })

  it('colour only on request when piped: FORCE_COLOR on, NO_COLOR off', async () => {
    const piped = await runCliInProcess(['check', '--manifest', DEMO], env())
    expect(piped.stdout).not.toContain('\u001b[')
    const forced = await runCliInProcess(['check', '--manifest', DEMO], env({ FORCE_COLOR: '1' }))
    expect(forced.stdout).toContain('\u001b[31mFAIL')
    const both = await runCliInProcess(
      ['check', '--manifest', DEMO],
      env({ FORCE_COLOR: '0', NO_COLOR: '1' })
    )
    expect(both.stdout).not.toContain('\u001b[')
  })

  it('an unwritable --report path: exit 2 with one line naming it, before any AWS call', async () => {
    const before = sim.callCount()
    for (const target of [dir, path.join(SUPPRESSED, 'report.json')]) {
      const run = await runCliInProcess(['check', '--manifest', DEMO, '--report', target], env())
      expect(run.code).toBe(2)
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      expect(run.stderr).toContain(`vpce-proof: --report ${target}: cannot write the report there`)
    }
    expect(sim.callCount()).toBe(before)
    const ok = path.join(dir, 'nested/report.json')
    expect((await runCliInProcess(['check', '--manifest', DEMO, '--report', ok], env())).code).toBe(1)
    expect(JSON.parse(await readFile(ok, 'utf8'))).toMatchObject({ schemaVersion: 1 })
  })

  it('--today must be a date', async () => {
    const run = await runCliInProcess(['check', '--manifest', DEMO, '--today', '2027-02-30'], env())
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--today: "2027-02-30" is not a date as YYYY-MM-DD')
  })
})
