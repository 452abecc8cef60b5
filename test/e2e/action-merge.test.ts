import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { interfaceEndpoint, scenario, vpc } from '../../sim/defaults.js'
import type { SimVpc } from '../../sim/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import type { RunReport } from '../../src/core/run-report.js'
import { pullRequestOpened } from '../fake-github/payloads.js'
import { startFakeGitHub, type FakeGitHub } from '../fake-github/server.js'
import { sarifValidator } from '../report/sarif-schema.js'
import { runActionInProcess, type ActionRun } from './run-action.js'
import { runCliInProcess } from './run-cli.js'

/**
 * Issue 12's "Done means" for `merge`, through the Action's entry (the CLI's `merge` through dist/): a
 * matrix of three shard jobs (each its own account's AWS, as each job of a real matrix has its own OIDC role)
 * writes three JSON reports; the merge job on the same pull_request run folds them into one sticky comment and one check run. A missing shard fails it;
 * with all three present the verdict is the worst shard's; a forged shard report cannot make it green.
 */

const TOKEN = 'ghs_mergeE2eInstallationToken0123456789AB'
const MANIFEST = 'test/e2e/fixtures/matrix-manifest.yml'
const MARKER = '<!-- vpce-proof:vpce-proof -->'
const RUN_ID = '5151'
const SHA = 'a'.repeat(40)
const SHARDS = [
  '111111111111/ap-northeast-1',
  '222222222222/ap-northeast-1',
  '222222222222/eu-west-1'
] as const

let fake: FakeGitHub | undefined
const sims: SimulatedAws[] = []
afterEach(async () => {
  await fake?.close()
  for (const sim of sims.splice(0)) await sim.close()
  fake = undefined
})

function account(id: string, vpcs: SimVpc[]) {
  return startSimulatedAws(scenario({ accountId: id, vpcs }))
}

function vpcWithSns(id: string, region: string, privateDnsEnabled = true): SimVpc {
  const v = vpc({ id, region, subnets: 1 })
  v.endpoints = [
    interfaceEndpoint({ region, service: 'sns', subnetIds: [v.subnets[0]!.id], privateDnsEnabled })
  ]
  return v
}

/** Two accounts, three account-regions; `brokenEu`: the eu-west-1 VPC's SNS endpoint has private DNS off. */
async function organisation(brokenEu = false): Promise<Record<string, SimulatedAws>> {
  const one = await account('111111111111', [vpcWithSns('vpc-0a1111111111111a1', 'ap-northeast-1')])
  const two = await account('222222222222', [
    vpcWithSns('vpc-0b2222222222222b2', 'ap-northeast-1'),
    vpcWithSns('vpc-0c3333333333333c3', 'eu-west-1', !brokenEu)
  ])
  sims.push(one, two)
  return { [SHARDS[0]]: one, [SHARDS[1]]: two, [SHARDS[2]]: two }
}

interface Workflow {
  payload: ReturnType<typeof pullRequestOpened>
  eventPath: string
  /** Where download-artifact would put the artifacts: one folder per artifact. */
  artifacts: string
}

async function workflow(): Promise<Workflow> {
  fake = await startFakeGitHub({ token: TOKEN })
  const payload = pullRequestOpened()
  const [owner, repo] = [payload.repository.owner.login, payload.repository.name]
  const baseSha = (payload.pull_request as { base?: { sha?: string } }).base?.sha ?? ''
  fake.addFile(owner, repo, baseSha, MANIFEST, await readFile(MANIFEST, 'utf8'))
  const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-matrix-'))
  const eventPath = path.join(dir, 'event.json')
  await writeFile(eventPath, JSON.stringify(payload))
  const artifacts = path.join(dir, 'reports')
  await mkdir(artifacts)
  return { payload, eventPath, artifacts }
}

function runnerEnv(w: Workflow, job: string): Record<string, string> {
  return {
    GITHUB_API_URL: fake!.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: w.payload.repository.full_name,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: w.eventPath,
    GITHUB_SHA: SHA,
    GITHUB_RUN_ID: RUN_ID,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: job
  }
}

/**
 * One matrix job: its account's AWS, `shard`, no comment or check run; its report "uploaded" as an artifact.
 * A config-mode step, run through the Action's entry function (action-entry.test.ts shows dist/index.js gives
 * the same step), as is the merge job.
 */
async function shardJob(w: Workflow, shard: string, aws: SimulatedAws): Promise<string> {
  const run = await runActionInProcess(
    { manifest: MANIFEST, mode: 'config', shard, 'github-token': TOKEN, comment: 'false' },
    { ...runnerEnv(w, 'check'), AWS_ENDPOINT_URL: aws.url, AWS_REGION: shard.split('/')[1]! }
  )
  // 0 or 1 by its own verdict; 2 or 3 would be a job that could not report.
  expect([0, 1]).toContain(run.exitCode)
  const artifact = path.join(w.artifacts, `vpce-proof-${shard.replace('/', '-')}`)
  await mkdir(artifact)
  const file = path.join(artifact, 'vpce-proof-report.json')
  await writeFile(file, await readFile(run.outputs['report-path']!, 'utf8'))
  return file
}

async function mergeJob(w: Workflow, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const run = await runActionInProcess(
    {
      manifest: MANIFEST,
      mode: 'merge',
      'shard-reports': w.artifacts,
      'github-token': TOKEN,
      'check-run': 'true',
      'sarif-path': path.join(w.artifacts, '..', 'merged.sarif'),
      ...inputs
    },
    runnerEnv(w, 'merge')
  )
  expect(fake!.violations).toEqual([])
  return run
}

function comments(w: Workflow) {
  const [owner, repo] = [w.payload.repository.owner.login, w.payload.repository.name]
  return fake!
    .issueComments(owner, repo, w.payload.pull_request.number)
    .filter(c => c.body.startsWith(MARKER))
}

function checkRuns() {
  return [...fake!.checkRuns.values()]
}

async function mergedReport(run: ActionRun): Promise<RunReport> {
  return JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as RunReport
}

describe('mode: merge through the action', () => {
  it('three shards, one missing: one comment and one check run, failing for the missing shard', async () => {
    const aws = await organisation()
    const w = await workflow()
    await shardJob(w, SHARDS[0], aws[SHARDS[0]]!)
    await shardJob(w, SHARDS[2], aws[SHARDS[2]]!)
    // The 222222222222/ap-northeast-1 job failed before it uploaded anything.

    const merge = await mergeJob(w)
    expect(merge.exitCode).toBe(1)
    expect(merge.outputs['result']).toBe('fail')
    const [run, ...otherRuns] = checkRuns()
    expect(otherRuns).toEqual([])
    expect(run!.data).toMatchObject({ name: 'vpce-proof', status: 'completed', conclusion: 'failure' })
    expect(run!.data.head_sha).toBe(w.payload.pull_request.head.sha)
    const [comment, ...otherComments] = comments(w)
    expect(otherComments).toEqual([])
    for (const text of [comment!.body, JSON.stringify(run!.data), merge.summary])
      expect(text).toContain(`shard ${SHARDS[1]} missing`)
    // The annotation is on the missing shard's VPC line of the manifest.
    const errors = merge.commands.filter(c => c.command === 'error' && c.properties.file === MANIFEST)
    expect(errors.map(e => [e.properties.line, e.message])).toEqual([
      ['11', `shard ${SHARDS[1]} missing: no report names it. The merged verdict cannot speak for it.`]
    ])
    const report = await mergedReport(merge)
    expect(
      report.findings.filter(f => f.ruleId === 'private-dns-enabled').map(f => f.evidence.shard)
    ).toEqual([SHARDS[0], SHARDS[2]])
    const sarif = JSON.parse(await readFile(merge.outputs['sarif-path']!, 'utf8')) as unknown
    expect(sarifValidator()(sarif)).toBe(true)
  })

  it("all three present: the merged verdict is the worst shard's, each finding showing its shard", async () => {
    const healthy = await organisation()
    const w = await workflow()
    for (const shard of SHARDS) await shardJob(w, shard, healthy[shard]!)
    const green = await mergeJob(w)
    expect(green.exitCode).toBe(0)
    expect(checkRuns().map(r => r.data.conclusion)).toEqual(['success'])
    expect(comments(w)).toHaveLength(1)
    expect(comments(w)[0]!.body).toContain('Merged 3 of 3 expected shards')

    // The next push: eu-west-1's endpoint lost private DNS. A new run, the same sticky comment.
    for (const sim of sims.splice(0)) await sim.close()
    const broken = await organisation(true)
    const w2 = { ...w, artifacts: path.join(w.artifacts, '..', 'reports-2') }
    await mkdir(w2.artifacts)
    for (const shard of SHARDS) await shardJob(w2, shard, broken[shard]!)
    const red = await mergeJob(w2)
    expect(red.exitCode).toBe(1)
    expect(checkRuns().map(r => r.data.conclusion)).toEqual(['success', 'failure'])
    const body = comments(w)
    expect(body).toHaveLength(1)
    const report = await mergedReport(red)
    const failed = report.findings.filter(f => f.verdict === 'fail')
    expect(failed.map(f => [f.ruleId, f.vpcId, f.evidence.shard])).toEqual([
      ['private-dns-enabled', 'vpc-0c3333333333333c3', SHARDS[2]]
    ])
    expect(body[0]!.body).toContain('222222222222/eu-west-1')
  })

  it('a forged shard report cannot make it green: stated pass over failures, another run, a duplicate', async () => {
    const broken = await organisation(true)
    const w = await workflow()
    const files = []
    for (const shard of SHARDS) files.push(await shardJob(w, shard, broken[shard]!))
    const eu = JSON.parse(await readFile(files[2]!, 'utf8')) as RunReport
    // Stated verdict edited to pass.
    await writeFile(files[2]!, JSON.stringify({ ...eu, result: 'pass', counts: { ...eu.counts, fail: 0 } }))
    const forged = await mergeJob(w, { 'fail-on': 'none' })
    expect(forged.exitCode).toBe(1)
    expect(checkRuns().at(-1)!.data.conclusion).toBe('failure')
    expect((await mergedReport(forged)).findings.map(f => f.ruleId)).toContain('report-consistent')

    // Replaced by a green report of an earlier run (its findings all pass).
    const old = JSON.parse(await readFile(files[0]!, 'utf8')) as RunReport
    await writeFile(
      files[2]!,
      JSON.stringify({ ...old, shard: { ...old.shard!, name: SHARDS[2], run: { id: '5150', attempt: '1' } } })
    )
    const stale = await mergeJob(w)
    expect(stale.exitCode).toBe(1)
    expect(stale.summary).toContain('was written by run 5150 attempt 1, not this run (5151)')
    expect(stale.summary).toContain(`shard ${SHARDS[2]} missing`)

    // A second, green copy of a shard next to its real report: neither counts.
    await writeFile(files[2]!, JSON.stringify(eu))
    const copy = path.join(w.artifacts, 'copy')
    await mkdir(copy)
    await writeFile(
      path.join(copy, 'r.json'),
      JSON.stringify({ ...old, shard: { ...old.shard!, name: SHARDS[2] } })
    )
    const duplicated = await mergeJob(w)
    expect(duplicated.exitCode).toBe(1)
    expect(duplicated.summary).toContain(`is one of 2 reports for shard ${SHARDS[2]}`)
    expect(checkRuns().every(r => r.data.conclusion === 'failure')).toBe(true)
    expect(comments(w)).toHaveLength(1)
  })
})

describe('vpce-proof merge (the CLI entry; cli-parity.test.ts runs a merge through the packaged bin too)', () => {
  it('merges shard reports from files and folders and exits by the merged verdict', async () => {
    const aws = await organisation()
    const w = await workflow()
    const files = []
    for (const shard of SHARDS.slice(0, 2)) files.push(await shardJob(w, shard, aws[shard]!))
    const env = { GITHUB_RUN_ID: RUN_ID, GITHUB_SHA: SHA }
    const missing = await runCliInProcess(['merge', w.artifacts, '--manifest', MANIFEST], env)
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain(`shard ${SHARDS[2]} missing`)
    expect(missing.stdout).toMatch(/^FAILED: 18 passed, 1 failed/m)
    // The note every shard made (where its policy came from) is shown once.
    expect(missing.stdout.match(/NOTE The policy is /g)).toHaveLength(1)

    const listed = await runCliInProcess(
      ['merge', ...files, '--expected-shards', SHARDS.slice(0, 2).join(',')],
      env
    )
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/^PASSED: 18 passed, 0 failed/m)

    const help = await runCliInProcess(['merge', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: vpce-proof merge [options] <REPORT...>')
    expect(help.stdout).toContain('--expected-shards <LIST>')
  })
})
