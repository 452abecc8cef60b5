import { afterEach, describe, expect, it } from 'vitest'
import { createGitHubClient } from '../../src/report/github/client.js'
import {
  COMMENT_LIMIT,
  commentBody,
  commentMarker,
  upsertStickyComment
} from '../../src/report/github/comment.js'
import {
  GITHUB_ACTIONS_BOT,
  FAKE_SECOND_MS,
  startFakeGitHub,
  type FakeGitHub
} from '../fake-github/server.js'
import { collectingLog } from './collecting-log.js'
import { finding, mixedReport, report } from './fixtures.js'

const TOKEN = 'ghs_commentTestToken'
const OWNER = 'Codertocat'
const REPO = 'Hello-World'
const PR = 2
let fake: FakeGitHub | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

function othersComments(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `LGTM ${i}`)
}

describe('sticky PR comment', () => {
  it('never adopts a marker comment someone else wrote: it stays untouched and ours is posted', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    const planted = `${commentMarker('vpce-proof')}\n## ✅ vpce-proof: all 12 checks passed`
    // By octocat (the description's example author), before our first run.
    fake.seedComments(OWNER, REPO, PR, [planted])
    const octokit = createGitHubClient({
      token: TOKEN,
      apiUrl: fake.apiUrl,
      log: collectingLog(),
      secondMs: FAKE_SECOND_MS
    })
    const target = { owner: OWNER, repo: REPO, issueNumber: PR, key: 'vpce-proof' }

    const first = await upsertStickyComment(octokit, target, commentBody(mixedReport(), 'vpce-proof'))
    expect(first.status).toBe('created')
    const second = await upsertStickyComment(octokit, target, commentBody(report([finding()]), 'vpce-proof'))
    expect(second.status).toBe('updated')

    const comments = fake.issueComments(OWNER, REPO, PR)
    expect(comments).toHaveLength(2)
    expect(comments[0]).toMatchObject({ body: planted, user: { login: 'octocat' } })
    expect(comments[1]).toMatchObject({ user: { login: GITHUB_ACTIONS_BOT.login } })
    expect(comments[1]?.body).toContain('all 1 check passed')
    // Nothing was ever sent to the planted comment.
    const edited = fake.requestsFor('issues/update-comment').map(r => r.path)
    expect(edited).toEqual([`/repos/${OWNER}/${REPO}/issues/comments/${comments[1]?.id}`])
    // GITHUB_TOKEN cannot read /user: it is github-actions[bot].
    expect(fake.requestsFor('users/get-authenticated').map(r => r.status)).toEqual([403, 403])
    expect(fake.violations).toEqual([])
  })

  it('with a personal access token, adopts the comments of the user GET /user names', async () => {
    const me = { login: 'release-bot-user', id: 4242, type: 'User' as const }
    fake = await startFakeGitHub({ token: TOKEN, identity: me })
    fake.seedComments(OWNER, REPO, PR, [`${commentMarker('vpce-proof')}\nold verdict`], me)
    fake.seedComments(OWNER, REPO, PR, [`${commentMarker('vpce-proof')}\nplanted`], GITHUB_ACTIONS_BOT)
    const octokit = createGitHubClient({
      token: TOKEN,
      apiUrl: fake.apiUrl,
      log: collectingLog(),
      secondMs: FAKE_SECOND_MS
    })
    const target = { owner: OWNER, repo: REPO, issueNumber: PR, key: 'vpce-proof' }

    const result = await upsertStickyComment(octokit, target, commentBody(mixedReport(), 'vpce-proof'))
    expect(result.status).toBe('updated')
    const [mine, theirs] = fake.issueComments(OWNER, REPO, PR)
    expect(mine?.body).toContain('1 failed')
    expect(theirs?.body).toContain('planted')
    expect(fake.requestsFor('users/get-authenticated').map(r => r.status)).toEqual([200])
    expect(fake.violations).toEqual([])
  })

  it('adopts no comment when GET /user fails for another reason than a 401/403: it posts its own', async () => {
    const me = { login: 'release-bot-user', id: 4242, type: 'User' as const }
    fake = await startFakeGitHub({
      token: TOKEN,
      identity: me,
      failOperations: { 'users/get-authenticated': 500 }
    })
    // A bot's marker comment: with the identity unknown, guessing github-actions[bot] would edit it.
    fake.seedComments(OWNER, REPO, PR, [`${commentMarker('vpce-proof')}\nplanted`], GITHUB_ACTIONS_BOT)
    const octokit = createGitHubClient({
      token: TOKEN,
      apiUrl: fake.apiUrl,
      log: collectingLog(),
      secondMs: FAKE_SECOND_MS
    })
    const target = { owner: OWNER, repo: REPO, issueNumber: PR, key: 'vpce-proof' }

    const result = await upsertStickyComment(octokit, target, commentBody(mixedReport(), 'vpce-proof'))
    expect(result.status).toBe('created')
    const [planted, ours] = fake.issueComments(OWNER, REPO, PR)
    expect(planted?.body).toContain('planted')
    expect(ours?.body).toContain('1 failed')
    expect(fake.requestsFor('issues/update-comment')).toEqual([])
    expect(fake.violations).toEqual([])
  })

  it('edits its own comment on the second run, finding it on page 3, without a duplicate', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    fake.seedComments(OWNER, REPO, PR, othersComments(250))
    const octokit = createGitHubClient({
      token: TOKEN,
      apiUrl: fake.apiUrl,
      log: collectingLog(),
      secondMs: FAKE_SECOND_MS
    })
    const target = { owner: OWNER, repo: REPO, issueNumber: PR, key: 'vpce-proof' }

    const first = await upsertStickyComment(octokit, target, commentBody(mixedReport(), 'vpce-proof'))
    expect(first.status).toBe('created')

    const fixed = report([finding()])
    const second = await upsertStickyComment(octokit, target, commentBody(fixed, 'vpce-proof'))
    expect(second.status).toBe('updated')
    expect(second.status === 'updated' && first.status === 'created' && second.id === first.id).toBe(true)

    const comments = fake.issueComments(OWNER, REPO, PR)
    expect(comments).toHaveLength(251)
    const ours = comments.filter(c => c.body.startsWith(commentMarker('vpce-proof')))
    expect(ours).toHaveLength(1)
    expect(ours[0]?.body).toContain('all 1 check passed')

    const pagesRead = fake.requestsFor('issues/list-comments').map(r => r.query['page'] ?? '1')
    expect(pagesRead).toEqual(['1', '2', '3', '1', '2', '3'])
    expect(fake.requestsFor('issues/create-comment')).toHaveLength(1)
    expect(fake.requestsFor('issues/update-comment')).toHaveLength(1)
    expect(fake.violations).toEqual([])
  })

  it('keeps one comment per check name, and ignores a comment that only quotes the marker', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    fake.seedComments(OWNER, REPO, PR, [`> ${commentMarker('prod')}\n> quoted by a reviewer`])
    const octokit = createGitHubClient({
      token: TOKEN,
      apiUrl: fake.apiUrl,
      log: collectingLog(),
      secondMs: FAKE_SECOND_MS
    })
    const post = (key: string) =>
      upsertStickyComment(
        octokit,
        { owner: OWNER, repo: REPO, issueNumber: PR, key },
        commentBody(mixedReport(), key)
      )
    expect((await post('prod')).status).toBe('created')
    expect((await post('staging')).status).toBe('created')
    expect((await post('prod')).status).toBe('unchanged')
    const bodies = fake.issueComments(OWNER, REPO, PR).map(c => c.body)
    expect(bodies).toHaveLength(3)
    expect(bodies[0]).toContain('quoted by a reviewer')
  })

  it('posts a comment GitHub accepts when the report is far over the size limit', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    const octokit = createGitHubClient({
      token: TOKEN,
      apiUrl: fake.apiUrl,
      log: collectingLog(),
      secondMs: FAKE_SECOND_MS
    })
    const findings = Array.from({ length: 3000 }, (_, i) =>
      finding({ verdict: 'fail', message: `problem ${i} ${'y'.repeat(200)}`, service: `s${i}` })
    )
    const body = commentBody(report(findings), 'vpce-proof', {
      detailsUrl: 'https://github.com/o/r/actions/runs/1'
    })
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    const result = await upsertStickyComment(
      octokit,
      { owner: OWNER, repo: REPO, issueNumber: PR, key: 'vpce-proof' },
      body
    )
    expect(result.status).toBe('created')
    expect(fake.issueComments(OWNER, REPO, PR)[0]?.body).toContain("Shortened to fit GitHub's size limit")
  })

  it('returns no-permission, not an error, for a read-only token', async () => {
    fake = await startFakeGitHub({ token: TOKEN, readOnly: true })
    const octokit = createGitHubClient({
      token: TOKEN,
      apiUrl: fake.apiUrl,
      log: collectingLog(),
      secondMs: FAKE_SECOND_MS
    })
    const result = await upsertStickyComment(
      octokit,
      { owner: OWNER, repo: REPO, issueNumber: PR, key: 'vpce-proof' },
      commentBody(mixedReport(), 'vpce-proof')
    )
    expect(result).toEqual({
      status: 'no-permission',
      reason: 'HTTP 403: Resource not accessible by integration'
    })
  })
})
