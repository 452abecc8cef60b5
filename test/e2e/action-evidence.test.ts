import { readFile } from 'node:fs/promises'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import * as path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SimScenario } from '../../sim/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { startDnsServer, type DnsServer } from '../../sim/dns/server.js'
import { evidenceScenario, KMS_ENI_IP } from './evidence-scenario.js'
import { runActionInProcess, type ActionRun } from './run-action.js'
import { isEvidence } from '../../src/catalogue.js'
import { skippingClock } from '../clock/skipping-clock.js'
import { clientConfig } from '../sim/helpers.js'

/**
 * The traffic evidence through the Action's entry, the runner's way: probes signed and sent to the simulated
 * services, found again in CloudTrail LookupEvents, and the service hostnames resolved by a real DNS server.
 * Each run is on simulated time (a skipping clock the simulator shares), so CloudTrail's delivery delay and
 * the polling pass without waiting. action-entry.test.ts runs an evidence step through dist/index.js.
 */
const MANIFEST = 'test/e2e/fixtures/evidence-manifest.yml'
const scenario = evidenceScenario

let dns: DnsServer
let dnsPublicKms: DnsServer
let sim: SimulatedAws | undefined

beforeAll(async () => {
  const sns = { host: 'sns.ap-northeast-1.amazonaws.com', ipv4: ['10.0.1.77', '10.0.2.77'] }
  dns = await startDnsServer({
    records: [sns, { host: 'kms.ap-northeast-1.amazonaws.com', ipv4: [KMS_ENI_IP] }]
  })
  dnsPublicKms = await startDnsServer({
    records: [sns, { host: 'kms.ap-northeast-1.amazonaws.com', ipv4: ['52.119.160.5'] }]
  })
})
afterAll(async () => {
  await dns?.stop()
  await dnsPublicKms?.stop()
})
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

async function proof(s: SimScenario, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const clock = skippingClock()
  sim = await startSimulatedAws(s, { now: clock.now })
  return runActionInProcess(
    { manifest: MANIFEST, comment: 'false', 'evidence-timeout': '8s', 'dns-servers': dns.server, ...inputs },
    { AWS_ENDPOINT_URL: sim.url },
    { clock }
  )
}

async function findings(run: ActionRun) {
  const report = JSON.parse(await readFile(run.outputs['report-path']!, 'utf8'))
  return report.findings as {
    ruleId: string
    verdict: string
    service?: string
    message: string
    evidence: Record<string, string>
  }[]
}

describe('traffic evidence through the action', () => {
  it('passes when every probe is recorded through its endpoint and DNS answers are the ENI IPs', async () => {
    const run = await proof(scenario())
    const all = await findings(run)
    const evidence = all.filter(f => isEvidence(f.ruleId))
    expect(evidence.filter(f => f.verdict !== 'pass' && f.verdict !== 'skipped')).toEqual([])
    // Gateway services resolve to public IPs by design: their DNS check is skipped, not failed; the VPC
    // declares no `egress`, so its internet test is skipped with that reason.
    expect(evidence.filter(f => f.verdict === 'skipped').map(f => [f.ruleId, f.service])).toEqual([
      ['egress-blocked', undefined],
      ['dns-resolves-to-endpoint', 's3']
    ])
    expect(
      evidence
        .filter(f => f.ruleId === 'traffic-via-endpoint')
        .map(f => f.service)
        .sort()
    ).toEqual(['kms', 's3', 'sns'])
    expect(evidence.some(f => f.ruleId === 'dns-resolves-to-endpoint' && f.service === 'sns')).toBe(true)
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('pass')
    expect(run.stdout).toMatch(/CloudTrail: \d\/3 probes found/)
    // The access key id is masked in the log by the runner, but not in what reaches the pull request.
    expect(JSON.stringify(all)).not.toContain('AKIAIOSFODNN7EXAMPLE')
    expect(run.summary).not.toContain('AKIAIOSFODNN7EXAMPLE')
  })

  it('fails when one service goes through NAT, naming the service, the event id and the source IP', async () => {
    const run = await proof(scenario({ traffic: { kms: { via: 'nat', sourceIp: '203.0.113.10' } } }))
    expect(run.exitCode).toBe(1)
    const kms = (await findings(run)).filter(f => f.service === 'kms' && f.verdict === 'fail')
    const path = kms.find(f => f.ruleId === 'traffic-via-endpoint')!
    expect(path.message).toMatch(/kms/)
    expect(path.message).toContain('203.0.113.10')
    const event = sim!.trail().find(e => e.record.eventSource === 'kms.amazonaws.com')!
    expect(Object.values(path.evidence)).toContain(event.record.eventID)
    const annotation = run.commands.find(c => c.command === 'error' && c.message.includes('203.0.113.10'))
    expect(annotation?.properties.line).toBe('9')
  })

  it('is inconclusive when CloudTrail delivers later than the timeout, and the outcome follows fail-on', async () => {
    const slow = scenario({ cloudTrailDelayMs: 60_000 })
    const lenient = await proof(slow, { 'evidence-timeout': '3s', 'fail-on': 'fail' })
    expect(lenient.exitCode).toBe(0)
    expect(Number(lenient.outputs['inconclusive-count'])).toBeGreaterThanOrEqual(3)
    const delivery = (await findings(lenient)).filter(f => f.ruleId === 'cloudtrail-record-found')
    expect(delivery.map(f => f.verdict)).toEqual(['inconclusive', 'inconclusive', 'inconclusive'])
    await sim!.close()

    // The default fail-on (fail,inconclusive): undecided is red.
    const strict = await proof(slow, { 'evidence-timeout': '3s' })
    expect(strict.exitCode).toBe(1)
    expect(strict.outputs.result).toBe('fail')
  })

  it('keeps within 2 LookupEvents a second when throttled, and still gets the verdicts right', async () => {
    // A busy access key: 120 earlier calls of its own in Event history, so every poll reads three pages
    // back to back; without the spacing they would leave within milliseconds of each other.
    const clock = skippingClock()
    sim = await startSimulatedAws(scenario({ throttleFirst: { 'cloudtrail:LookupEvents': 3 } }), {
      now: clock.now
    })
    const sts = new STSClient(clientConfig(sim.url))
    for (let i = 0; i < 120; i += 1) await sts.send(new GetCallerIdentityCommand({}))
    sts.destroy()
    // Room for a loaded machine: undecided is red by default, so a probe still missing at the timeout fails.
    const run = await runActionInProcess(
      { manifest: MANIFEST, comment: 'false', 'evidence-timeout': '30s', 'dns-servers': dns.server },
      { AWS_ENDPOINT_URL: sim.url },
      { clock }
    )
    expect(run.outputs.result).toBe('pass')
    // The three throttled requests, then at least one poll of three pages.
    expect(sim.callCount('LookupEvents')).toBeGreaterThanOrEqual(6)
    // The simulator stamps each request on the run's simulated clock. That is exact here: one region and
    // one access key make one lookup, whose waits (the spacing, the retry pauses) are the run's only
    // sleeps, so no skipped wait can overtake a request in flight; between waits the clock runs in real time.
    expect(sim.maxRequestsPerSecond('LookupEvents')).toBeLessThanOrEqual(2)
  })

  it('fails the DNS check when the hostname resolves outside the endpoint ENI IPs', async () => {
    const run = await proof(scenario(), { 'dns-servers': dnsPublicKms.server })
    const dnsKms = (await findings(run)).find(
      f => f.ruleId === 'dns-resolves-to-endpoint' && f.service === 'kms'
    )!
    expect(dnsKms.verdict).toBe('fail')
    expect(dnsKms.message).toContain('52.119.160.5')
    expect(run.exitCode).toBe(1)
  })

  it('splits probe and verify across two steps through the ledger file', async () => {
    const clock = skippingClock()
    sim = await startSimulatedAws(scenario({ traffic: { kms: { via: 'nat' } } }), { now: clock.now })
    const env = { AWS_ENDPOINT_URL: sim.url }
    const common = { manifest: MANIFEST, comment: 'false', 'dns-servers': dns.server }
    const probe = await runActionInProcess({ ...common, mode: 'probe' }, env, { clock })
    expect(probe.exitCode).toBe(0)
    const ledgerPath = probe.outputs['ledger-path']!
    expect(path.isAbsolute(ledgerPath)).toBe(true)
    const ledger = await readFile(ledgerPath, 'utf8')
    expect(ledger).not.toContain('wJalrXUtnFEMI')
    expect(sim.callCount('LookupEvents')).toBe(0)

    const verify = await runActionInProcess(
      { ...common, mode: 'verify', 'ledger-path': ledgerPath, 'evidence-timeout': '8s' },
      env,
      { clock }
    )
    expect(verify.exitCode).toBe(1)
    const kms = (await findings(verify)).find(
      f => f.ruleId === 'traffic-via-endpoint' && f.service === 'kms'
    )!
    expect(kms.verdict).toBe('fail')
    // The verify step sent no probes of its own.
    expect(sim.calls.filter(c => c.action === 'ListKeys').length).toBe(1)
  })
})
