import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { collectInventory } from '../../src/aws/inventory.js'
import { startDeadline } from '../../src/core/deadline.js'
import { parseManifest } from '../../src/manifest/load.js'
import {
  refusedUrl,
  startSilentServer,
  startTricklingServer,
  type HostileServer
} from '../hostile/servers.js'

/**
 * The real EC2 SDK client, through the factory, against endpoints that never answer: every read ends
 * (as a failed fact naming the endpoint and the limit), none hangs.
 */
const saved = { ...process.env }
let server: HostileServer | undefined

function pointAt(url: string) {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true'
  })
}

// Set once for the file, not per test: tests that run at once must not reset each other's environment.
beforeAll(() => pointAt('http://127.0.0.1:9'))
afterAll(() => {
  process.env = { ...saved }
})
afterEach(async () => {
  await server?.close()
  server = undefined
})

const manifest = () =>
  parseManifest(
    'version: 1\nregion: ap-northeast-1\nvpcs:\n  - id: vpc-0a1b2c3d4e5f60718\n    endpoints:\n      - service: sns\n',
    'm.yml'
  )

/**
 * Short limits, so the test ends in under a second; the defaults are the same mechanism with longer numbers:
 * against a silent server the attempts end on their own timeout (the SDK retries them) until the call budget
 * ends the call, and a trickled body (never idle) is ended by the budget alone.
 */
const SHORT = { connectMs: 1_000, attemptMs: 250, idleMs: 1_000, callMs: 600 }

describe('AWS calls that get no answer', () => {
  // These two wait on real sockets, so they run at once, each with its own server that its factory is
  // pointed at (AWS_ENDPOINT_URL is one per process); the credentials come from the environment as usual.
  it.concurrent(
    'a server that accepts and never answers: each read fails naming the endpoint and the budget',
    async () => {
      const silent = await startSilentServer()
      try {
        const aws = new AwsClientFactory({ timeouts: SHORT, endpoint: silent.url })
        const vpc = (await collectInventory(manifest(), aws)).vpcs[0]!
        expect(vpc.vpc.ok).toBe(false)
        if (vpc.vpc.ok) return
        expect(vpc.vpc.problem).toMatchObject({ action: 'ec2:DescribeVpcs', code: 'TimeoutError' })
        expect(vpc.vpc.problem.message).toContain(`no answer from ${silent.url}`)
        expect(vpc.routeTables.ok).toBe(false)
      } finally {
        await silent.close()
      }
    }
  )

  it.concurrent(
    'a server that trickles a byte every 100 ms (never idle) is cut off by the per-call budget',
    async () => {
      const trickling = await startTricklingServer(100)
      try {
        const aws = new AwsClientFactory({ timeouts: SHORT, endpoint: trickling.url })
        const subnets = (await collectInventory(manifest(), aws)).vpcs[0]!.subnets
        expect(subnets.ok).toBe(false)
        if (subnets.ok) return
        expect(subnets.problem.code).toBe('TimeoutError')
        expect(subnets.problem.message).toBe(`no answer from ${trickling.url} within 600ms`)
      } finally {
        await trickling.close()
      }
    }
  )

  it('the run deadline ends reads in flight, saying it ran out of time and where it was waiting', async () => {
    server = await startSilentServer()
    pointAt(server.url)
    let fire = (): void => undefined
    const deadline = startDeadline(60_000, { setTimer: f => ((fire = f), { cancel: () => undefined }) })
    const aws = new AwsClientFactory({ signal: deadline.signal })
    const pending = collectInventory(manifest(), aws)
    // Fired by hand once the calls are out: no sleeping in the test.
    while (server.connections() === 0) await new Promise(r => setImmediate(r))
    fire()
    const vpc = (await pending).vpcs[0]!
    expect(vpc.endpoints.ok).toBe(false)
    if (vpc.endpoints.ok) return
    expect(vpc.endpoints.problem.code).toBe('DeadlineExceeded')
    expect(vpc.endpoints.problem.message).toMatch(/^ran out of time after .* \(timeout 1m00s\), waiting for /)
    expect(vpc.endpoints.problem.message).toContain(server.url)
  })

  it('connection refused is a failed read naming the address, not a hang', async () => {
    pointAt(await refusedUrl())
    // Every attempt is refused at once: the SDK's six attempts, without their backoff, end the call
    // well inside its budget (the refusal, not the budget, is what this read reports).
    const aws = new AwsClientFactory({
      timeouts: { ...SHORT, callMs: 5_000 },
      retryStrategy: new ConfiguredRetryStrategy(6, 0)
    })
    const inventory = await collectInventory(manifest(), aws)
    const vpc = inventory.vpcs[0]!.vpc
    expect(vpc.ok).toBe(false)
    if (vpc.ok) return
    expect(vpc.problem.message).toMatch(/ECONNREFUSED 127\.0\.0\.1:\d+/)
  })
})
