import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/finding.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { monotonicityViolations, passesOverall } from './compare.js'
import { matrix, withFault } from './matrix.js'
import { configurationRun, useSimulator } from './run.js'
import { SCENARIOS } from './scenarios.js'

/**
 * Principle 2 of docs/rules.md, generated: every simulator scenario × every AWS operation of the
 * configuration run × {denied, throttled past retries, HTTP 500, connection reset, no answer at all, empty page, optional
 * fields missing}, through the real SDK, compared with the clean run of the same scenario.
 */
const CASES = matrix(SCENARIOS)

let sim: SimulatedAws
const clean = new Map<string, Finding[]>()

beforeAll(async () => {
  sim = await startSimulatedAws(SCENARIOS[0]!.scenario())
  useSimulator(sim.url)
  for (const s of SCENARIOS) {
    sim.scenario = s.scenario()
    clean.set(s.name, await configurationRun(s.manifest))
  }
})
afterAll(async () => sim?.close())

describe('the clean runs the faults are compared with', () => {
  it.each(SCENARIOS.map(s => s.name))('%s decides something', name => {
    const findings = clean.get(name)!
    expect(findings.some(f => f.verdict === 'pass' || f.verdict === 'fail')).toBe(true)
    expect(findings.filter(f => f.verdict === 'inconclusive')).toEqual([])
  })

  it('include scenarios that fail overall and one that passes', () => {
    expect(SCENARIOS.map(s => passesOverall(clean.get(s.name)!))).toEqual([true, false, false, false])
  })
})

const HANGS = CASES.filter(c => c.fault === 'hang')
const OTHERS = CASES.filter(c => c.fault !== 'hang')

describe(`monotonicity (${CASES.length} cases)`, () => {
  it.each(OTHERS.map(c => [c.scenario.name, c.operation, c.fault, c] as const))(
    '%s, %s %s',
    async (_name, operation, fault, c) => {
      sim.scenario = withFault(c.scenario.scenario(), operation, fault)
      const faulty = await configurationRun(c.scenario.manifest)
      expect(monotonicityViolations(clean.get(c.scenario.name)!, faulty)).toEqual([])
    }
  )

  // A server that never answers is waited out on real sockets: these cases run at once (vitest's
  // maxConcurrency at a time), each against a simulator of its own, so their waits overlap.
  it.concurrent.each(HANGS.map(c => [c.scenario.name, c.operation, c.fault, c] as const))(
    '%s, %s %s',
    async (_name, operation, fault, c) => {
      const own = await startSimulatedAws(withFault(c.scenario.scenario(), operation, fault))
      try {
        const faulty = await configurationRun(c.scenario.manifest, { hangs: true, endpoint: own.url })
        // The call really reached the silent operation and was ended by the client's own timeouts.
        expect(own.callCount(operation)).toBeGreaterThan(0)
        expect(monotonicityViolations(clean.get(c.scenario.name)!, faulty)).toEqual([])
      } finally {
        await own.close()
      }
    }
  )
})
