import { afterEach, describe, expect, it } from 'vitest'
import type { RunReport } from '../../src/core/run-report.js'
import type { EventPayload } from '../../src/report/github/pull-request.js'
import {
  beginCheckRun,
  publishToGitHub,
  runUrlFromEnv,
  type PublishContext
} from '../../src/report/github/publish.js'
import {
  forkPullRequestOpened,
  pullRequestOpened,
  workflowRunFromFork,
  workflowRunWithPullRequest
} from '../fake-github/payloads.js'
import {
  FAKE_SECOND_MS,
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions
} from '../fake-github/server.js'
import { collectingLog } from './collecting-log.js'
import { mixedReport } from './fixtures.js'

const TOKEN = 'ghs_publishTestTokenDoNotLog'
let fake: FakeGitHub | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function publish(
  options: Omit<FakeGitHubOptions, 'token'>,
  ctx: Partial<PublishContext> & { payload: EventPayload; owner: string; repo: string },
  r: RunReport = mixedReport()
) {
  fake = await startFakeGitHub({ token: TOKEN, ...options })
  const log = collectingLog()
  const result = await publishToGitHub(
    r,
    {
      token: TOKEN,
      apiUrl: fake.apiUrl,
      eventName: 'pull_request',
      sha: 'f'.repeat(40),
      checkName: 'vpce-proof',
      comment: 'auto',
      checkRun: true,
      detailsUrl: 'https://github.com/Codertocat/Hello-World/actions/runs/42',
      secondMs: FAKE_SECOND_MS,
      ...ctx
    },
    log
  )
  expect(log.all().join('\n')).not.toContain(TOKEN)
  expect(JSON.stringify(result)).not.toContain(TOKEN)
  expect(fake.violations).toEqual([])
  return { result, log, fake }
}

function repoOf(payload: { repository: { name: string; owner: { login: string } } }) {
  return { owner: payload.repository.owner.login, repo: payload.repository.name }
}

describe('publishToGitHub on pull_request', () => {
  it('creates the check run on the PR head and the comment on the PR', async () => {
    const payload = pullRequestOpened()
    const { result, fake } = await publish({}, { payload, ...repoOf(payload) })
    expect(result.checkRun.status).toBe('done')
    expect(result.comment.status).toBe('done')
    expect(fake.requestsFor('checks/create')[0]?.body).toMatchObject({
      head_sha: payload.pull_request.head.sha
    })
    expect(fake.issueComments('Codertocat', 'Hello-World', payload.pull_request.number)).toHaveLength(1)
  })

  it('ends with notices, not errors, for a fork pull request with a read-only token', async () => {
    const payload = forkPullRequestOpened()
    const { result, log } = await publish({ readOnly: true }, { payload, ...repoOf(payload) })
    expect(result.checkRun.status).toBe('no-permission')
    expect(result.comment.status).toBe('no-permission')
    expect(log.warnings).toEqual([])
    expect(log.notices).toHaveLength(2)
    expect(log.notices[0]).toContain('`checks: write`')
    expect(log.notices[1]).toContain('`pull-requests: write`')
    expect(log.notices[1]).toContain('Resource not accessible by integration')
    expect(log.notices[1]).toContain('forks get a read-only token')
  })

  it('retries once after a secondary rate limit and succeeds', async () => {
    const payload = pullRequestOpened()
    const { result, log, fake } = await publish(
      { secondaryRateLimits: 1 },
      { payload, ...repoOf(payload), checkRun: false }
    )
    expect(result.comment.status).toBe('done')
    expect(fake.requestsFor('issues/create-comment').map(r => r.status)).toEqual([403, 201])
    expect(log.infos.some(m => m.includes('secondary rate limit') && m.includes('retrying once'))).toBe(true)
    expect(log.warnings).toEqual([])
  })

  it('turns any other API failure into one warning that keeps the verdict', async () => {
    const payload = pullRequestOpened()
    const { result, log } = await publish(
      { failOperations: { 'issues/create-comment': 422 } },
      { payload, ...repoOf(payload), checkRun: false }
    )
    expect(result.comment.status).toBe('failed')
    expect(log.warnings).toHaveLength(1)
    expect(log.warnings[0]).toMatch(
      /Could not write the PR comment on #2 \(HTTP 422: Validation Failed\)\. The verdict is unaffected/
    )
  })

  it('honours a GitHub Enterprise Server API URL (…/api/v3)', async () => {
    const payload = pullRequestOpened()
    const { result, fake } = await publish(
      { basePath: '/api/v3' },
      { payload, ...repoOf(payload), checkRun: false }
    )
    expect(fake.apiUrl).toMatch(/\/api\/v3$/)
    expect(result.comment.status).toBe('done')
    expect(fake.requests.length).toBeGreaterThan(0)
  })
})

describe('beginCheckRun', () => {
  it('shows the check running from the start, and the end completes that same run', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    const payload = pullRequestOpened()
    const ctx: PublishContext = {
      token: TOKEN,
      apiUrl: fake.apiUrl,
      ...repoOf(payload),
      eventName: 'pull_request',
      payload,
      sha: 'f'.repeat(40),
      checkName: 'vpce-proof',
      comment: false,
      checkRun: true,
      secondMs: FAKE_SECOND_MS
    }
    const log = collectingLog()
    const checkRunId = await beginCheckRun(ctx, log)
    expect(fake.checkRuns.get(checkRunId ?? -1)?.data.status).toBe('in_progress')
    const result = await publishToGitHub(mixedReport(), { ...ctx, checkRunId }, log)
    expect(result.checkRun.status).toBe('done')
    expect(fake.requestsFor('checks/create')).toHaveLength(1)
    expect(fake.checkRuns.get(checkRunId ?? -1)?.data.conclusion).toBe('failure')
  })
})

describe('publishToGitHub on other events', () => {
  it('finds the PR of a workflow_run from its pull_requests and reports on its head commit', async () => {
    const payload = workflowRunWithPullRequest()
    // The example's pull request lives in Codertocat/Hello-World; report there.
    const { result, fake } = await publish(
      {},
      { payload, eventName: 'workflow_run', owner: 'Codertocat', repo: 'Hello-World' }
    )
    expect(result.comment.status).toBe('done')
    expect(fake.issueComments('Codertocat', 'Hello-World', 2)).toHaveLength(1)
    expect(fake.requestsFor('checks/create')[0]?.body).toMatchObject({
      head_sha: payload.workflow_run.head_sha
    })
    expect(fake.requestsFor('pulls/list')).toHaveLength(0)
  })

  it('finds the PR of a fork workflow_run by head owner and branch', async () => {
    const payload = workflowRunFromFork()
    const { owner, repo } = repoOf(payload)
    const run = payload.workflow_run
    const { result, fake: server } = await publishWithPullRequest(payload, owner, repo, {
      number: 7,
      headSha: run.head_sha,
      headLabel: `forker:${run.head_branch}`,
      state: 'open'
    })
    expect(result.comment.status).toBe('done')
    expect(server.requestsFor('pulls/list')[0]?.query).toMatchObject({
      head: `forker:${run.head_branch}`,
      state: 'open'
    })
    expect(server.issueComments(owner, repo, 7)).toHaveLength(1)
  })

  it('comments on nothing for a push, with a notice only when the comment was asked for', async () => {
    const payload = pullRequestOpened()
    const base = { payload: {}, eventName: 'push', ...repoOf(payload), checkRun: false }
    const quiet = await publish({}, { ...base, comment: 'auto' })
    expect(quiet.result.comment.status).toBe('skipped')
    expect(quiet.log.notices).toEqual([])
    await fake?.close()
    const asked = await publish({}, { ...base, comment: true })
    expect(asked.result.comment.status).toBe('skipped')
    expect(asked.log.notices).toEqual(['No PR comment: this push run is not for a pull request.'])
    expect(asked.fake.requests).toHaveLength(0)
  })
})

async function publishWithPullRequest(
  payload: EventPayload,
  owner: string,
  repo: string,
  pr: { number: number; headSha: string; headLabel: string; state: 'open' | 'closed' }
) {
  fake = await startFakeGitHub({ token: TOKEN })
  fake.addPullRequest(owner, repo, pr)
  const log = collectingLog()
  const result = await publishToGitHub(
    mixedReport(),
    {
      token: TOKEN,
      apiUrl: fake.apiUrl,
      owner,
      repo,
      eventName: 'workflow_run',
      payload,
      sha: 'e'.repeat(40),
      checkName: 'vpce-proof',
      comment: 'auto',
      checkRun: false,
      secondMs: FAKE_SECOND_MS
    },
    log
  )
  expect(fake.violations).toEqual([])
  expect(log.warnings).toEqual([])
  return { result, log, fake }
}

describe('runUrlFromEnv', () => {
  it('builds the run page from the runner variables', () => {
    expect(
      runUrlFromEnv({
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_RUN_ID: '42',
        GITHUB_RUN_ATTEMPT: '2'
      })
    ).toBe('https://github.com/o/r/actions/runs/42/attempts/2')
  })
})
