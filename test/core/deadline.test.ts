import { describe, expect, it } from 'vitest'
import { clampEvidenceTimeout, startDeadline } from '../../src/core/deadline.js'
import { startHeartbeat } from '../../src/core/heartbeat.js'
import type { Log } from '../../src/core/log.js'
import { undecidedCause } from '../../src/core/undecided.js'
import type { InventorySnapshot } from '../../src/aws/snapshot.js'
import type { Finding, Verdict } from '../../src/model/finding.js'

/** A clock and timers the test moves by hand. */
function manualTime() {
  let t = 0
  const timers: Array<{ at: number; every?: number; fire: () => void; live: boolean }> = []
  const add = (fire: () => void, ms: number, every?: number) => {
    const timer = { at: t + ms, fire, live: true, ...(every ? { every } : {}) }
    timers.push(timer)
    return { cancel: () => void (timer.live = false) }
  }
  return {
    now: () => t,
    setTimer: (fire: () => void, ms: number) => add(fire, ms),
    setTicker: (fire: () => void, ms: number) => add(fire, ms, ms),
    advance(ms: number) {
      const end = t + ms
      for (;;) {
        const next = timers.filter(x => x.live && x.at <= end).sort((a, b) => a.at - b.at)[0]
        if (!next) break
        t = next.at
        if (next.every) next.at += next.every
        else next.live = false
        next.fire()
      }
      t = end
    }
  }
}

function recordingLog() {
  const lines: Array<{ at: number; line: string }> = []
  return {
    lines,
    make: (now: () => number): Log => ({
      info: m => lines.push({ at: now(), line: m }),
      notice: m => lines.push({ at: now(), line: m }),
      warning: m => lines.push({ at: now(), line: m })
    })
  }
}

describe('the run deadline', () => {
  it('aborts its signal at the timeout with "ran out of time after …"', () => {
    const time = manualTime()
    const deadline = startDeadline(90_000, time)
    time.advance(89_999)
    expect(deadline.signal.aborted).toBe(false)
    time.advance(1)
    expect(deadline.signal.aborted).toBe(true)
    expect((deadline.signal.reason as Error).message).toBe('ran out of time after 1m30s (timeout 1m30s)')
    expect(deadline.remainingMs()).toBe(0)
  })

  it('shortens evidence-timeout to leave time to report', () => {
    expect(clampEvidenceTimeout(600_000, 20 * 60_000)).toBe(600_000)
    expect(clampEvidenceTimeout(600_000, 5 * 60_000)).toBe(4 * 60_000)
    expect(clampEvidenceTimeout(600_000, 4_000)).toBe(3_000)
  })
})

describe('the heartbeat', () => {
  it('never leaves the log silent for 30 s while the run waits', () => {
    const time = manualTime()
    const deadline = startDeadline(20 * 60_000, time)
    const log = recordingLog()
    const heartbeat = startHeartbeat(log.make(time.now), deadline, time)
    heartbeat.phase('waiting for CloudTrail')
    heartbeat.log.info('CloudTrail: 0/3 probes found after 0s')
    time.advance(5 * 60_000)
    heartbeat.stop()
    const times = [0, ...log.lines.map(l => l.at)]
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(Math.max(...gaps)).toBeLessThan(30_000)
    expect(log.lines.at(-1)!.line).toMatch(
      /^Still waiting: waiting for CloudTrail \(\d+m\d\ds of 20m00s\)\.$/
    )
  })

  it('stays quiet while other lines keep coming', () => {
    const time = manualTime()
    const log = recordingLog()
    const heartbeat = startHeartbeat(log.make(time.now), startDeadline(60_000, time), time)
    for (let i = 0; i < 10; i++) {
      time.advance(10_000)
      heartbeat.log.info('progress')
    }
    heartbeat.stop()
    expect(log.lines.every(l => l.line === 'progress')).toBe(true)
  })
})

const finding = (verdict: Verdict, message = 'm'): Finding =>
  ({
    verdict,
    ruleId: 'vpc-exists',
    vpcId: 'vpc-1',
    region: 'r',
    message,
    evidence: {}
  }) as unknown as Finding

describe('undecided runs', () => {
  it('a run with a decided finding is decided', () => {
    expect(undecidedCause([finding('inconclusive'), finding('warn')])).toBeUndefined()
  })

  it('every finding inconclusive or skipped: the first cause is named', () => {
    expect(undecidedCause([finding('skipped'), finding('inconclusive', 'Could not check')])).toBe(
      'vpc-exists: Could not check'
    )
    expect(undecidedCause([finding('skipped')])).toBe('every check was skipped')
    expect(undecidedCause([])).toBe('no checks ran')
  })

  it('no AWS read succeeded: undecided even if a finding claims a verdict, naming the first failed read', () => {
    const problem = {
      kind: 'error' as const,
      action: 'ec2:DescribeVpcs',
      code: 'TimeoutError',
      message: 'no answer from http://x within 45s'
    }
    const bad = { ok: false as const, problem }
    const inventory = {
      vpcs: [
        {
          vpcId: 'vpc-1',
          region: 'r',
          vpc: bad,
          enableDnsSupport: bad,
          enableDnsHostnames: bad,
          endpoints: bad,
          routeTables: bad,
          subnets: bad,
          networkInterfaces: bad,
          prefixLists: bad
        }
      ],
      apiCalls: {}
    } as InventorySnapshot
    expect(undecidedCause([finding('pass')], inventory)).toBe(
      'ec2:DescribeVpcs: no answer from http://x within 45s'
    )
  })
})
