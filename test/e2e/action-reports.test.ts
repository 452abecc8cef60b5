import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startDnsServer, type DnsServer } from '../../sim/dns/server.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { pullRequestOpened } from '../fake-github/payloads.js'
import { GITHUB_ACTIONS_BOT, startFakeGitHub, type FakeGitHub } from '../fake-github/server.js'
import { mermaidBlocks, parseMermaid } from '../report/mermaid-parser.js'
import { renderAsGitHub, tableRows, visibleText } from '../report/rendered-markdown.js'
import { ruleById } from '../../src/catalogue.js'
import { manyFindingsReport } from '../report/many-findings.js'
import { skippingClock } from '../clock/skipping-clock.js'
import { runActionInProcess } from './run-action.js'

/**
 * Issue 10 through the Action's entry: the demo's job summary and comment as a reviewer reads them, and a
 * run that cannot check replacing an earlier green comment. Runs are on simulated time (a skipping clock
 * the simulator shares): CloudTrail's delivery delay passes without waiting.
 */

const TOKEN = 'ghs_e2eFakeInstallationToken0123456789ABCD'
const MARKER = '<!-- vpce-proof:vpce-proof -->'
const RUN_URL = 'https://github.com/Codertocat/Hello-World/actions/runs/4242/attempts/1'
const REGION = demoScenario.region

let sim: SimulatedAws | undefined
let fake: FakeGitHub | undefined
let dns: DnsServer | undefined
/** The simulated time of the test's simulator and run. */
let clock = skippingClock()

function startDemoAws(): Promise<SimulatedAws> {
  clock = skippingClock()
  return startSimulatedAws(structuredClone(demoScenario), { now: clock.now })
}

afterEach(async () => {
  await fake?.close()
  await sim?.close()
  await dns?.stop()
  fake = sim = dns = undefined
})

async function runOnPullRequest(
  manifestText: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
) {
  const payload = pullRequestOpened()
  const [owner = '', repo = ''] = payload.repository.full_name.split('/')
  const baseSha = (payload.pull_request as { base?: { sha?: string } }).base?.sha ?? ''
  fake!.addFile(owner, repo, baseSha, 'demo/vpc-endpoints.yml', manifestText)
  const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-reports-'))
  const eventPath = path.join(dir, 'event.json')
  await writeFile(eventPath, JSON.stringify(payload))
  const run = await runActionInProcess(
    { manifest: 'demo/vpc-endpoints.yml', 'github-token': TOKEN, ...inputs },
    {
      AWS_ENDPOINT_URL: sim!.url,
      GITHUB_API_URL: fake!.apiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: payload.repository.full_name,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      ...env
    },
    { clock }
  )
  const ours = fake!
    .issueComments(owner, repo, payload.pull_request.number)
    .filter(c => c.body.startsWith(MARKER))
  return { run, ours, headSha: payload.pull_request.head.sha, owner, repo, pr: payload.pull_request.number }
}

describe('the demo report through the action', () => {
  it('summary ≤ 8 KB: headline, matrix, failures with their fix, a Mermaid path that parses, passes folded', async () => {
    sim = await startDemoAws()
    fake = await startFakeGitHub({ token: TOKEN })
    dns = await startDnsServer({
      records: [
        { host: `sns.${REGION}.amazonaws.com`, ipv4: ['10.0.1.10', '10.0.2.10'] },
        { host: `kms.${REGION}.amazonaws.com`, ipv4: ['52.119.160.5'] }
      ]
    })
    // The demo's manifest without its `egress: none` line: this runner's location is unknown here (no instance
    // metadata), which would add four inconclusive connectivity rows that the CLI demo (with metadata) decides.
    const manifestText = (await readFile('demo/vpc-endpoints.yml', 'utf8')).replace(/^ *egress: none\n/m, '')
    const { run, ours, headSha } = await runOnPullRequest(manifestText, {
      'evidence-timeout': '30s',
      'dns-servers': dns.server
    })
    expect(run.exitCode).toBe(1)
    const summary = run.summary
    // Issue 10's target: the demo's summary ≤ 8 KB (7.9 KB with the S3 access-log row and the diagram).
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(8 * 1024)
    const blocks = summary.split('\n\n')
    expect(blocks[0]).toMatch(/^## ❌ vpce-proof: 5 failed, 1 warning, 2 skipped, 26 passed$/)
    const facts = visibleText(renderAsGitHub(blocks[1] ?? ''))
    expect(facts).toContain(`commit ${headSha.slice(0, 7)}`)
    expect(facts).toContain('manifest demo/vpc-endpoints.yml (base branch)')
    expect(blocks[1]).toContain(`(${RUN_URL})`)
    expect(blocks[2]?.startsWith('| Endpoint | Exists |')).toBe(true)
    const rendered = renderAsGitHub(summary)
    expect(tableRows(rendered).map(r => visibleText(r[0] ?? ''))).toEqual([
      'VPC vpc-0a1b2c3d4e5f60718 (ap-northeast-1)',
      'sns vpce-0a1b2c3d4e5f6d001',
      'kms vpce-0a1b2c3d4e5f6d002',
      's3 vpce-0a1b2c3d4e5f6d003'
    ])
    const text = visibleText(rendered)
    for (const title of [
      'Private DNS is off',
      'Gateway endpoint route is missing',
      'Probe bypassed the declared endpoint',
      'Probe came from a public address',
      'Hostname resolves outside the endpoint'
    ])
      expect(text).toContain(`❌ ${title}`)
    expect(summary.match(/\*\*How to fix:\*\*/g)?.length).toBe(6)
    // Passes are folded; nothing above the fold reads as a pass.
    const fold = summary.indexOf('<details><summary>2 skipped, 26 passed</summary>')
    expect(fold).toBeGreaterThan(summary.indexOf('### ⚠️ Warnings'))
    const charts = mermaidBlocks(summary)
    expect(charts).toHaveLength(1)
    for (const c of charts) await expect(parseMermaid(c)).resolves.toMatchObject({ type: 'flowchart-v2' })
    // The comment is the same report.
    expect(ours).toHaveLength(1)
    // (the summary file ends with the newline the runner's summary API adds)
    expect(`${ours[0]!.body}\n`).toBe(`${MARKER}\n${summary}`)
    // Only problems are annotations; passes are not (annotate-passes is off by default).
    expect(run.commands.filter(c => c.command === 'notice' && c.properties.file)).toEqual([])
    const errors = run.commands.filter(c => c.command === 'error' && c.properties.file)
    expect(errors.map(c => c.properties.title)).toContain(
      'vpce-proof: Private DNS is off (kms in vpc-0a1b2c3d4e5f60718, private-dns-enabled)'
    )
  }, 90_000)
})

describe('never a stale verdict', () => {
  it('a run ending in a manifest error replaces an earlier green comment, naming the commit and the run', async () => {
    sim = await startDemoAws()
    fake = await startFakeGitHub({ token: TOKEN })
    const payload = pullRequestOpened()
    const [owner = '', repo = ''] = payload.repository.full_name.split('/')
    fake.seedComments(
      owner,
      repo,
      payload.pull_request.number,
      [`${MARKER}\n## ✅ vpce-proof: all 12 checks passed\n`],
      GITHUB_ACTIONS_BOT
    )
    const { run, ours, headSha } = await runOnPullRequest(
      await readFile('test/e2e/fixtures/bad-manifest.yml', 'utf8'),
      { mode: 'config' }
    )
    expect(run.exitCode).toBe(1)
    expect(fake.requestsFor('issues/update-comment')).toHaveLength(1)
    expect(ours).toHaveLength(1)
    const body = ours[0]!.body
    expect(body).not.toContain('all 12 checks passed')
    const first = visibleText(renderAsGitHub(body.split('\n')[1] ?? '')).trim()
    expect(first).toMatch(
      new RegExp(
        `^❌ vpce-proof: could not check at ${headSha.slice(0, 7)}: .*demo/vpc-endpoints.yml is not a valid manifest`
      )
    )
    expect(body).toContain(`(${RUN_URL})`)
    expect(visibleText(renderAsGitHub(body))).toContain(
      'unknown key `private_dns` (did you mean `private-dns`?)'
    )
    // The job summary says the same.
    expect(run.summary).toContain(`could not check at <code>${headSha.slice(0, 7)}</code>`)
    expect(JSON.stringify(fake.requests.map(r => r.body))).not.toContain(TOKEN)
  }, 60_000)
})

describe('never a stale verdict: no credentials', () => {
  it('a run without AWS credentials replaces an earlier green comment with "could not check at <sha>"', async () => {
    sim = await startDemoAws()
    fake = await startFakeGitHub({ token: TOKEN })
    const payload = pullRequestOpened()
    const [owner = '', repo = ''] = payload.repository.full_name.split('/')
    fake.seedComments(
      owner,
      repo,
      payload.pull_request.number,
      [`${MARKER}\n## ✅ vpce-proof: all 32 checks passed\n`],
      GITHUB_ACTIONS_BOT
    )
    const { run, ours, headSha } = await runOnPullRequest(
      await readFile('demo/vpc-endpoints.yml', 'utf8'),
      { mode: 'config', timeout: '60s' },
      { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }
    )
    expect(run.exitCode).toBe(1)
    expect(ours).toHaveLength(1)
    const first = visibleText(renderAsGitHub(ours[0]!.body.split('\n')[1] ?? '')).trim()
    expect(first).toMatch(new RegExp(`^❌ vpce-proof: could not check at ${headSha.slice(0, 7)}: .+`))
    expect(ours[0]!.body).not.toContain('all 32 checks passed')
    expect(ours[0]!.body).toContain(`(${RUN_URL})`)
    expect(run.summary).toContain(`could not check at <code>${headSha.slice(0, 7)}</code>`)
  }, 90_000)
})

describe('a 630-finding report through the action (mode: publish)', () => {
  it('keeps every failure with its message and fix, within the comment and summary limits', async () => {
    sim = await startDemoAws()
    fake = await startFakeGitHub({ token: TOKEN })
    const big = manyFindingsReport()
    const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-630-'))
    const artifact = path.join(dir, 'report.json')
    await writeFile(artifact, JSON.stringify(big))
    const payload = pullRequestOpened()
    const [owner = '', repo = ''] = payload.repository.full_name.split('/')
    const eventPath = path.join(dir, 'event.json')
    await writeFile(eventPath, JSON.stringify(payload))
    const run = await runActionInProcess(
      { mode: 'publish', 'report-path': artifact, 'github-token': TOKEN, 'fail-on': 'fail,inconclusive' },
      {
        GITHUB_API_URL: fake.apiUrl,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: payload.repository.full_name,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_SHA: 'a'.repeat(40),
        GITHUB_RUN_ID: '4242',
        GITHUB_RUN_ATTEMPT: '1'
      }
    )
    expect(run.exitCode).toBe(1)
    const [comment] = fake
      .issueComments(owner, repo, payload.pull_request.number)
      .filter(c => c.body.startsWith(MARKER))
    expect(comment).toBeDefined()
    expect(comment!.body.length).toBeLessThanOrEqual(65_536)
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024)
    const failures = big.findings.filter(f => f.verdict === 'fail')
    for (const [name, markdown] of [
      ['comment', comment!.body],
      ['summary', run.summary]
    ] as const) {
      const text = visibleText(renderAsGitHub(markdown))
      for (const f of failures) expect(text, name).toContain(f.message)
      for (const id of new Set(failures.map(f => f.ruleId)))
        expect(text, name).toContain(ruleById(id)!.fix.replace(/`/g, ''))
    }
    // The comment had to shorten, and says what it left out and where everything is.
    expect(visibleText(renderAsGitHub(comment!.body))).toMatch(
      /Shortened to fit GitHub's size limit: left out the list of 564 passed or skipped checks.*Every finding is in the JSON report of this workflow run/s
    )
  }, 60_000)
})
