import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/finding.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { monotonicityViolations, passesOverall } from './compare.js'
import { matrix, withFault, type Case } from './matrix.js'
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

/** One never-answering case's run, against a simulator of its own; never rejects (its test reports it). */
interface HangRun {
  faulty?: Finding[]
  /** Requests the silent operation received. */
  reached?: number
  error?: unknown
}

async function hangRun(c: Case): Promise<HangRun> {
  // On a busy machine the short timeouts can end the calls before the silent one, so the run never
  // reaches it (and says nothing about this case): then the case runs again with timeouts four times
  // as long. Only a run that reached the silent call is judged.
  let run: HangRun = {}
  for (const hangScale of [1, 4, 16]) {
    const own = await startSimulatedAws(withFault(c.scenario.scenario(), c.operation, c.fault))
    try {
      const faulty = await configurationRun(c.scenario.manifest, {
        hangs: true,
        endpoint: own.url,
        hangScale
      })
      run = { faulty, reached: own.callCount(c.operation) }
    } catch (error) {
      return { error }
    } finally {
      await own.close()
    }
    if (run.reached) return run
  }
  return run
}

/**
 * A server that never answers is waited out on real sockets (0.6 s a case). The hang cases' runs start
 * once the clean runs are known, a few at a time, and go on while the other cases run, so their waits
 * overlap that work; each case's test then judges its own run. A few at a time, not all: a busy event
 * loop would time out the calls before the silent one (the `reached` check below would say so).
 */
const HANG_RUNS_AT_ONCE = 5
const hangRuns = new Map<Case, Promise<HangRun>>()
beforeAll(() => {
  let running = 0
  const waiting: Array<() => void> = []
  const inTurn = async (c: Case): Promise<HangRun> => {
    if (running >= HANG_RUNS_AT_ONCE) await new Promise<void>(resolve => waiting.push(resolve))
    running += 1
    try {
      return await hangRun(c)
    } finally {
      running -= 1
      waiting.shift()?.()
    }
  }
  for (const c of HANGS) hangRuns.set(c, inTurn(c))
})

describe(`monotonicity (${CASES.length} cases)`, () => {
  it.each(OTHERS.map(c => [c.scenario.name, c.operation, c.fault, c] as const))(
    '%s, %s %s',
    async (_name, operation, fault, c) => {
      sim.scenario = withFault(c.scenario.scenario(), operation, fault)
      const faulty = await configurationRun(c.scenario.manifest)
      expect(monotonicityViolations(clean.get(c.scenario.name)!, faulty)).toEqual([])
    }
  )

  it.each(HANGS.map(c => [c.scenario.name, c.operation, c.fault, c] as const))(
    '%s, %s %s',
    async (_name, _operation, _fault, c) => {
      const run = await hangRuns.get(c)!
      if (run.error !== undefined) throw run.error
      // The call really reached the silent operation and was ended by the client's own timeouts.
      expect(run.reached).toBeGreaterThan(0)
      expect(monotonicityViolations(clean.get(c.scenario.name)!, run.faulty!)).toEqual([])
    }
  )
})
