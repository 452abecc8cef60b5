import { afterEach, describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/finding.js'
import { createGitHubClient } from '../../src/report/github/client.js'
import { checkRunConclusion, completeCheckRun, startCheckRun } from '../../src/report/github/check-run.js'
import { FAKE_SECOND_MS, startFakeGitHub, type FakeGitHub } from '../fake-github/server.js'
import { collectingLog } from './collecting-log.js'
import { finding, mixedReport, report } from './fixtures.js'

const TOKEN = 'ghs_checkRunTestToken'
let fake: FakeGitHub | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

describe('checkRunConclusion', () => {
  it('is failure when the report failed', () => {
    expect(checkRunConclusion(mixedReport())).toBe('failure')
  })
  it('is neutral when it passed with inconclusive checks that fail-on does not list', () => {
    expect(checkRunConclusion(report([finding(), finding({ verdict: 'inconclusive' })]))).toBe('neutral')
  })
  it('is failure when fail-on lists inconclusive and one is inconclusive', () => {
    expect(
      checkRunConclusion(report([finding({ verdict: 'inconclusive' })], { failOn: ['fail', 'inconclusive'] }))
    ).toBe('failure')
  })
  it('is success when only warnings (drift) and passes remain', () => {
    expect(
      checkRunConclusion(report([finding(), finding({ verdict: 'warn', ruleId: 'endpoint-declared' })]))
    ).toBe('success')
  })
})

describe('check run against the GitHub API', () => {
  it('sends 120 annotations in exactly three update requests of at most 50, completing with the last', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    const octokit = createGitHubClient({
      token: TOKEN,
      apiUrl: fake.apiUrl,
      log: collectingLog(),
      secondMs: FAKE_SECOND_MS
    })
    const findings: Finding[] = Array.from({ length: 120 }, (_, i) =>
      finding({
        verdict: i < 30 ? 'fail' : i < 60 ? 'warn' : 'pass',
        location: {
          file: './infra/vpc-endpoints.yml',
          line: 10 + i,
          column: 5,
          endLine: 10 + i,
          endColumn: 30
        }
      })
    )
    const target = { owner: 'Codertocat', repo: 'Hello-World' }
    const started = await startCheckRun(octokit, { ...target, name: 'vpce-proof', headSha: 'a'.repeat(40) })
    const done = await completeCheckRun(octokit, {
      ...target,
      checkRunId: started.id,
      report: report(findings),
      annotatePasses: true
    })

    expect(done).toEqual({ conclusion: 'failure', annotations: 120, requests: 3 })
    const updates = fake.requestsFor('checks/update')
    expect(updates).toHaveLength(3)
    const bodies = updates.map(
      u => u.body as { status?: string; conclusion?: string; output: { annotations: unknown[] } }
    )
    expect(bodies.map(b => b.output.annotations.length)).toEqual([50, 50, 20])
    expect(bodies.map(b => b.conclusion)).toEqual([undefined, undefined, 'failure'])
    expect(bodies.map(b => b.status)).toEqual([undefined, undefined, 'completed'])
    expect(fake.violations).toEqual([])

    const run = fake.checkRuns.get(started.id)
    expect(run?.data.status).toBe('completed')
    expect(run?.data.name).toBe('vpce-proof')
    expect(run?.annotations).toHaveLength(120)
    expect(run?.annotations[0]).toMatchObject({
      path: 'infra/vpc-endpoints.yml',
      start_line: 10,
      end_line: 10,
      start_column: 5,
      end_column: 30,
      annotation_level: 'failure'
    })
    const levels = run?.annotations.map(a => a['annotation_level'])
    expect(levels?.filter(l => l === 'failure')).toHaveLength(30)
    expect(levels?.filter(l => l === 'warning')).toHaveLength(30)
    expect(levels?.filter(l => l === 'notice')).toHaveLength(60)
  })

  it('completes in one request, with the summary, when there are few findings', async () => {
    fake = await startFakeGitHub({ token: TOKEN })
    const octokit = createGitHubClient({
      token: TOKEN,
      apiUrl: fake.apiUrl,
      log: collectingLog(),
      secondMs: FAKE_SECOND_MS
    })
    const target = { owner: 'Codertocat', repo: 'Hello-World' }
    const started = await startCheckRun(octokit, { ...target, name: 'vpce-proof', headSha: 'b'.repeat(40) })
    const r = report([finding(), finding({ verdict: 'inconclusive' })])
    const done = await completeCheckRun(octokit, { ...target, checkRunId: started.id, report: r })
    expect(done.requests).toBe(1)
    const output = fake.checkRuns.get(started.id)?.data['output'] as { title: string; summary: string }
    expect(output.title).toBe('vpce-proof: 1 inconclusive, 1 passed')
    expect(output.summary).toContain('## ⚠️ vpce-proof: 1 inconclusive, 1 passed')
    expect(fake.checkRuns.get(started.id)?.data.conclusion).toBe('neutral')
    expect(fake.requestsFor('checks/create')[0]?.body).toMatchObject({
      status: 'in_progress',
      head_sha: 'b'.repeat(40)
    })
  })
})
