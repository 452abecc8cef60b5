import { afterEach, describe, expect, it } from 'vitest'
import { createGitHubClient } from '../../src/report/github/client.js'
import { startSilentServer, startTricklingServer, type HostileServer } from '../hostile/servers.js'
import { collectingLog } from './collecting-log.js'

/** A GitHub API that never answers costs a report, never the job: every request has a time budget. */
let server: HostileServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const create = (apiUrl: string, options: { signal?: AbortSignal } = {}) =>
  createGitHubClient({
    token: 'ghs_x',
    apiUrl,
    log: collectingLog(),
    requestTimeoutMs: 300,
    ...options
  }).rest.checks.create({
    owner: 'o',
    repo: 'r',
    name: 'vpce-proof',
    head_sha: 'a'.repeat(40),
    // One attempt, so the test sees the timeout itself rather than the retry plugin's waits.
    request: { retries: 0 }
  })

describe('GitHub API requests', () => {
  it('a server that accepts and never answers: the request fails after the request timeout', async () => {
    server = await startSilentServer()
    await expect(create(server.url)).rejects.toThrow()
    expect(server.connections()).toBeGreaterThan(0)
  })

  it('a body trickling forever is cut off too', async () => {
    server = await startTricklingServer(50)
    await expect(create(server.url)).rejects.toThrow()
  })
})
