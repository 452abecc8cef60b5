import { open, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { DescribeRouteTablesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { afterEach, describe, expect, it } from 'vitest'
import { allRules } from '../../src/catalogue.js'
import { demoScenario } from '../../demo/scenario.js'
import type { SimScenario } from '../../sim/scenario.js'
import { healthyScenario } from '../../sim/scenarios/healthy.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { RunReport } from '../../src/core/run-report.js'
import type { EventPayload } from '../../src/report/github/pull-request.js'
import {
  pullRequestOpened,
  workflowRunFromFork,
  workflowRunWithPullRequest
} from '../fake-github/payloads.js'
import { startFakeGitHub, type FakeGitHub } from '../fake-github/server.js'
import { finding, mixedReport, report } from '../report/fixtures.js'
import { renderAsGitHub, visibleText } from '../report/rendered-markdown.js'
import { runActionInProcess, type ActionRun } from './run-action.js'
import { runCliInProcess } from './run-cli.js'

/**
 * Issue 8's trust boundaries through the Action's entry function (runActionInProcess; action-entry.test.ts shows dist/index.js gives the same step): forged artifacts in `mode: publish`, a session
 * token echoed by AWS, and hostile strings from AWS, the manifest and an artifact, checked in every
 * channel (PR comment, check run, job summary, SARIF, JSON report, ledger, log, terminal).
 */

const TOKEN = 'ghs_trustE2eInstallationToken0123456789AB'
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEHsaDmFwLW5vcnRoZWFzdC0xRzBFAiEAtrustE2eSessionTokenDoNotPublish'
const MARKER = '<!-- vpce-proof:vpce-proof -->'

let fake: FakeGitHub | undefined
let sim: SimulatedAws | undefined

afterEach(async () => {
  await fake?.close()
  await sim?.close()
  fake = undefined
  sim = undefined
})

/** BEL, ESC and every other C0/C1 control except tab and newline: what a terminal or log viewer acts on. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

/** Everything the run published or printed, as one string per channel. */
async function channels(run: ActionRun): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const name of ['report-path', 'sarif-path', 'ledger-path']) {
    const file = run.outputs[name]
    if (file) files[name] = await readFile(file, 'utf8').catch(() => '')
  }
  return {
    log: `${run.stdout
      .split('\n')
      .filter(l => !l.startsWith('::add-mask::'))
      .join('\n')}\n${run.stderr}`,
    summary: run.summary,
    comment: (fake?.requestsFor('issues/create-comment') ?? [])
      .concat(fake?.requestsFor('issues/update-comment') ?? [])
      .map(r => JSON.stringify(r.body))
      .join('\n'),
    checkRun: (fake?.requestsFor('checks/create') ?? [])
      .concat(fake?.requestsFor('checks/update') ?? [])
      .map(r => JSON.stringify(r.body))
      .join('\n'),
    ...files
  }
}

function expectEveryCheckRunCompleted(): void {
  const runs = [...fake!.checkRuns.values()]
  expect(runs.length).toBeGreaterThan(0)
  for (const run of runs) expect(run.data.status).toBe('completed')
}

async function eventFile(payload: EventPayload): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-trust-'))
  const file = path.join(dir, 'event.json')
  await writeFile(file, JSON.stringify(payload))
  return file
}

async function artifactFile(content: string | object): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-artifact-'))
  const file = path.join(dir, 'vpce-proof-report.json')
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

/**
 * `workflow_run` for a branch of this repository. The webhook example's `pull_requests` entry names
 * another repository's pull request; here it is this repository's #2.
 */
function sameRepoWorkflowRun(): ReturnType<typeof workflowRunWithPullRequest> {
  const payload = workflowRunWithPullRequest()
  const pr = payload.workflow_run.pull_requests[0]!
  pr.base.repo.url = `https://api.github.com/repos/${payload.repository.full_name}`
  return payload
}

/** The publishing workflow: `workflow_run` in the base repository, a write token, no AWS. */
async function publish(
  artifact: string,
  payload: EventPayload & { repository: { full_name: string } } = sameRepoWorkflowRun(),
  inputs: Record<string, string> = {}
): Promise<{ run: ActionRun; ms: number; prNumber: number }> {
  fake ??= await startFakeGitHub({ token: TOKEN })
  const [owner, repo] = payload.repository.full_name.split('/') as [string, string]
  const wr = payload.workflow_run!
  const listed = wr.pull_requests?.[0]?.number
  const prNumber = listed ?? 7
  if (!listed) {
    fake.addPullRequest(owner, repo, {
      number: prNumber,
      headSha: wr.head_sha!,
      headLabel: `${wr.head_repository?.owner?.login}:${wr.head_branch}`,
      state: 'open'
    })
  }
  const started = Date.now()
  const run = await runActionInProcess(
    { mode: 'publish', 'report-path': artifact, 'github-token': TOKEN, 'check-run': 'true', ...inputs },
    {
      GITHUB_API_URL: fake.apiUrl,
      GITHUB_REPOSITORY: payload.repository.full_name,
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: await eventFile(payload),
      GITHUB_SHA: 'b'.repeat(40)
    }
  )
  expect(fake.violations).toEqual([])
  return { run, ms: Date.now() - started, prNumber }
}

function lastCheckUpdate(): {
  name?: string
  conclusion?: string
  output?: { title?: string; summary?: string }
} {
  return fake!.requestsFor('checks/update').at(-1)?.body as never
}

function ourComment(payload: { repository: { full_name: string } }, pr: number): string {
  const [owner, repo] = payload.repository.full_name.split('/') as [string, string]
  return fake!.issueComments(owner, repo, pr).find(c => c.body.startsWith(MARKER))?.body ?? ''
}

/** mixedReport: one fail, one inconclusive, one warn, two passes. */
function forged(overrides: Partial<RunReport>): RunReport {
  return { ...mixedReport(), ...overrides }
}

describe('mode: publish judges the artifact by its findings, with its own fail-on', () => {
  it('a forged result "pass" over a failing finding: tampered, failure, exit 1', async () => {
    const payload = sameRepoWorkflowRun()
    const { run, prNumber } = await publish(await artifactFile(forged({ result: 'pass' })), payload)
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ result: 'fail', 'fail-count': '2' })
    expect(lastCheckUpdate()).toMatchObject({ conclusion: 'failure' })
    expect(lastCheckUpdate().output?.summary).toContain('The report artifact was altered')
    const comment = ourComment(payload, prNumber)
    expect(comment).toMatch(/❌ vpce-proof: 2 failed/)
    expect(comment).toContain('it says result &quot;pass&quot; although its findings under its own fail-on')
    expectEveryCheckRunCompleted()
  })

  it('failOn: [] in the artifact is ignored: the publisher’s fail-on (default fail) decides', async () => {
    const artifact = forged({ failOn: [], result: 'pass' })
    const { run } = await publish(await artifactFile(artifact))
    expect(run.exitCode).toBe(1)
    // Consistent with itself (nothing fails under "none"), so not tampered: just judged by our fail-on.
    expect(run.outputs).toMatchObject({ result: 'fail', 'fail-count': '1' })
    expect(lastCheckUpdate()).toMatchObject({ conclusion: 'failure' })
    expect(visibleText(renderAsGitHub(lastCheckUpdate().output?.summary ?? ''))).toContain(
      "Verdict recomputed with this workflow's fail-on (fail,inconclusive); the artifact said none."
    )
    expectEveryCheckRunCompleted()
  })

  it('an artifact that marks its failure suppressed (counts to match) still fails: suppressions are not its to make', async () => {
    const findings = mixedReport().findings.map(f =>
      f.verdict === 'fail'
        ? {
            ...f,
            suppressed: { reason: 'trust me', location: { file: f.location.file, line: 1, column: 1 } }
          }
        : f
    )
    const artifact = report(findings, { failOn: ['fail'], result: 'pass', suppressed: 1 })
    const { run } = await publish(await artifactFile(artifact), undefined, { 'fail-on': 'fail' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ result: 'fail', 'fail-count': '1' })
    expect(lastCheckUpdate()).toMatchObject({ conclusion: 'failure' })
    expect(visibleText(renderAsGitHub(lastCheckUpdate().output?.summary ?? ''))).toContain(
      'The artifact marks 1 finding suppressed; mode: publish takes suppressions only from this workflow'
    )
    expectEveryCheckRunCompleted()
  })

  it('counts that disagree with the findings: tampered, even when the publisher fails on nothing', async () => {
    const artifact = forged({ counts: { pass: 4, fail: 0, warn: 0, inconclusive: 0, skipped: 0 } })
    const { run } = await publish(await artifactFile(artifact), undefined, { 'fail-on': 'none' })
    expect(run.exitCode).toBe(1)
    expect(lastCheckUpdate()).toMatchObject({ conclusion: 'failure' })
    expect(lastCheckUpdate().output?.summary).toContain('it counts 0 fail but holds 1')
    expectEveryCheckRunCompleted()
  })

  it('a 50 MB artifact is refused unread; the check run ends as failure, not in progress', async () => {
    const file = await artifactFile('')
    const handle = await open(file, 'w')
    await handle.truncate(50 * 1024 * 1024)
    await handle.close()
    const { run, ms } = await publish(file)
    console.info(`50 MB artifact refused in ${ms} ms (whole action process)`)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/the report is 50\.0 MB, more than the 16\.0 MB .*refused without reading it/)
    expect(lastCheckUpdate()).toMatchObject({
      conclusion: 'failure',
      output: { title: 'vpce-proof could not run' }
    })
    expectEveryCheckRunCompleted()
  })

  it('80,000 findings are refused before the schema walks them; the check run ends as failure', async () => {
    // Small findings, so the file stays under the size cap and the count is what refuses it.
    const many = Array.from({ length: 80_000 }, (_, i) => ({
      ruleId: 'x',
      verdict: 'fail' as const,
      message: `${i}`,
      location: { file: 'm', line: 1, column: 1 },
      vpcId: 'v',
      region: 'r',
      evidence: {}
    }))
    const { run, ms } = await publish(await artifactFile(report(many)))
    console.info(`80,000-finding artifact refused in ${ms} ms (whole action process)`)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('80000 findings, more than the 20000 a report can hold')
    expect(lastCheckUpdate()).toMatchObject({ conclusion: 'failure' })
    expectEveryCheckRunCompleted()
  })

  it("a fork's artifact publishes under a distinct check name, saying it is the fork's word", async () => {
    const payload = workflowRunFromFork()
    const { run, prNumber } = await publish(await artifactFile(mixedReport()), payload)
    expect(run.exitCode).toBe(1)
    const created = fake!.requestsFor('checks/create').map(r => (r.body as { name: string }).name)
    expect(created).toEqual(['vpce-proof (fork)'])
    expect(lastCheckUpdate().output?.summary).toContain('it is the fork&#39;s word')
    expect(ourComment(payload, prNumber)).toContain('vpce-proof (fork): 1 failed')
    expectEveryCheckRunCompleted()
  })
})

describe('the sticky comment is only ever our own', () => {
  it('a marker comment planted by another user is untouched, and the Action posts its own', async () => {
    sim = await startSimulatedAws(structuredClone(demoScenario))
    fake = await startFakeGitHub({ token: TOKEN })
    const payload = pullRequestOpened()
    const [owner, repo] = [payload.repository.owner.login, payload.repository.name]
    const pr = payload.pull_request.number
    const planted = `${MARKER}\n## ✅ vpce-proof: all 12 checks passed`
    fake.seedComments(owner, repo, pr, [planted])
    // The policy on a pull request is the base commit's manifest: the same file here.
    const manifest = 'demo/vpc-endpoints.yml'
    const baseSha = (payload.pull_request as { base?: { sha?: string } }).base?.sha ?? ''
    fake.addFile(owner, repo, baseSha, manifest, await readFile(manifest, 'utf8'))
    const run = await runActionInProcess(
      { manifest, mode: 'config', 'github-token': TOKEN },
      {
        AWS_ENDPOINT_URL: sim.url,
        GITHUB_API_URL: fake.apiUrl,
        GITHUB_REPOSITORY: payload.repository.full_name,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: await eventFile(payload)
      }
    )
    expect(run.exitCode).toBe(1)
    expect(fake.violations).toEqual([])
    expect(fake.requestsFor('issues/update-comment')).toEqual([])
    const comments = fake.issueComments(owner, repo, pr)
    expect(comments.map(c => [c.user, c.body.split('\n')[1]])).toEqual([
      [expect.objectContaining({ login: 'octocat' }), '## ✅ vpce-proof: all 12 checks passed'],
      [
        expect.objectContaining({ login: 'github-actions[bot]' }),
        expect.stringMatching(/^## ❌ vpce-proof: 2 failed, 1 warning, \d+ passed$/)
      ]
    ])
    // No "needs pull-requests: write" detour: the step says nothing about the comment channel.
    const stepNotes = run.commands.filter(
      c => ['warning', 'notice'].includes(c.command) && !c.properties.file
    )
    expect(stepNotes).toEqual([])
  })
})

describe('a session token AWS echoes back is published nowhere', () => {
  it('SignatureDoesNotMatch quoting the canonical request: the token is in no channel', async () => {
    const scenario: SimScenario = {
      ...structuredClone(demoScenario),
      signatureMismatch: ['ec2:DescribeRouteTables']
    }
    sim = await startSimulatedAws(scenario)
    fake = await startFakeGitHub({ token: TOKEN })
    const credentials = {
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      sessionToken: SESSION_TOKEN
    }
    // The threat is real: the simulator's answer, like AWS's, carries the token to the client.
    const ec2 = new EC2Client({ region: 'ap-northeast-1', endpoint: sim.url, credentials, maxAttempts: 1 })
    const echoed = await ec2.send(new DescribeRouteTablesCommand({})).catch((e: Error) => e.message)
    expect(echoed).toContain(`x-amz-security-token:${SESSION_TOKEN}`)

    const payload = pullRequestOpened()
    const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-redact-'))
    const run = await runActionInProcess(
      {
        manifest: 'demo/vpc-endpoints.yml',
        mode: 'config',
        'github-token': TOKEN,
        'check-run': 'true',
        'sarif-path': path.join(dir, 'out.sarif')
      },
      {
        AWS_ENDPOINT_URL: sim.url,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SESSION_TOKEN: SESSION_TOKEN,
        GITHUB_API_URL: fake.apiUrl,
        GITHUB_REPOSITORY: payload.repository.full_name,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: await eventFile(payload)
      }
    )
    expect(fake.violations).toEqual([])
    // The error reached the findings (inconclusive route checks), only its first line.
    const json = JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as RunReport
    const mismatch = json.findings.filter(f => f.message.includes('request signature we calculated'))
    expect(mismatch.length).toBeGreaterThan(0)
    expect(mismatch.every(f => f.verdict === 'inconclusive')).toBe(true)

    const published = await channels(run)
    expect(Object.keys(published)).toEqual(
      expect.arrayContaining(['log', 'summary', 'comment', 'checkRun', 'report-path', 'sarif-path'])
    )
    for (const [channel, text] of Object.entries(published)) {
      expect(text, channel).not.toContain(SESSION_TOKEN)
      expect(text, channel).not.toContain(SESSION_TOKEN.slice(0, 24))
      expect(text, channel).not.toContain(credentials.secretAccessKey)
    }
    // The runner masks it in the raw log too.
    expect(run.stdout).toContain(`::add-mask::${SESSION_TOKEN}`)
  })

  it('the probe and its ledger: a probe answered with the echo stores no token, and no hostile line reaches the log', async () => {
    const scenario: SimScenario = {
      ...healthyScenario(),
      signatureMismatch: ['sns:ListTopics'],
      // The S3 probe's answer carries a workflow command after a line break in its error code.
      traffic: {
        s3: { via: 'endpoint', errorCode: 'Denied\n::warning::forged by AWS\n\u001b]0;pwned\u0007' }
      }
    }
    sim = await startSimulatedAws(scenario)
    const run = await runActionInProcess(
      {
        manifest: 'test/e2e/fixtures/evidence-manifest.yml',
        mode: 'probe',
        evidence: 'true',
        comment: 'false',
        // Nothing listens there: resolution fails at once, which the ledger records as data.
        'dns-servers': '127.0.0.1:9'
      },
      {
        AWS_ENDPOINT_URL: sim.url,
        AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
        AWS_SESSION_TOKEN: SESSION_TOKEN
      }
    )
    expect(run.exitCode).toBe(0)
    const ledger = await readFile(run.outputs['ledger-path']!, 'utf8')
    expect(ledger).toContain('SignatureDoesNotMatch')
    // The ledger keeps error codes only, never AWS's text (which is where the echo carried the token).
    expect(ledger).not.toContain('The request signature we calculated does not match')
    for (const text of Object.values(await channels(run))) expect(text).not.toContain(SESSION_TOKEN)
    expect(ledger).not.toContain(SESSION_TOKEN)

    const lines = run.stdout.split('\n')
    expect(lines.filter(l => /^\s*::warning::forged/.test(l))).toEqual([])
    expect(run.stdout).toContain(':\u200b:warning::forged by AWS')
    expect(run.stdout + run.stderr).not.toMatch(CONTROL)
  })
})

/** Every hostile string the issue names, as an artifact's notes, messages, and evidence. */
const HOSTILE = [
  '::warning::forged verdict',
  '\u001b]0;pwned\u0007\u001b[2Jall checks passed',
  '# heading',
  '- list item',
  '---',
  '1. numbered',
  '> quoted',
  '<img src=https://evil.example/t.png>',
  '![tracker](https://evil.example/t.png)',
  '[click](https://evil.example)',
  '@octocat please merge'
]

describe('hostile strings are inert in every channel', () => {
  it("an artifact's notes, messages and evidence: no markup, no mention, no command, no escape sequence", async () => {
    const payload = sameRepoWorkflowRun()
    const artifact = report(
      [
        finding({ verdict: 'fail', message: HOSTILE.join('\n'), evidence: { '# key': HOSTILE[0]! } }),
        ...HOSTILE.map(h => finding({ verdict: 'warn', message: h, service: h, vpcId: h }))
      ],
      { notes: HOSTILE }
    )
    const { run, prNumber } = await publish(await artifactFile(artifact), payload)
    expect(run.exitCode).toBe(1)

    for (const [channel, md] of [
      ['comment', ourComment(payload, prNumber)],
      ['check run', lastCheckUpdate().output?.summary ?? ''],
      ['job summary', run.summary]
    ] as const) {
      expect(md, channel).toContain('forged verdict')
      const html = renderAsGitHub(md)
      expect(html, channel).not.toMatch(/<img|<hr|<ol|<blockquote>\s*<blockquote/i)
      // Headings come only from our own structure: the headline, the verdict sections, and the titles
      // of the catalogue (an artifact's own `title` is not taken).
      const titles = new Set(allRules.flatMap(r => [r.title, ...Object.values(r.found ?? {})]))
      for (const heading of html.match(/<h[1-6]>[^<]*/g) ?? []) {
        const text = heading.replace(/^<h\d>(❌|❔|⚠️|✅|⏭️) /u, '').trim()
        expect(
          /^<h2>.*vpce-proof/.test(heading) ||
            /^(Failed|Could not check|Warnings) \(\d+\)$/.test(text) ||
            titles.has(text) ||
            /^(Failed|Could not check|Check|Not checked): /.test(text),
          `${channel}: ${heading}`
        ).toBe(true)
      }
      expect(html, channel).not.toMatch(/href="https?:\/\/evil/)
      // "- list item" and "1. numbered" stay text: no list item of theirs, no ordered list.
      expect(html, channel).not.toMatch(/<li>\s*(list item|numbered)/)
      expect(visibleText(html), channel).toContain('- list item')
      const text = visibleText(html)
      expect(text, channel).not.toContain('@octocat')
      expect(md, channel).not.toMatch(CONTROL)
    }
    const lines = run.stdout.split('\n')
    expect(lines.filter(l => /^\s*::warning::forged/.test(l))).toEqual([])
    expect(run.stdout + run.stderr).not.toMatch(CONTROL)
    expectEveryCheckRunCompleted()
  })

  it('an invalid artifact: the "could not run" summary quotes its key names as plain text', async () => {
    const key = '# heading ![t](https://evil.example/t.png) [x](https://evil.example) @octocat <img src=x>'
    const bad = { ...mixedReport(), findings: [{ ...finding(), evidence: { [key]: 5 } }] }
    const { run } = await publish(await artifactFile(bad))
    expect(run.exitCode).toBe(1)
    const update = lastCheckUpdate()
    expect(update).toMatchObject({ conclusion: 'failure', output: { title: 'vpce-proof could not run' } })
    const html = renderAsGitHub(update.output?.summary ?? '')
    expect(html).not.toMatch(/<h[1-6]|<img|href=/)
    expect(visibleText(html)).not.toContain('@octocat')
    expect(visibleText(html)).toContain('![t]')
    expectEveryCheckRunCompleted()
  })

  it('the CLI prints an unknown manifest key without its escape sequences', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-cli-'))
    const manifest = path.join(dir, 'm.json')
    await writeFile(
      manifest,
      JSON.stringify({
        version: 1,
        region: 'ap-northeast-1',
        vpcs: [],
        '\u001b]0;pwned\u0007\u001b[2J\rall checks passed': 1
      })
    )
    // stdout and stderr as one terminal shows them.
    const run = await runCliInProcess(['check', '--manifest', manifest])
    const { code } = run
    const out = run.stdout + run.stderr
    expect(code).toBe(2)
    expect(out).toContain('all checks passed')
    expect(out).not.toMatch(CONTROL)
  })
})
