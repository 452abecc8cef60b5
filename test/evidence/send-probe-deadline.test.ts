import { afterEach, describe, expect, it } from 'vitest'
import type { DnsAnswers } from '../../src/evidence/dns.js'
import { serviceProbes } from '../../src/evidence/probe-table.js'
import { sendProbe } from '../../src/evidence/send-probe.js'
import { startSilentServer, startTricklingServer, type HostileServer } from '../hostile/servers.js'
import { link } from './fixtures.js'

/** A probe's timeout is a total budget, and the run's deadline ends a probe in flight. */
const credentials = { accessKeyId: 'ASIAEXAMPLEPROBE0001', secretAccessKey: 'secret' }
const resolve = async (host: string): Promise<DnsAnswers> => ({
  host,
  servers: [],
  ipv4: ['10.0.1.5'],
  ipv6: []
})
const sts = serviceProbes('sts')!.probes[0]!

let server: HostileServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('probes against endpoints that never finish', () => {
  it('a body trickling a byte every 50 ms cannot outlast the 300 ms probe timeout', async () => {
    server = await startTricklingServer(50)
    const record = await sendProbe({
      probe: sts,
      link: link({ service: 'sts' }),
      credentials,
      env: { AWS_ENDPOINT_URL: server.url },
      resolve,
      timeoutMs: 300
    })
    expect(record.networkError?.code).toBe('TIMEOUT')
    expect(record.httpStatus).toBeUndefined()
  })

  it("the run's deadline ends a probe in flight and says so", async () => {
    server = await startSilentServer()
    const controller = new AbortController()
    const pending = sendProbe({
      probe: sts,
      link: link({ service: 'sts' }),
      credentials,
      env: { AWS_ENDPOINT_URL: server.url },
      resolve,
      signal: controller.signal
    })
    while (server.connections() === 0) await new Promise(r => setImmediate(r))
    controller.abort(new Error('ran out of time after 20m00s (timeout 20m00s)'))
    const record = await pending
    expect(record.networkError).toEqual({
      code: 'DEADLINE',
      message: 'ran out of time after 20m00s (timeout 20m00s)'
    })
  })
})
