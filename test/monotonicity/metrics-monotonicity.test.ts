import { describe, expect, it } from 'vitest'
import { FAULTS, withFault } from './matrix.js'
import { monotonicityViolations } from './compare.js'
import { harness, metricsScenario, type Harness } from '../metrics/fixture.js'

/**
 * The evidence side's new operation in the same matrix: cloudwatch:GetMetricData × every fault the simulator
 * can put on a JSON operation (paging and optional XML elements do not apply), through the real CloudWatch
 * client, compared with the clean run. A fault may only turn a finding into less (inconclusive), never a pass.
 */
const OPERATION = 'cloudwatch:GetMetricData'
const JSON_FAULTS = FAULTS.filter(f => f !== 'empty' && f !== 'drop-optional')

describe(`monotonicity of ${OPERATION} (${JSON_FAULTS.length} faults)`, () => {
  // Each fault against a simulator of its own, at once: the never-answering one waits on real sockets.
  it.concurrent.each(JSON_FAULTS)('%s', async fault => {
    // Short limits only where a server never answers (same path as the defaults); every other fault keeps
    // the defaults, so a busy machine cannot time out the clean run's calls.
    const short = { connectMs: 500, attemptMs: 400, idleMs: 400, callMs: 900 }
    const h: Harness = await harness(metricsScenario(), fault === 'hang' ? { timeouts: short } : {})
    try {
      const clean = (await h.run({ timeoutMs: 1_000 })).findings
      expect(clean.some(f => f.verdict === 'pass')).toBe(true)
      h.sim.scenario = withFault(h.sim.scenario, OPERATION, fault)
      const faulty = (await h.run({ timeoutMs: 1_000 })).findings
      expect(monotonicityViolations(clean, faulty)).toEqual([])
      expect(faulty.filter(f => f.verdict === 'pass')).toEqual([])
      // The faulted operation was asked (the fault, not something before it, decided the run).
      expect(h.sim.callCount('GetMetricData')).toBeGreaterThan(1)
    } finally {
      await h.close()
    }
  })
})
