import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import type { SimScenario } from '../../sim/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { EventPayload } from '../../src/report/github/pull-request.js'
import { forkPullRequestOpened, pullRequestOpened, workflowRunFromFork } from '../fake-github/payloads.js'
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../fake-github/server.js'
import { sarifValidator } from '../report/sarif-schema.js'
import {
  GITHUB_MANIFEST,
  HOSTILE_NAME,
  hostileScenario,
  undeclaredEndpointsScenario
} from './fixtures/github-scenarios.js'
import { mermaidBlocks, parseMermaid } from '../report/mermaid-parser.js'
import { renderAsGitHub, tableRows, visibleText } from '../report/rendered-markdown.js'
import { runAction, runActionInProcess, type ActionRun, type WorkflowCommand } from './run-action.js'

/**
 * Issue 4's "Done means", the runner's way (the sticky comment through dist/index.js, the others through its
 * entry function in this process: action-entry.test.ts shows both give the same step): the simulated AWS behind
 * AWS_ENDPOINT_URL, the loopback GitHub REST API behind GITHUB_API_URL (every request checked against
 * GitHub's OpenAPI description), and pull_request payloads from real webhook examples.
 */

const TOKEN = 'ghs_e2eFakeInstallationToken0123456789ABCD'
const DEMO_MANIFEST = 'demo/vpc-endpoints.yml'
/** `<!-- vpce-proof:<check-name> -->`, the default check name. */
const MARKER = '<!-- vpce-proof:vpce-proof -->'
/** The run's page, from GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT below. */
const RUN_URL = 'https://github.com/Codertocat/Hello-World/actions/runs/4242/attempts/1'

let sim: SimulatedAws | undefined
let fake: FakeGitHub | undefined

afterEach(async () => {
  await fake?.close()
  await sim?.close()
  fake = undefined
  sim = undefined
})

async function start(scenario: SimScenario, github: Omit<FakeGitHubOptions, 'token'> = {}): Promise<void> {
  sim = await startSimulatedAws(scenario)
  fake = await startFakeGitHub({ token: TOKEN, ...github })
}

interface PullRequestRun {
  payload: EventPayload & { repository: { full_name: string } }
  inputs?: Record<string, string>
  manifest?: string
  /** Input `sarif-path`: a file in the run's own temporary directory. */
  sarif?: boolean
  /**
   * Spawn dist/index.js (the packaged Action) instead of running its entry function in this process: the
   * sticky comment's two runs do, so Octokit and its plugins as bundled talk to GitHub's API description.
   */
  bundled?: boolean
}

/** One step on a pull_request event: the payload in a file, the runner's variables pointing at the fakes. */
async function runOnPullRequest({
  payload,
  inputs = {},
  manifest = DEMO_MANIFEST,
  sarif,
  bundled
}: PullRequestRun) {
  if (!sim || !fake) throw new Error('start() first')
  // The pull request leaves the manifest as the base branch has it (the policy is read from the base commit).
  const [owner = '', repo = ''] = payload.repository.full_name.split('/')
  const baseSha = (payload.pull_request as { base?: { sha?: string } } | undefined)?.base?.sha
  if (baseSha) fake.addFile(owner, repo, baseSha, manifest, await readFile(manifest, 'utf8'))
  const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-gh-'))
  const eventPath = path.join(dir, 'event.json')
  await writeFile(eventPath, JSON.stringify(payload))
  const sarifInput: Record<string, string> = sarif ? { 'sarif-path': path.join(dir, 'vpce-proof.sarif') } : {}
  const run = await (bundled ? runAction : runActionInProcess)(
    { manifest, mode: 'config', 'github-token': TOKEN, ...sarifInput, ...inputs },
    {
      AWS_ENDPOINT_URL: sim.url,
      GITHUB_API_URL: fake.apiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: payload.repository.full_name,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      // On pull_request GITHUB_SHA is the test merge commit, not the head.
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1'
    }
  )
  expectTokenNeverShown(run)
  expect(JSON.stringify(fake.requests.map(r => r.body))).not.toContain(TOKEN)
  expect(fake.violations).toEqual([])
  if (sarif) expect(run.outputs['sarif-path']).toBe(sarifInput['sarif-path'])
  return { run }
}

/** The only place the token may appear is the `add-mask` command, which the runner consumes. */
function expectTokenNeverShown(run: ActionRun): void {
  const shown = run.stdout
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  expect(shown).not.toContain(TOKEN)
  expect(run.stderr).not.toContain(TOKEN)
  expect(run.summary).not.toContain(TOKEN)
  expect(run.stdout).toContain(`::add-mask::${TOKEN}`)
}

/** Workflow commands that are not about a manifest line: what the step says about itself. */
function stepMessages(run: ActionRun, command: string): string[] {
  return run.commands
    .filter((c: WorkflowCommand) => c.command === command && !c.properties.file)
    .map(c => c.message)
}

function ourComments(owner: string, repo: string, issue: number) {
  return fake!.issueComments(owner, repo, issue).filter(c => c.body.startsWith(MARKER))
}

function others(count: number, from = 1): string[] {
  return Array.from({ length: count }, (_, i) => `LGTM from reviewer ${from + i}`)
}

describe('the sticky PR comment', () => {
  it('is edited in place by the second run on the same pull request, found across pages (dist/index.js)', async () => {
    const payload = pullRequestOpened()
    const [owner, repo] = [payload.repository.owner.login, payload.repository.name]
    const pr = payload.pull_request.number
    await start(structuredClone(demoScenario))
    // 150 comments by others: ours lands on page 2 of 100.
    fake!.seedComments(owner, repo, pr, others(150))

    const first = await runOnPullRequest({ payload, bundled: true })
    expect(first.run.exitCode).toBe(1)
    expect(fake!.requestsFor('issues/create-comment').map(r => r.status)).toEqual([201])
    const [created] = ourComments(owner, repo, pr)
    expect(created?.body).toMatch(/2 failed/)

    // More discussion (ours is now on page 2 of 3), then the author fixes KMS's private DNS and pushes.
    fake!.seedComments(owner, repo, pr, others(100, 151))
    sim!.scenario.vpcs[0]!.endpoints.find(e => e.serviceName.endsWith('.kms'))!.privateDnsEnabled = true
    const listedBefore = fake!.requestsFor('issues/list-comments').length

    const second = await runOnPullRequest({ payload, bundled: true })
    expect(second.run.exitCode).toBe(1)
    expect(fake!.requestsFor('issues/create-comment')).toHaveLength(1)
    const updates = fake!.requestsFor('issues/update-comment')
    expect(updates.map(u => [u.path, u.status])).toEqual([
      [`/repos/${owner}/${repo}/issues/comments/${created!.id}`, 200]
    ])
    // Page 1 did not have it, page 2 did; page 3 was never needed.
    const pages = fake!
      .requestsFor('issues/list-comments')
      .slice(listedBefore)
      .map(r => r.query['page'] ?? '1')
    expect(pages).toEqual(['1', '2'])

    expect(fake!.issueComments(owner, repo, pr)).toHaveLength(251)
    const mine = ourComments(owner, repo, pr)
    expect(mine.map(c => c.id)).toEqual([created!.id])
    expect(mine[0]!.body).toMatch(/1 failed/)
    expect(mine[0]!.body).not.toMatch(/2 failed/)
    expect(stepMessages(second.run, 'warning')).toEqual([])
  })

  it('retries a secondary rate limit on the comment and still posts it', async () => {
    const payload = pullRequestOpened()
    const [owner, repo] = [payload.repository.owner.login, payload.repository.name]
    // The comment is the run's only write, so it is the request that gets rate limited.
    await start(structuredClone(demoScenario), { secondaryRateLimits: 1 })
    const { run } = await runOnPullRequest({ payload, inputs: { 'fail-on': 'none' } })

    expect(fake!.requestsFor('issues/create-comment').map(r => r.status)).toEqual([403, 201])
    expect(ourComments(owner, repo, payload.pull_request.number)).toHaveLength(1)
    expect(run.stdout).toMatch(/secondary rate limit on POST .*\/comments; retrying once/)
    expect(stepMessages(run, 'warning')).toEqual([])
    expect(stepMessages(run, 'error')).toEqual([])
    expect(run.exitCode).toBe(0)
  })
})

describe('the check run', () => {
  it('sends 120 annotations in three update requests of at most 50, on the PR head', async () => {
    const payload = pullRequestOpened()
    const [owner, repo] = [payload.repository.owner.login, payload.repository.name]
    // github-manifest.yml yields 8 findings for its VPC and declared endpoint, plus one per undeclared one.
    await start(undeclaredEndpointsScenario(112))
    const { run } = await runOnPullRequest({
      payload,
      manifest: GITHUB_MANIFEST,
      // Passes are annotations only on request; with it, all 120 findings are.
      inputs: { 'check-run': 'true', 'annotate-passes': 'true' }
    })
    expect(run.exitCode).toBe(0)
    const report = JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as { findings: unknown[] }
    expect(report.findings).toHaveLength(120)

    const created = fake!.requestsFor('checks/create')
    expect(created).toHaveLength(1)
    expect(created[0]!.body).toMatchObject({
      name: 'vpce-proof',
      status: 'in_progress',
      head_sha: payload.pull_request.head.sha
    })
    const updates = fake!.requestsFor('checks/update')
    const batches = updates.map(u => {
      const output = (u.body as { output?: { annotations?: unknown[] } }).output
      return output?.annotations?.length ?? 0
    })
    expect(batches).toEqual([50, 50, 20])
    expect(updates.every(u => u.status === 200)).toBe(true)
    expect(updates.map(u => (u.body as { conclusion?: string }).conclusion)).toEqual([
      undefined,
      undefined,
      'success'
    ])

    const [checkRun] = [...fake!.checkRuns.values()]
    expect(checkRun?.annotations).toHaveLength(120)
    expect(checkRun?.data).toMatchObject({ status: 'completed', conclusion: 'success' })
    expect(checkRun?.annotations.filter(a => a['annotation_level'] === 'warning')).toHaveLength(112)
    expect(checkRun?.annotations[0]).toMatchObject({ path: GITHUB_MANIFEST, start_line: 6 })
    expect(run.stdout).toContain('(120 annotations in 3 requests)')

    // The same 120 findings in the comment: within its limit, naming the run.
    const [comment] = ourComments(owner, repo, payload.pull_request.number)
    expect(comment!.body.length).toBeLessThanOrEqual(65536)
    expect(comment!.body).toMatch(/### ⚠️ Warnings \(112\)/)
    expect(comment!.body).toContain(`(${RUN_URL})`)
  })
})

describe('a pull request from a fork, with a read-only token', () => {
  /** What the step says about the GitHub channels: notices naming the permission, nothing louder. */
  function expectPermissionNotices(run: ActionRun): void {
    const notices = stepMessages(run, 'notice')
    expect(notices).toHaveLength(2)
    expect(notices[0]).toMatch(
      /^Could not complete the check run "vpce-proof": the token may not do it \(HTTP 403: Resource not accessible by integration\)\. It needs `checks: write`\./
    )
    expect(notices[1]).toMatch(
      /^Skipped the PR comment on #2: the token may not write it \(HTTP 403: Resource not accessible by integration\)\. It needs `pull-requests: write`\./
    )
    for (const notice of notices) expect(notice).toContain('two-workflow pattern')
    expect(stepMessages(run, 'warning')).toEqual([])
  }

  it('still reports the verdict everywhere it can, and only the verdict fails the step', async () => {
    const payload = forkPullRequestOpened()
    await start(structuredClone(demoScenario), { readOnly: true })
    const { run } = await runOnPullRequest({ payload, inputs: { 'check-run': 'true' }, sarif: true })

    // Every write was tried and refused; nothing was created.
    const writes = fake!.requests.filter(r => r.method !== 'GET')
    expect(writes.length).toBeGreaterThan(0)
    expect(writes.every(r => r.status === 403)).toBe(true)
    expect(fake!.checkRuns.size).toBe(0)
    expectPermissionNotices(run)

    expect(run.exitCode).toBe(1)
    expect(stepMessages(run, 'error')).toEqual([
      'vpce-proof: 2 fail (fail-on: fail,inconclusive). See the annotations and the job summary.'
    ])
    const located = run.commands.filter(c => c.command === 'error' && c.properties.file)
    expect(located.map(c => `${c.properties.file}:${c.properties.line}`)).toEqual([
      'demo/vpc-endpoints.yml:14',
      'demo/vpc-endpoints.yml:17'
    ])
    expect(run.summary).toContain('## ❌ vpce-proof: 2 failed, 1 warning')
    expect(run.summary).toContain('vpce-0a1b2c3d4e5f6d002')

    const report = JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as { result: string }
    expect(report.result).toBe('fail')
    const sarif = JSON.parse(await readFile(run.outputs['sarif-path']!, 'utf8')) as unknown
    const validate = sarifValidator()
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true)
    const results = (sarif as { runs: { results: { level: string }[] }[] }).runs[0]!.results
    expect(results.filter(r => r.level === 'error')).toHaveLength(2)
  })

  it('passes the step when the verdict passes, although no GitHub write succeeded', async () => {
    const payload = forkPullRequestOpened()
    await start(structuredClone(demoScenario), { readOnly: true })
    const { run } = await runOnPullRequest({ payload, inputs: { 'check-run': 'true', 'fail-on': 'none' } })
    expectPermissionNotices(run)
    expect(stepMessages(run, 'error')).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ result: 'pass', 'fail-count': '2' })
  })
})

describe('hostile names from AWS in the pull request comment', () => {
  it('render as plain text: no HTML, no Markdown, no mentions, no broken table; long ones are cut', async () => {
    const payload = pullRequestOpened()
    await start(hostileScenario())
    const { run } = await runOnPullRequest({ payload, manifest: GITHUB_MANIFEST, sarif: true })
    expect(run.exitCode).toBe(0)

    const [comment] = ourComments(
      payload.repository.owner.login,
      payload.repository.name,
      payload.pull_request.number
    )
    const body = comment!.body
    const html = renderAsGitHub(body)
    const text = visibleText(html)

    expect(text).toContain('1 endpoint in 1 VPC')
    // The name is there, character for character as a reader sees it, but none of it is markup.
    expect(text).toContain('svc`x`|pipe|<script>alert(1)</script>')
    expect(text).toContain('**bold** [x](javascript:alert(1))')
    expect(html).not.toMatch(/<script|<img/i)
    expect(html).not.toContain('<strong>bold</strong>')
    expect(html).not.toContain('<code>x</code>')
    for (const href of [...html.matchAll(/href="([^"]*)"/g)].map(m => m[1]!)) {
      expect(href).toMatch(
        /^(https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\/|https:\/\/github\.com\/Codertocat\/|#vp-)/
      )
    }
    // GitHub would notify @octocat and cross-reference #12; a zero-width space stops both (outside
    // code blocks, where GitHub links nothing; the Mermaid diagram writes them as entity codes).
    const prose = visibleText(html.replace(/<pre>[\s\S]*?<\/pre>/g, ''))
    expect(prose).not.toMatch(/@octocat|#12/)
    expect(prose).toContain('@\u200boctocat')
    // Pipes stay inside their cell: every matrix row keeps the header's columns.
    const rows = tableRows(html)
    expect(rows.length).toBeGreaterThan(0)
    const columns = (/<thead>[\s\S]*?<\/thead>/.exec(html)?.[0].match(/<th[ >]/g) ?? []).length
    expect(rows.every(r => r.length === columns)).toBe(true)
    for (const chart of mermaidBlocks(body)) await parseMermaid(chart)
    // The 5000-character name is cut wherever it appears.
    expect(body).not.toContain('A'.repeat(2000))
    expect(body).toContain('A…')

    // The job summary uses the same renderer, and SARIF (JSON, not Markdown) keeps the name verbatim.
    expect(run.summary).not.toMatch(/<script|<img/i)
    const sarif = JSON.parse(await readFile(run.outputs['sarif-path']!, 'utf8')) as unknown
    const validate = sarifValidator()
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true)
    expect(JSON.stringify(sarif)).toContain(JSON.stringify(HOSTILE_NAME).slice(1, -1))
  })
})

describe('the fork-safe pair: pull_request writes the report, workflow_run publishes it', () => {
  it('publishes a fork PR report with mode: publish, and the step follows the report verdict', async () => {
    // Step 1, on the fork's pull_request: read-only token, so the report is only an artifact.
    const fork = forkPullRequestOpened()
    await start(structuredClone(demoScenario), { readOnly: true })
    const { run: check } = await runOnPullRequest({ payload: fork })
    expect(check.exitCode).toBe(1)
    const artifact = check.outputs['report-path']!
    await fake!.close()

    // Step 2, on workflow_run in the base repository: a write token, no AWS access needed.
    const payload = workflowRunFromFork()
    const [owner, repo] = payload.repository.full_name.split('/') as [string, string]
    const wr = payload.workflow_run
    fake = await startFakeGitHub({ token: TOKEN })
    fake.addPullRequest(owner, repo, {
      number: 7,
      headSha: wr.head_sha,
      headLabel: `forker:${wr.head_branch}`,
      state: 'open'
    })
    const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-publish-'))
    const eventPath = path.join(dir, 'event.json')
    await writeFile(eventPath, JSON.stringify(payload))
    const awsCallsBefore = sim!.callCount()
    const publish = await runActionInProcess(
      { mode: 'publish', 'report-path': artifact, 'github-token': TOKEN, 'check-run': 'true' },
      {
        GITHUB_API_URL: fake.apiUrl,
        GITHUB_REPOSITORY: payload.repository.full_name,
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_SHA: 'b'.repeat(40),
        AWS_ENDPOINT_URL: sim!.url
      }
    )
    expectTokenNeverShown(publish)
    expect(fake.violations).toEqual([])
    expect(publish.exitCode).toBe(1)
    expect(sim!.callCount()).toBe(awsCallsBefore)
    const [comment] = ourComments(owner, repo, 7)
    expect(comment?.body).toMatch(/2 failed, 1 warning/)
    const [checkRun] = fake.requestsFor('checks/create')
    expect(checkRun?.body).toMatchObject({ head_sha: wr.head_sha })
    expect(fake.requestsFor('checks/update').at(-1)?.body).toMatchObject({ conclusion: 'failure' })
    expect(
      publish.commands.filter(c => c.command === 'error' && c.properties.file === DEMO_MANIFEST)
    ).toHaveLength(2)
  })
})
