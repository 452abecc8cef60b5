import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { startDeadline } from '../../src/core/deadline.js'
import type { RunOptions } from '../../src/core/options.js'
import { executeRun } from '../../src/core/run.js'
import { grantedActions, leastPrivilegePolicy, needsOf } from '../../src/iam/least-privilege.js'
import { parseManifest } from '../../src/manifest/load.js'
import { readJsonReport, writeJsonReport } from '../../src/report/json-report.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { collectingLog, REGION, RUNNER_ENI, reachScenario, SUBNET_A, VPC } from './fixtures.js'

/** The switch, through the whole run: off costs nothing; on, the run's deadline bounds it and it cleans up. */
const NETWORK_INSIGHTS = [
  'CreateNetworkInsightsPath',
  'StartNetworkInsightsAnalysis',
  'DescribeNetworkInsightsAnalyses',
  'DeleteNetworkInsightsAnalysis',
  'DeleteNetworkInsightsPath'
]

const MANIFEST = `version: 1
region: ${REGION}
vpcs:
  - id: ${VPC}
    reachability-source: ${RUNNER_ENI}
    endpoints:
      - service: sns
      - service: s3
        type: Gateway
`

let dir: string
let sim: SimulatedAws | undefined
const saved = { ...process.env }
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vpce-proof-reach-'))
  await writeFile(join(dir, 'vpc-endpoints.yml'), MANIFEST)
})
afterAll(() => rm(dir, { recursive: true, force: true }))
afterEach(async () => {
  await sim?.close()
  sim = undefined
  process.env = { ...saved }
})

async function run(reachability: boolean, timeoutMs = 60_000, scenario = reachScenario()) {
  sim = await startSimulatedAws(scenario)
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: 'true'
  })
  const options: RunOptions = {
    manifestPath: join(dir, 'vpc-endpoints.yml'),
    manifestDisplayPath: 'vpc-endpoints.yml',
    defaultRegion: REGION,
    mode: 'config',
    failOn: ['fail', 'inconclusive'],
    evidence: false,
    evidenceTimeoutMs: 10 * 60_000,
    dnsServers: [],
    ledgerPath: join(dir, 'ledger.json'),
    reportPath: '',
    reachability,
    timeoutMs
  }
  const deadline = startDeadline(timeoutMs)
  const { log, lines } = collectingLog()
  const started = Date.now()
  const report = await executeRun(options, {
    aws: new AwsClientFactory({ signal: deadline.signal }),
    log,
    env: { ...process.env },
    deadline
  }).finally(() => deadline.dispose())
  return { report, lines, tookMs: Date.now() - started }
}

describe('reachability switch', () => {
  it('off (the default): no network-insights call, no finding, no permission', async () => {
    const { report } = await run(false)
    for (const op of NETWORK_INSIGHTS) expect(sim!.callCount(op)).toBe(0)
    expect(report.findings.filter(f => f.ruleId.startsWith('reachability-'))).toEqual([])
    const manifest = parseManifest(MANIFEST, 'vpc-endpoints.yml', { defaultRegion: REGION })
    const granted = grantedActions(leastPrivilegePolicy(needsOf(manifest, true)))
    expect(granted.filter(a => /NetworkInsights|tiros:|CreateTags/.test(a))).toEqual([])
  })

  it('on: config mode analyses from the declared reachability-source and reports the hops in the JSON report', async () => {
    const { report, lines } = await run(true)
    const found = report.findings.filter(f => f.ruleId === 'reachability-path-found')
    expect(found.map(f => [f.service, f.verdict])).toEqual([
      ['sns', 'pass'],
      ['s3', 'pass']
    ])
    expect(found[0]!.message).toContain(`${RUNNER_ENI} (reachability-source)`)
    expect(found[0]!.networkPath?.[0]).toMatchObject({ id: RUNNER_ENI, subnetId: SUBNET_A })
    // The hop list survives the JSON report and mode: publish's schema check.
    const file = join(dir, 'report.json')
    await writeJsonReport(report, file)
    const read = await readJsonReport(file)
    const path = read.findings.find(f => f.ruleId === 'reachability-path-found' && f.service === 'sns')
    expect(path?.networkPath).toHaveLength(6)
    expect(path?.networkPath).toEqual(found[0]!.networkPath)
    expect(lines.join('\n')).toContain('AWS charges for each analysis')
    expect(sim!.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
    const manifest = parseManifest(MANIFEST, 'vpc-endpoints.yml', { defaultRegion: REGION })
    expect(grantedActions(leastPrivilegePolicy(needsOf(manifest, false, { reachability: true })))).toEqual(
      expect.arrayContaining([
        ...NETWORK_INSIGHTS.map(op => `ec2:${op}`),
        'ec2:CreateTags',
        'tiros:CreateQuery'
      ])
    )
  })

  it('the run deadline arrives mid-analysis: inconclusive, cleaned up, and the run ends before its deadline', async () => {
    const scenario = reachScenario({
      reachability: { analysisDelayMs: 10 * 60_000, sources: { [RUNNER_ENI]: { subnetId: SUBNET_A } } }
    })
    // 4 s leaves the analyses a wait of about 2 s (cleanup and report reserves off), room for two polls.
    const { report, tookMs } = await run(true, 4_000, scenario)
    expect(tookMs).toBeLessThan(4_000)
    const found = report.findings.filter(f => f.ruleId === 'reachability-path-found')
    expect(found.map(f => f.verdict)).toEqual(['inconclusive', 'inconclusive'])
    expect(found[0]!.message).toContain('had not finished')
    expect(sim!.callCount('DescribeNetworkInsightsAnalyses')).toBeGreaterThan(1)
    expect(sim!.networkInsightsCreated()).toEqual({ paths: 2, analyses: 2 })
    expect(sim!.networkInsightsLeft()).toEqual({ paths: [], analyses: [] })
  })
})
