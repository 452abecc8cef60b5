import { afterEach, describe, expect, it } from 'vitest'
import { createGitHubClient } from '../../src/report/github/client.js'
import {
  COMMENT_LIMIT,
  commentBody,
  commentMarker,
  upsertStickyComment
} from '../../src/report/github/comment.js'
import { startFakeGitHub, type FakeGitHub } from '../fake-github/server.js'
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
  it('edits its own comment on the second run, finding it on page 3, without a duplicate', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    fake.seedComments(OWNER, REPO, PR, othersComments(250))
    const octokit = createGitHubClient({ token: TOKEN, apiUrl: fake.apiUrl, log: collectingLog() })
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
    const octokit = createGitHubClient({ token: TOKEN, apiUrl: fake.apiUrl, log: collectingLog() })
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
    const octokit = createGitHubClient({ token: TOKEN, apiUrl: fake.apiUrl, log: collectingLog() })
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
    expect(fake.issueComments(OWNER, REPO, PR)[0]?.body).toContain('did not fit here')
  })

  it('returns no-permission, not an error, for a read-only token', async () => {
    fake = await startFakeGitHub({ token: TOKEN, readOnly: true })
    const octokit = createGitHubClient({ token: TOKEN, apiUrl: fake.apiUrl, log: collectingLog() })
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
