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
})
