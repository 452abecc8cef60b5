import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startDnsServer } from '../../sim/dns/server.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { skippingClock } from '../clock/skipping-clock.js'
import { evidenceScenario, KMS_ENI_IP } from './evidence-scenario.js'
import { runAction, runActionInProcess, type ActionRun } from './run-action.js'

/**
 * The e2e files that run many scenarios run them through the Action's entry function in the test process
 * (runActionInProcess), evidence runs on simulated time. This file shows that dist/index.js, spawned the
 * runner's way on real time, gives the same step.
 */
let sim: SimulatedAws | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

/**
 * The AWS SDK's notice about its future Node floor: Node prints it once per process, so a step in a test
 * process that printed it before shows none. It is the SDK's, not the step's.
 */
const SDK_NODE_NOTICE =
  /\(node:\d+\) Warning: NodeVersionSupportWarning:[\s\S]*?\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)\n/

/** A step's result with what differs by nature between two runs (its temporary directory, the SDK's notice) blanked. */
function comparable(run: ActionRun) {
  const blank = (s: string) => s.split(run.dir).join('<dir>')
  return {
    exitCode: run.exitCode,
    stdout: blank(run.stdout),
    stderr: blank(run.stderr).replace(SDK_NODE_NOTICE, ''),
    outputs: JSON.parse(blank(JSON.stringify(run.outputs))) as Record<string, string>,
    summary: blank(run.summary)
  }
}

/** Equal field by field; a difference names its field and the lines only one side has. */
function expectSameStep(entry: ActionRun, bundled: ActionRun): void {
  const [a, b] = [comparable(entry), comparable(bundled)]
  for (const key of Object.keys(b) as (keyof typeof b)[]) {
    const [left, right] = [JSON.stringify(a[key], null, 1), JSON.stringify(b[key], null, 1)]
    const only = (x: string, y: string) => x.split('\n').filter(l => !y.split('\n').includes(l))
    const detail = `${key}: only in-process ${JSON.stringify(only(left, right))}, only bundled ${JSON.stringify(only(right, left))}`
    expect(left, detail).toBe(right)
  }
}

describe('the bundled action and its entry function give the same step', () => {
  it('on a manifest with problems at their lines', async () => {
    const inputs = { manifest: 'test/e2e/fixtures/malformed/22-service-typo.yml', mode: 'config' }
    const [bundled, entry] = [await runAction(inputs), await runActionInProcess(inputs)]
    expect(bundled.exitCode).toBe(1)
    expectSameStep(entry, bundled)
  })

  it('on the demo account, config mode, with its failing checks', async () => {
    sim = await startSimulatedAws(structuredClone(demoScenario))
    const inputs = { manifest: 'demo/vpc-endpoints.yml', mode: 'config', comment: 'false' }
    const env = { AWS_ENDPOINT_URL: sim.url }
    const [bundled, entry] = [await runAction(inputs, env), await runActionInProcess(inputs, env)]
    expect(bundled.exitCode).toBe(1)
    expectSameStep(entry, bundled)
  })

  it('on an evidence run (probes, CloudTrail on real time, DNS): the same verdicts, counts and exit code', async () => {
    const dns = await startDnsServer({
      records: [
        { host: 'sns.ap-northeast-1.amazonaws.com', ipv4: ['10.0.1.77', '10.0.2.77'] },
        { host: 'kms.ap-northeast-1.amazonaws.com', ipv4: [KMS_ENI_IP] }
      ]
    })
    // kms goes around its endpoint: a failing verdict next to passing ones.
    const scenario = () =>
      evidenceScenario({ cloudTrailDelayMs: 500, traffic: { kms: { via: 'nat', sourceIp: '203.0.113.10' } } })
    const inputs = {
      manifest: 'test/e2e/fixtures/evidence-manifest.yml',
      comment: 'false',
      'evidence-timeout': '8s',
      'dns-servers': dns.server
    }
    try {
      sim = await startSimulatedAws(scenario())
      const bundled = await runAction(inputs, { AWS_ENDPOINT_URL: sim.url })
      await sim.close()
      const clock = skippingClock()
      sim = await startSimulatedAws(scenario(), { now: clock.now })
      const entry = await runActionInProcess(inputs, { AWS_ENDPOINT_URL: sim.url }, { clock })

      expect(bundled.exitCode).toBe(1)
      expect(bundled.stdout).toMatch(/CloudTrail: 3\/3 probes found/)
      // Request ids, event ids and times differ by nature between two runs: the verdicts may not.
      const verdicts = async (run: ActionRun) =>
        (
          JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as {
            findings: { ruleId: string; verdict: string; service?: string; vpcId?: string }[]
          }
        ).findings.map(f => [f.ruleId, f.service, f.vpcId, f.verdict].join(' '))
      const bundledVerdicts = await verdicts(bundled)
      expect(bundledVerdicts).toContain('traffic-via-endpoint kms vpc-0123456789abcdef0 fail')
      expect(bundledVerdicts).toContain('traffic-via-endpoint sns vpc-0123456789abcdef0 pass')
      expect(await verdicts(entry)).toEqual(bundledVerdicts)
      expect(comparable(entry).exitCode).toBe(comparable(bundled).exitCode)
      expect(comparable(entry).outputs).toEqual(comparable(bundled).outputs)
    } finally {
      await dns.stop()
    }
  })
})
