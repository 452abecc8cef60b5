import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { pullRequestOpened } from '../fake-github/payloads.js'
import { startFakeGitHub, type FakeGitHub } from '../fake-github/server.js'
import { runActionInProcess } from './run-action.js'
import { runCliInProcess } from './run-cli.js'

/**
 * Issue 8 items 1 and 2 through the Action's entry function (runActionInProcess; action-entry.test.ts shows dist/index.js gives the same step): on a pull request the policy is the base commit's manifest (read
 * with the real Octokit from the OpenAPI-checked fake's contents API), the PR's manifest is a diff, and accounts
 * outside `allowed-accounts` stop the run at their line before any AWS call.
 */

const TOKEN = 'ghs_e2ePolicyToken0123456789ABCDEFGHIJ'
const MANIFEST = '.github/vpc-endpoints.yml'
const MARKER = '<!-- vpce-proof:vpce-proof -->'
const ROOT = path.resolve(import.meta.dirname, '../..')

let sim: SimulatedAws | undefined
let fake: FakeGitHub | undefined

afterEach(async () => {
  await fake?.close()
  await sim?.close()
  fake = undefined
  sim = undefined
})

const DEMO = await readFile(path.join(ROOT, 'demo/vpc-endpoints.yml'), 'utf8')

const EMPTIED = [
  'version: 1',
  'region: ap-northeast-1',
  'vpcs:',
  '  - id: vpc-0a1b2c3d4e5f60718',
  "    account: '123456789012'",
  '    endpoints: []',
  ''
].join('\n')

/** One step on a pull_request event, the head manifest checked out in a workspace of its own. */
async function runOnPullRequest(opts: { head: string; base?: string; inputs?: Record<string, string> }) {
  sim ??= await startSimulatedAws(structuredClone(demoScenario))
  fake ??= await startFakeGitHub({ token: TOKEN })
  const payload = pullRequestOpened()
  const [owner, repo] = [payload.repository.owner.login, payload.repository.name]
  const baseSha = (payload.pull_request as unknown as { base: { sha: string } }).base.sha
  if (opts.base !== undefined) fake.addFile(owner, repo, baseSha, MANIFEST, opts.base)
  const workspace = await mkdtemp(path.join(tmpdir(), 'vpce-proof-policy-'))
  await mkdir(path.join(workspace, '.github'))
  await writeFile(path.join(workspace, MANIFEST), opts.head)
  const eventPath = path.join(workspace, 'event.json')
  await writeFile(eventPath, JSON.stringify(payload))
  const run = await runActionInProcess(
    { manifest: MANIFEST, mode: 'config', 'github-token': TOKEN, ...opts.inputs },
    {
      GITHUB_WORKSPACE: workspace,
      AWS_ENDPOINT_URL: sim.url,
      GITHUB_API_URL: fake.apiUrl,
      GITHUB_REPOSITORY: payload.repository.full_name,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1'
    }
  )
  expect(fake.violations).toEqual([])
  const comments = fake
    .issueComments(owner, repo, payload.pull_request.number)
    .filter(c => c.body.startsWith(MARKER))
  const report = run.outputs['report-path']
    ? (JSON.parse(await readFile(run.outputs['report-path'], 'utf8')) as {
        findings: {
          ruleId: string
          verdict: string
          location: { file: string; line: number }
          message: string
        }[]
        notes: string[]
      })
    : undefined
  return { run, comment: comments[0]?.body ?? '', report, baseSha }
}

describe('on a pull request the policy is the base branch manifest', () => {
  it('still fails a PR that empties its own endpoints, and shows the weakening at the head line', async () => {
    const { run, comment, report, baseSha } = await runOnPullRequest({ head: EMPTIED, base: DEMO })

    // The base policy's failing endpoints (KMS private DNS off, S3 route) still fail the step.
    expect(run.exitCode).toBe(1)
    expect(fake!.requestsFor('repos/get-content').map(r => [r.query['ref'], r.status])).toEqual([
      [baseSha, 200]
    ])
    const failing = report!.findings.filter(f => f.verdict === 'fail')
    expect(failing.length).toBeGreaterThan(0)
    // Base findings land on the head file, never on a base-only line: the emptied file has 6 lines.
    expect(report!.findings.every(f => f.location.line <= 6)).toBe(true)

    const weakened = report!.findings.filter(f => f.ruleId === 'policy-not-weakened')
    expect(weakened.map(f => [f.verdict, f.location.line])).toEqual([
      ['warn', 6],
      ['warn', 6],
      ['warn', 6]
    ])
    expect(weakened.map(f => f.message)).toEqual([
      expect.stringMatching(/^This pull request weakens the policy: endpoint sns \(Interface\) removed/),
      expect.stringMatching(/endpoint kms \(Interface\) removed/),
      expect.stringMatching(/endpoint s3 \(Gateway\) removed/)
    ])
    const annotations = run.commands.filter(c => c.command === 'warning' && c.properties.file === MANIFEST)
    expect(annotations.map(a => a.properties.line)).toContain('6')
    expect(annotations.some(a => a.message.includes('weakens the policy'))).toBe(true)
    expect(comment).toContain('weakens the policy')
    expect(comment).toMatch(/failed/)
  })

  it('checks what the base declares even when the PR turns off private DNS and the probe', async () => {
    const head = DEMO.replace(
      '      - service: kms\n        type: Interface\n',
      '      - service: kms\n        type: Interface\n        private-dns: false\n        probe: false\n'
    )
    expect(head).not.toBe(DEMO)
    const { run, report } = await runOnPullRequest({ head, base: DEMO })
    expect(run.exitCode).toBe(1)
    const kmsDns = report!.findings.filter(f => f.message.includes('kms') && f.verdict === 'fail')
    expect(kmsDns.length).toBeGreaterThan(0)
    const weakened = report!.findings.filter(f => f.ruleId === 'policy-not-weakened')
    expect(weakened.map(f => f.message.match(/weakens the policy: ([^.]*)/)?.[1])).toEqual([
      'kms: private-dns true → false',
      'kms: probe (default) → false'
    ])
  })

  it('uses the head manifest with a warning when the base commit has none (the PR adds it)', async () => {
    const { run, report } = await runOnPullRequest({ head: EMPTIED })
    expect(fake!.requestsFor('repos/get-content').map(r => r.status)).toEqual([404])
    const fallback = report!.findings.filter(f => f.ruleId === 'policy-from-base')
    expect(fallback.map(f => [f.verdict, f.location.line])).toEqual([['warn', 1]])
    expect(run.stdout).toMatch(/::warning::The base commit has no \.github\/vpc-endpoints\.yml/)
  })

  it('lists endpoints the PR adds as checked after merge, not as checked now', async () => {
    const head = DEMO.replace(
      '    endpoints:\n',
      '    endpoints:\n      - service: sqs\n        type: Interface\n'
    )
    const { report } = await runOnPullRequest({ head, base: DEMO })
    expect(report!.findings.some(f => f.message.includes('sqs'))).toBe(false)
    expect(report!.notes.join('\n')).toMatch(/checked after merge.*endpoint sqs \(Interface\) added/)
  })
})

describe('allowed-accounts', () => {
  const withRole = (account: string) =>
    DEMO.replace(
      "    account: '123456789012'\n",
      `    account: '123456789012'\n    role-arn: arn:aws:iam::${account}:role/vpce-proof\n`
    )

  it('stops at the role-arn line with exit 2 and makes no AWS call', async () => {
    const head = withRole('999999999999')
    const { run } = await runOnPullRequest({
      head,
      base: head,
      inputs: { 'allowed-accounts': '123456789012' }
    })
    expect(run.exitCode).toBe(1) // the runner's failed step; the CLI's exit 2 is below
    const errors = run.commands.filter(c => c.command === 'error' && c.properties.file === MANIFEST)
    expect(errors.map(e => [e.properties.line, e.message])).toEqual([
      [
        '8',
        'vpcs[0].role-arn: role-arn arn:aws:iam::999999999999:role/vpce-proof is in account 999999999999, which is not in allowed-accounts (123456789012)'
      ]
    ])
    expect(sim!.callCount()).toBe(0)
  })

  it("refuses a role the PR's own manifest adds when it checks against the head (manifest-ref: head)", async () => {
    const { run } = await runOnPullRequest({
      head: withRole('999999999999'),
      base: DEMO,
      inputs: { 'manifest-ref': 'head' }
    })
    const errors = run.commands.filter(c => c.command === 'error' && c.properties.file === MANIFEST)
    expect(errors.map(e => e.properties.line)).toEqual(['8'])
    expect(errors[0]!.message).toMatch(
      /comes from the pull request's own manifest and is not in the base branch's/
    )
    expect(sim!.callCount()).toBe(0)
  })
})

describe('--allowed-accounts in the CLI', () => {
  it('exits 2 at the account line before any AWS call', async () => {
    sim = await startSimulatedAws(structuredClone(demoScenario))
    const { code, stderr } = await runCliInProcess(
      ['check', '--manifest', 'demo/vpc-endpoints.yml', '--allowed-accounts', '111111111111,222222222222'],
      {
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        AWS_ENDPOINT_URL: sim.url
      }
    )
    expect(code).toBe(2)
    expect(stderr).toContain(
      'demo/vpc-endpoints.yml:7:14: vpcs[0].account: account 123456789012 is not in allowed-accounts (111111111111, 222222222222)'
    )
    expect(sim.callCount()).toBe(0)
  })
})

describe('suppressions on a pull request', () => {
  /** The demo manifest with both of its failures accepted; no `expires`, so no clock is involved. */
  const SUPPRESSING = `${DEMO}ignore:
  - rule: private-dns-enabled
    service: kms
    reason: KMS private DNS stays off until the resolver migration (NET-1234)
  - rule: gateway-route-present
    service: s3
    reason: the main route table is replaced in NET-1240
`
  const ignoreLine = SUPPRESSING.split('\n').indexOf('ignore:') + 2

  it('a PR that adds ignore entries for its failures still fails, each entry a weakening at its line', async () => {
    const { run, report } = await runOnPullRequest({ head: SUPPRESSING, base: DEMO })
    expect(run.exitCode).toBe(1)
    const findings = report!.findings as {
      verdict: string
      ruleId: string
      suppressed?: object
      location: { line: number }
    }[]
    expect(findings.filter(f => f.suppressed)).toEqual([])
    expect(findings.filter(f => f.verdict === 'fail').length).toBe(2)
    expect(findings.filter(f => f.ruleId === 'policy-not-weakened').map(f => f.location.line)).toEqual([
      ignoreLine,
      ignoreLine + 3
    ])
  })

  it('the same entries on the base branch suppress: the step is green, the findings keep their verdict', async () => {
    const { run, report } = await runOnPullRequest({ head: SUPPRESSING, base: SUPPRESSING })
    expect(run.exitCode).toBe(0)
    const findings = report!.findings as { verdict: string; suppressed?: { location: { line: number } } }[]
    expect(findings.filter(f => f.suppressed).map(f => [f.verdict, f.suppressed?.location.line])).toEqual([
      ['fail', ignoreLine],
      ['fail', ignoreLine + 3]
    ])
  })
})
