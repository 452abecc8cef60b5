import { afterEach, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { runAction, runActionInProcess, type ActionRun } from './run-action.js'

/**
 * The e2e files that run many scenarios run them through the Action's entry function in the test process
 * (runActionInProcess). This file shows that dist/index.js, spawned the runner's way, gives the same step.
 */
let sim: SimulatedAws | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

/** A step's result with what differs by nature between two runs (temporary directory, pid) blanked. */
function comparable(run: ActionRun) {
  const blank = (s: string) =>
    s
      .split(run.dir)
      .join('<dir>')
      .replace(/\(node:\d+\)/g, '(node:<pid>)')
  return {
    exitCode: run.exitCode,
    stdout: blank(run.stdout),
    stderr: blank(run.stderr),
    outputs: JSON.parse(blank(JSON.stringify(run.outputs))) as Record<string, string>,
    summary: blank(run.summary)
  }
}

describe('the bundled action and its entry function give the same step', () => {
  it('on a manifest with problems at their lines', async () => {
    const inputs = { manifest: 'test/e2e/fixtures/malformed/22-service-typo.yml', mode: 'config' }
    const [bundled, entry] = [await runAction(inputs), await runActionInProcess(inputs)]
    expect(bundled.exitCode).toBe(1)
    expect(comparable(entry)).toEqual(comparable(bundled))
  })

  it('on the demo account, config mode, with its failing checks', async () => {
    sim = await startSimulatedAws(structuredClone(demoScenario))
    const inputs = { manifest: 'demo/vpc-endpoints.yml', mode: 'config', comment: 'false' }
    const env = { AWS_ENDPOINT_URL: sim.url }
    const [bundled, entry] = [await runAction(inputs, env), await runActionInProcess(inputs, env)]
    expect(bundled.exitCode).toBe(1)
    expect(comparable(entry)).toEqual(comparable(bundled))
  })
})
