import { afterEach, describe, expect, it } from 'vitest'
import { startFakeGitHub, type FakeGitHub } from './server.js'

const TOKEN = 'ghs_fakeServerTest'
let fake: FakeGitHub | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function call(method: string, path: string, body?: unknown, token = TOKEN) {
  const res = await fetch(`${fake?.apiUrl}${path}`, {
    method,
    headers: { authorization: `token ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {})
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> }
}

describe('fake GitHub API: the OpenAPI contract', () => {
  it('rejects a check run update with more than 50 annotations', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    const created = await call('POST', '/repos/o/r/check-runs', {
      name: 'vpce-proof',
      head_sha: 'a'.repeat(40)
    })
    const annotation = { path: 'm.yml', start_line: 1, end_line: 1, annotation_level: 'notice', message: 'm' }
    const res = await call('PATCH', `/repos/o/r/check-runs/${String(created.body['id'])}`, {
      output: { title: 't', summary: 's', annotations: Array(51).fill(annotation) }
    })
    expect(res.status).toBe(422)
    expect(fake.violations.join('\n')).toContain('body/output/annotations must NOT have more than 50 items')
  })

  it('rejects a completed status without a conclusion, an unknown conclusion and an undocumented parameter', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    const created = await call('POST', '/repos/o/r/check-runs', {
      name: 'vpce-proof',
      head_sha: 'a'.repeat(40)
    })
    const id = String(created.body['id'])
    expect((await call('PATCH', `/repos/o/r/check-runs/${id}`, { status: 'completed' })).status).toBe(422)
    expect((await call('PATCH', `/repos/o/r/check-runs/${id}`, { conclusion: 'passed' })).status).toBe(422)
    expect((await call('GET', '/repos/o/r/issues/1/comments?perpage=5')).status).toBe(422)
    expect((await call('GET', '/repos/o/r/no-such-thing')).status).toBe(404)
    expect(fake.requests.filter(r => r.violations.length > 0)).toHaveLength(4)
  })

  it('asks for the token and answers 401 without it', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    expect((await call('GET', '/repos/o/r/issues/1/comments', undefined, 'wrong')).status).toBe(401)
  })

  it('paginates issue comments with per_page and Link headers', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    fake.seedComments(
      'o',
      'r',
      1,
      Array.from({ length: 5 }, (_, i) => `c${i}`)
    )
    const first = await call('GET', '/repos/o/r/issues/1/comments?per_page=2')
    expect((first.body as unknown as { body: string }[]).map(c => c.body)).toEqual(['c0', 'c1'])
    const link = first.headers.get('link') ?? ''
    expect(link).toMatch(/<[^>]*[?&]page=2[^>]*>; rel="next"/)
    expect(link).toMatch(/<[^>]*[?&]page=3[^>]*>; rel="last"/)
    const last = await call('GET', '/repos/o/r/issues/1/comments?per_page=2&page=3')
    expect((last.body as unknown as { body: string }[]).map(c => c.body)).toEqual(['c4'])
    expect(last.headers.get('link')).not.toContain('rel="next"')
    expect(fake.violations).toEqual([])
  })
})
