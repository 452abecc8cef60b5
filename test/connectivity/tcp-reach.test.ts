import { createServer, type Server } from 'node:net'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { parseEgressTarget } from '../../src/connectivity/egress-target.js'
import { tryConnect } from '../../src/connectivity/tcp-reach.js'
import { refusedUrl } from '../hostile/servers.js'
import { startBlackhole, type Blackhole } from '../hostile/blackhole.js'

let server: Server | undefined
let hole: Blackhole | undefined
afterEach(async () => {
  await new Promise<void>(resolve => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})
afterAll(async () => hole?.close())
/** One black hole for the file: it keeps no state between attempts (every SYN is dropped). */
const blackhole = async () => (hole ??= await startBlackhole())

const target = (port: number) => parseEgressTarget(`127.0.0.1:${port}`, 'egress-target')

describe('the internet test (loopback targets only)', () => {
  it('reports a connection that opens', async () => {
    server = createServer(s => s.destroy())
    await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    const a = await tryConnect(target(port), { timeoutMs: 2_000 })
    expect(a).toMatchObject({ outcome: 'connected', address: '127.0.0.1' })
  })

  it('calls an unanswered SYN blocked, after the timeout and no longer', async () => {
    const hole = await blackhole()
    const started = Date.now()
    const a = await tryConnect(target(hole.port), { timeoutMs: 400 })
    expect(a).toMatchObject({ outcome: 'blocked', code: 'timeout' })
    expect(Date.now() - started).toBeLessThan(1_500)
  })

  it('cannot decide on a refusal: the target itself may have answered', async () => {
    const port = Number(new URL(await refusedUrl()).port)
    const a = await tryConnect(target(port), { timeoutMs: 2_000 })
    expect(a).toMatchObject({ outcome: 'undecided', code: 'ECONNREFUSED' })
  })

  it('stops at the run deadline', async () => {
    const hole = await blackhole()
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const a = await tryConnect(target(hole.port), { timeoutMs: 10_000, signal: controller.signal })
    expect(a).toMatchObject({ outcome: 'undecided', code: 'deadline' })
  })

  it('is undecided, not "no internet", when the name does not resolve within the timeout', async () => {
    const named = parseEgressTarget('www.example.invalid:443', 'egress-target')
    // A resolver that never answers: the timeout says nothing about routes.
    const a = await tryConnect(named, { timeoutMs: 100, lookup: () => undefined })
    expect(a).toMatchObject({ outcome: 'undecided' })
    expect(a.outcome).not.toBe('blocked')
  })

  it('parses targets and refuses junk with the input named', () => {
    expect(parseEgressTarget('', 'egress-target')).toMatchObject({ host: 'www.amazon.com', port: 443 })
    expect(parseEgressTarget('[::1]:8443', 'x')).toMatchObject({ host: '::1', port: 8443 })
    expect(() => parseEgressTarget('example.com', 'Input egress-target')).toThrow(
      /Input egress-target: .* host:port/
    )
    expect(() => parseEgressTarget('a:99999', 'x')).toThrow(/host:port/)
  })
})
