import { DescribeVpcsCommand } from '@aws-sdk/client-ec2'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCallBudget } from '../../src/aws/call-budget.js'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { healthyScenario } from '../../sim/scenarios/healthy.js'
import { startSilentServer, type HostileServer } from '../hostile/servers.js'

/**
 * A call's 45 s budget starts when the request leaves the EC2 token bucket: a run past ~900 EC2
 * requests in one account and region queues later requests for longer than 45 s, and those must wait
 * their turn, not time out into inconclusive reads. Time is a hand-stepped clock: nothing sleeps.
 */
function manualClock() {
  let t = 0
  let timers: { at: number; fire: () => void; kind: 'sleep' | 'timer' }[] = []
  const add = (fire: () => void, ms: number, kind: 'sleep' | 'timer') => {
    const entry = { at: t + ms, fire, kind }
    timers.push(entry)
    return { cancel: () => void (timers = timers.filter(x => x !== entry)) }
  }
  return {
    now: () => t,
    setTimer: (fire: () => void, ms: number) => add(fire, ms, 'timer'),
    sleep: (ms: number) => new Promise<void>(resolve => add(resolve, ms, 'sleep')),
    /** Steps time forward, firing what falls due on the way, in order. */
    advance(ms: number) {
      const until = t + ms
      for (;;) {
        const due = timers.filter(x => x.at <= until).sort((a, b) => a.at - b.at)[0]
        if (!due) break
        timers = timers.filter(x => x !== due)
        t = due.at
        due.fire()
      }
      t = until
    },
    sleeping: () => timers.filter(x => x.kind === 'sleep').length,
    budgets: () => timers.filter(x => x.kind === 'timer').length
  }
}

const tick = () => new Promise(resolve => setImmediate(resolve))
async function until(condition: () => boolean) {
  for (let i = 0; i < 5_000 && !condition(); i += 1) await tick()
  expect(condition()).toBe(true)
}

describe('call budget', () => {
  it('does not count a paused wait, and aborts after the budget of running time', async () => {
    const clock = manualClock()
    const budget = startCallBudget(45_000, clock)
    clock.advance(10_000)
    let release = (): void => undefined
    const waiting = budget.paused(new Promise<void>(resolve => (release = resolve)))
    clock.advance(300_000)
    expect(budget.signal.aborted).toBe(false)
    release()
    await waiting
    clock.advance(34_999)
    expect(budget.signal.aborted).toBe(false)
    clock.advance(1)
    expect(budget.signal.aborted).toBe(true)
  })
})

describe('EC2 calls queued in the token bucket (real EC2 client)', () => {
  const saved = { ...process.env }
  let sim: SimulatedAws | undefined
  let silent: HostileServer | undefined
  beforeEach(() => {
    process.env = { ...saved }
  })
  afterEach(async () => {
    await sim?.close()
    await silent?.close()
    sim = silent = undefined
    process.env = { ...saved }
  })
  const pointAt = (url: string) =>
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_EC2_METADATA_DISABLED: 'true'
    })
  // One token, then one per ~111 s (90% of 0.01/s): every request after the first queues past 45 s.
  const SLOW = { burst: 1, refillPerSecond: 0.01 }

  it('a request that waited 111 s for its token still gets its full 45 s and succeeds', async () => {
    sim = await startSimulatedAws(healthyScenario())
    pointAt(sim.url)
    const clock = manualClock()
    const aws = new AwsClientFactory({ ec2Limits: SLOW, clock })
    const ec2 = await aws.ec2For({ region: 'ap-northeast-1' })
    await ec2.send(new DescribeVpcsCommand({}))
    const second = ec2.send(new DescribeVpcsCommand({}))
    await until(() => clock.sleeping() === 1)
    // Queued: the bucket's wait is pending and no budget is running for the call.
    expect(clock.budgets()).toBe(0)
    clock.advance(120_000)
    const answer = await second
    expect(answer.Vpcs?.length).toBeGreaterThan(0)
    expect(clock.now()).toBeGreaterThan(45_000)
    expect(aws.attempts['ec2:DescribeVpcs']).toBe(2)
  })

  it('once out of the bucket, a request that gets no answer still ends at 45 s', async () => {
    silent = await startSilentServer()
    pointAt(silent.url)
    const clock = manualClock()
    const aws = new AwsClientFactory({ ec2Limits: SLOW, clock, retryMode: 'standard' })
    const ec2 = await aws.ec2For({ region: 'ap-northeast-1' })
    const call = ec2.send(new DescribeVpcsCommand({})).catch((e: unknown) => e)
    await until(() => silent!.connections() === 1)
    clock.advance(45_000)
    const error = (await call) as Error
    expect(error.name).toBe('TimeoutError')
    expect(error.message).toBe(`no answer from ${silent.url} within 45s`)
  })

  it("the run's deadline still ends a request waiting in the bucket", async () => {
    sim = await startSimulatedAws(healthyScenario())
    pointAt(sim.url)
    const clock = manualClock()
    const deadline = new AbortController()
    const aws = new AwsClientFactory({ ec2Limits: SLOW, clock, signal: deadline.signal })
    const ec2 = await aws.ec2For({ region: 'ap-northeast-1' })
    await ec2.send(new DescribeVpcsCommand({}))
    const queued = ec2.send(new DescribeVpcsCommand({})).catch((e: unknown) => e)
    await until(() => clock.sleeping() === 1)
    deadline.abort(new Error('ran out of time after 20m00s'))
    const error = (await queued) as Error
    expect(error.name).toBe('DeadlineExceeded')
    expect(error.message).toBe(`ran out of time after 20m00s, waiting for ${sim.url}`)
    expect(aws.attempts['ec2:DescribeVpcs']).toBe(1)
  })
})
