import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it, type TestContext } from 'vitest'
import { pullRequestOpened } from '../fake-github/payloads.js'
import { startFakeGitHub, type FakeGitHub } from '../fake-github/server.js'
import {
  refusedUrl,
  startSilentServer,
  startTricklingServer,
  type HostileServer
} from '../hostile/servers.js'
import { runAction } from './run-action.js'
import { runCli, type ProcessRun } from './run-cli.js'

/**
 * Issue 7's "every run ends before its deadline, and undecided is red", through dist/: the packaged CLI
 * and the bundled Action against AWS endpoints that never answer, trickle, or refuse the connection.
 * The runs are processes waiting on real time (their deadline), each against its own servers: the tests
 * run concurrently, so their waits overlap.
 */
const TOKEN = 'ghs_e2eFakeInstallationToken0123456789ABCD'
const MANIFEST = 'demo/vpc-endpoints.yml'
const COULD_NOT_CHECK = /^vpce-proof: could not check: ec2:\w+: /m

/** A server of this test alone, closed when the test ends. */
async function own<T extends HostileServer | FakeGitHub>(ctx: TestContext, started: Promise<T>): Promise<T> {
  const server = await started
  ctx.onTestFinished(() => server.close())
  return server
}

function cli(args: string[], endpoint: string): Promise<ProcessRun> {
  return runCli(args, {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'ap-northeast-1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
  })
}

function expectCouldNotCheck(run: { code: number; stdout: string; stderr: string }) {
  expect(run.code, run.stderr).toBe(2)
  const lines = run.stderr.split('\n').filter(l => l.includes('could not check'))
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(COULD_NOT_CHECK)
  expect(run.stdout + run.stderr).not.toContain('PASSED')
  expect(run.stdout).toMatch(/^COULD NOT CHECK: 0 passed, 0 failed, 0 warnings, \d+ inconclusive/m)
  return lines[0]!
}

describe.concurrent('the CLI against AWS that does not answer', () => {
  it('a server that accepts and never answers: ends at --timeout, exit 2, one line naming endpoint and timeout', async ctx => {
    const server = await own(ctx, startSilentServer())
    const run = await cli(['check', '--manifest', MANIFEST, '--timeout', '3s'], server.url)
    const line = expectCouldNotCheck(run)
    expect(line).toContain(`ran out of time after 3s (timeout 3s), waiting for ${server.url}`)
  }, 30_000)

  it('a server that trickles a byte every 500 ms: same, the trickle cannot keep the call alive', async ctx => {
    const server = await own(ctx, startTricklingServer(500))
    const run = await cli(['check', '--manifest', MANIFEST, '--timeout', '3s'], server.url)
    const line = expectCouldNotCheck(run)
    expect(line).toContain(`(timeout 3s), waiting for ${server.url}`)
  }, 30_000)

  it('connection refused: exit 2, the refused address named, never PASSED', async () => {
    const url = await refusedUrl()
    const run = await cli(['check', '--manifest', MANIFEST, '--fail-on', 'fail'], url)
    const line = expectCouldNotCheck(run)
    expect(line).toContain(`ECONNREFUSED ${url.replace('http://', '')}`)
  }, 60_000)
})

describe.concurrent('the Action against AWS that does not answer', () => {
  async function runOnPullRequest(ctx: TestContext, endpoint: string, inputs: Record<string, string>) {
    const fake = await own(ctx, startFakeGitHub({ token: TOKEN }))
    const payload = pullRequestOpened()
    const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-deadline-'))
    const eventPath = path.join(dir, 'event.json')
    await writeFile(eventPath, JSON.stringify(payload))
    const run = await runAction(
      { manifest: MANIFEST, mode: 'config', 'github-token': TOKEN, 'check-run': 'true', ...inputs },
      {
        AWS_ENDPOINT_URL: endpoint,
        GITHUB_API_URL: fake.apiUrl,
        GITHUB_REPOSITORY: payload.repository.full_name,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_SHA: 'a'.repeat(40)
      }
    )
    const checkRuns = [...fake.checkRuns.values()]
    expect(checkRuns).toHaveLength(1)
    return { run, checkRun: checkRuns[0]! }
  }

  it('a hanging endpoint: the step fails at the deadline and the check run is completed as failure', async ctx => {
    const server = await own(ctx, startSilentServer())
    const { run, checkRun } = await runOnPullRequest(ctx, server.url, { timeout: '3s' })
    expect(run.exitCode).toBe(1)
    expect(checkRun.data).toMatchObject({ status: 'completed', conclusion: 'failure' })
    const error = run.commands.find(c => c.command === 'error' && c.message.includes('could not check'))
    expect(error?.message).toContain(`(timeout 3s), waiting for ${server.url}`)
    expect(run.outputs.result).toBe('fail')
    expect(run.summary).not.toBe('')
    expect(run.stdout + run.summary).not.toContain('PASSED')
  }, 60_000)

  it('unreachable AWS with fail-on: fail: still a failed step, result fail, check run failure', async ctx => {
    const { run, checkRun } = await runOnPullRequest(ctx, await refusedUrl(), { 'fail-on': 'fail' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).not.toBe('pass')
    expect(checkRun.data).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(run.stdout + run.summary).not.toContain('PASSED')
  }, 60_000)
})
