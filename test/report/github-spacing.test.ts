import { afterEach, describe, expect, it } from 'vitest'
import { createGitHubClient, GITHUB_SECOND_MS } from '../../src/report/github/client.js'
import { startFakeGitHub, type FakeGitHub } from '../fake-github/server.js'
import { collectingLog } from './collecting-log.js'

/**
 * The waits the other GitHub tests shrink (`secondMs`), measured at the fake's side: the real second in a
 * real run, and the same spacing and backoff on a scaled second.
 */
const TOKEN = 'ghs_spacingTestToken'
const OWNER = 'Codertocat'
const REPO = 'Hello-World'
/** A scaled second long enough that latency on a loaded machine stays small beside it. */
const SCALED = 200
let fake: FakeGitHub | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!)
}

/** Two writes (create, then update a check run): `secondMs` apart at least, `undefined`: the real second. */
async function twoWrites(secondMs?: number): Promise<number> {
  fake = await startFakeGitHub({ token: TOKEN })
  const octokit = createGitHubClient({
    token: TOKEN,
    apiUrl: fake.apiUrl,
    log: collectingLog(),
    ...(secondMs ? { secondMs } : {})
  })
  const { data } = await octokit.rest.checks.create({
    owner: OWNER,
    repo: REPO,
    name: 'x',
    head_sha: 'f'.repeat(40)
  })
  await octokit.rest.checks.update({
    owner: OWNER,
    repo: REPO,
    check_run_id: data.id,
    status: 'completed',
    conclusion: 'success'
  })
  const [created, updated] = [fake.requestsFor('checks/create')[0]!, fake.requestsFor('checks/update')[0]!]
  return updated.at - created.at
}

describe('the GitHub client spaces its writes and backs off on the second it is given', () => {
  it('a real run keeps writes one real second apart (GitHub asks for that spacing)', async () => {
    expect(GITHUB_SECOND_MS).toBe(1000)
    // The spacing is between the plugin's slots; the first request's own latency (a fresh connection, a
    // loaded machine) comes off the gap the fake sees, so the bound has room. A 1 ms second would give ~1, a 200 ms one ~200.
    expect(await twoWrites()).toBeGreaterThanOrEqual(600)
  })

  it('a scaled second scales the spacing', async () => {
    const gap = await twoWrites(SCALED)
    expect(gap).toBeGreaterThanOrEqual(0.5 * SCALED)
    expect(gap).toBeLessThan(1000)
  })

  it('retries a 500 three times, waiting 1, 4 and 9 of its seconds', async () => {
    fake = await startFakeGitHub({ token: TOKEN, failOperations: { 'checks/create': 500 } })
    const octokit = createGitHubClient({
      token: TOKEN,
      apiUrl: fake.apiUrl,
      log: collectingLog(),
      secondMs: 30
    })
    await expect(
      octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: 'x', head_sha: 'f'.repeat(40) })
    ).rejects.toMatchObject({ status: 500 })
    const attempts = fake.requestsFor('checks/create').map(r => r.at)
    expect(attempts).toHaveLength(4)
    const [a, b, c] = gaps(attempts) as [number, number, number]
    expect(a).toBeGreaterThanOrEqual(30 - 10)
    expect(b).toBeGreaterThanOrEqual(4 * 30 - 10)
    expect(c).toBeGreaterThanOrEqual(9 * 30 - 10)
    // A retry leaves after the failed answer came back, so these gaps are never short of the wait.
    // And no more than a scaled wait: the real second would have taken 14 s.
    expect(attempts[3]! - attempts[0]!).toBeLessThan(5_000)
  })
})
