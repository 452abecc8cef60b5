import { mapLimit } from '../core/map-limit.js'
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { systemClock, type Clock } from '../core/clock.js'
import type { VpcSnapshot } from '../aws/snapshot.js'
import type { Log } from '../core/log.js'
import type { Finding } from '../model/finding.js'
import { UserError, isUserError } from '../core/errors.js'
import type { EndpointDeclaration, Manifest, VpcDeclaration } from '../manifest/types.js'
import { dnsResolver, type HostResolver } from './dns.js'
import { dnsExpectation, expectedPath } from './expected.js'
import { judgeProbe, judgeUnprobed } from './judge.js'
import { judgeDns } from './judge-dns.js'
import { LEDGER_START_SKEW_MS, type Ledger, type LedgerCaller } from './ledger.js'
import { notThisRunFinding } from './ledger-trust.js'
import type { CloudTrailRecord } from './cloudtrail-record.js'
import { awaitProbeEvents, formatLookupProgress, type LookupOptions, type LookupResult } from './lookup.js'
import type { RunnerLocation } from '../runner/location.js'
import { summariseOutsideVpc } from './outside-vpc.js'
import { runnerSkipReason, skippedForRunner } from './runner-skip.js'
import {
  endpointLink,
  probeLabel,
  type EndpointLink,
  type ProbeRecord,
  type UnprobedEndpoint
} from './probe-record.js'
import { isAuthenticationFailure } from './probe-response.js'
import { resolveProbe, standardHost, type ProbeResolution } from './probe-table.js'
import { abortableSleep } from '../core/deadline.js'
import { createRateLimiter, type RateLimiter } from './rate-limiter.js'
import { lookupIntervalMs } from './lookup-rate.js'
import { sendProbe, type Env, type ProbeCredentials } from './send-probe.js'

export interface ProbePhaseInput {
  manifest: Manifest
  /** The credentials that sign this VPC's probes (after `role-arn`, if any). */
  credentialsFor: (vpc: VpcDeclaration) => Promise<{ credentials: ProbeCredentials; accessKeyId: string }>
  /** Environment for endpoint overrides (AWS_ENDPOINT_URL*). */
  env: Env
  /** DNS servers (`ip` or `ip:port`, the `dns-servers` input); default: the system's. */
  dnsServers?: readonly string[]
  /** Replaces the DNS resolver entirely (tests). */
  resolver?: HostResolver
  probeTimeoutMs?: number
  /** The run's deadline: probes still to send are recorded as unanswered. */
  signal?: AbortSignal
  /** Probes in flight at once. */
  concurrency?: number
  log: Log
  now?: () => number
  /** Where the runner is: VPCs it is not in are not probed (their evidence is skipped when verified). */
  runnerLocation?: RunnerLocation
}

/** Every endpoint's probe, or all manifest problems with probes at once (nothing is sent on a bad manifest). */
function planProbes(
  manifest: Manifest
): Array<{ vpc: VpcDeclaration; decl: EndpointDeclaration; plan: ProbeResolution }> {
  const problems: string[] = []
  const plans: Array<{ vpc: VpcDeclaration; decl: EndpointDeclaration; plan: ProbeResolution }> = []
  for (const vpc of manifest.vpcs) {
    for (const decl of vpc.endpoints) {
      try {
        plans.push({ vpc, decl, plan: resolveProbe(decl) })
      } catch (error) {
        if (!isUserError(error)) throw error
        problems.push(error.message)
      }
    }
  }
  if (problems.length === 1) throw new UserError(problems[0]!)
  if (problems.length > 1)
    throw new UserError(`${problems.length} probe settings in the manifest cannot be used:`, problems)
  return plans
}

function describeProbe(p: ProbeRecord): string {
  const answers = [...p.dns.ipv4, ...p.dns.ipv6].join(', ') || p.dns.error?.code || 'nothing'
  const outcome = p.networkError
    ? `no answer (${p.networkError.code})`
    : `HTTP ${p.httpStatus}${p.errorCode ? ` ${p.errorCode}` : ''}, request id ${p.requestId ?? 'none'}`
  return `Probe ${probeLabel(p)} (${p.link.vpcId}) → ${p.host} [${answers}]: ${outcome}`
}

/** `mode: probe`: sends every endpoint's probe from this runner and returns the ledger to write. */
export async function runProbePhase(input: ProbePhaseInput): Promise<Ledger> {
  const now = input.now ?? Date.now
  const plans = planProbes(input.manifest)
  const resolve = input.resolver ?? dnsResolver(input.dnsServers ? { servers: input.dnsServers } : {})
  const startedAt = new Date(now() - LEDGER_START_SKEW_MS).toISOString()
  const callers: LedgerCaller[] = []
  const probes: ProbeRecord[] = []
  const unprobed: UnprobedEndpoint[] = []
  for (const vpc of input.manifest.vpcs) {
    const mine = plans.filter(p => p.vpc === vpc)
    if (mine.length === 0) continue
    const skip = runnerSkipReason(input.runnerLocation, vpc)
    if (skip) {
      input.log.info(`No probes for ${vpc.id}: ${skip}`)
      continue
    }
    const needsCredentials = mine.some(p => p.plan.kind === 'probe')
    const creds = needsCredentials ? await input.credentialsFor(vpc) : undefined
    if (creds) callers.push({ vpcId: vpc.id, region: vpc.region, accessKeyId: creds.accessKeyId })
    type Outcome = { record: ProbeRecord } | { entry: UnprobedEndpoint }
    const results = await mapLimit(mine, input.concurrency ?? 4, async ({ decl, plan }): Promise<Outcome> => {
      const link = endpointLink(vpc, decl)
      if (plan.kind === 'probe' && creds) {
        const record = await sendProbe({
          probe: plan.probe,
          link,
          credentials: creds.credentials,
          env: input.env,
          resolve,
          ...(input.probeTimeoutMs ? { timeoutMs: input.probeTimeoutMs } : {}),
          ...(input.signal ? { signal: input.signal } : {})
        })
        input.log.info(describeProbe(record))
        return { record }
      }
      const host = standardHost(decl.service, vpc.region, input.env)
      // DNS is only judged for Interface endpoints; don't ask about Gateway services.
      const dns = host && decl.type === 'Interface' ? await resolve(host) : undefined
      const reason = plan.kind === 'probe' ? 'no credentials' : plan.reason
      input.log.info(`No probe for ${decl.service} (${vpc.id}): ${reason}`)
      const entry: UnprobedEndpoint = {
        link,
        kind: plan.kind === 'skipped' ? 'skipped' : 'none',
        reason,
        ...(host ? { host } : {}),
        ...(dns ? { dns } : {})
      }
      return { entry }
    })
    for (const r of results) {
      if ('record' in r) probes.push(r.record)
      else unprobed.push(r.entry)
    }
  }
  return {
    version: 1,
    startedAt,
    finishedAt: new Date(now()).toISOString(),
    manifestFile: input.manifest.file,
    callers,
    probes,
    unprobed
  }
}

export interface VerifyPhaseInput {
  ledger: Ledger
  manifest: Manifest
  snapshots: readonly VpcSnapshot[]
  /** A CloudTrail client for the region, with the VPC's credentials (the account whose Event history holds the probes). */
  cloudTrailClientFor: (
    region: string,
    vpc: VpcDeclaration
  ) => Pick<CloudTrailClient, 'send'> | Promise<Pick<CloudTrailClient, 'send'>>
  /** `evidence-timeout`. */
  timeoutMs: number
  log: Log
  /** Where the runner is (measured at the edge); unknown when not given. */
  runnerLocation?: RunnerLocation
  /** Why a record CloudTrail returned for a probe is not this run's (undefined: it is); see ledger-trust.ts. */
  rejectRecord?: (probe: ProbeRecord, record: CloudTrailRecord) => string | undefined
  /** The run's deadline: ends the polling and the page in flight (what was found stays). */
  signal?: AbortSignal
  /** `lookup-rate`: LookupEvents requests per second this job sends, per region (default 2). */
  lookupRate?: number
  /** The run's clock for the polling, the LookupEvents spacing and the weak-match settle (default the system's). */
  clock?: Clock
  /** Poll tuning (tests, benchmark): intervals, match window; time comes from `clock`. */
  lookup?: Omit<LookupOptions, 'timeoutMs' | 'onProgress' | 'limiter' | 'now' | 'sleep'>
}

export interface LookupStats {
  region: string
  accessKeyId: string
  probes: number
  found: number
  calls: number
  polls: number
  waitedMs: number
  /** Per found probe: ms from the start of the lookup to the poll that found it. */
  foundAfterMs: number[]
}

export interface VerifyPhaseResult {
  findings: Finding[]
  notes: string[]
  apiCalls: Record<string, number>
  lookups: LookupStats[]
}

function vpcFor(manifest: Manifest, link: EndpointLink): VpcDeclaration {
  return (
    manifest.vpcs.find(v => v.id === link.vpcId && v.region === link.region) ?? {
      id: link.vpcId,
      region: link.region,
      endpoints: [],
      location: link.location
    }
  )
}

function snapshotFor(snapshots: readonly VpcSnapshot[], link: EndpointLink): VpcSnapshot | undefined {
  return snapshots.find(s => s.vpcId === link.vpcId && s.region === link.region)
}

/** A probe CloudTrail will never show: it got no HTTP answer, or failed authentication. */
function unrecordable(p: ProbeRecord): boolean {
  return p.networkError !== undefined || isAuthenticationFailure(p.errorCode)
}

/** `mode: verify`: finds the ledger's probes in CloudTrail and judges them and the recorded DNS answers. */
export async function runVerifyPhase(input: VerifyPhaseInput): Promise<VerifyPhaseResult> {
  const skipReasons = new Map<VpcDeclaration, string>()
  for (const vpc of input.manifest.vpcs) {
    const reason = runnerSkipReason(input.runnerLocation, vpc)
    if (reason) skipReasons.set(vpc, reason)
  }
  const skipped = (link: EndpointLink) =>
    [...skipReasons.keys()].some(v => v.id === link.vpcId && v.region === link.region)
  // Probes of a VPC this runner cannot speak for (a ledger from elsewhere) are not looked up or judged.
  const ledger = {
    ...input.ledger,
    probes: input.ledger.probes.filter(p => !skipped(p.link)),
    unprobed: input.ledger.unprobed.filter(u => !skipped(u.link))
  }
  const startTime = new Date(ledger.startedAt)
  const groups = new Map<string, { region: string; accessKeyId: string; indexes: number[] }>()
  ledger.probes.forEach((p, i) => {
    if (unrecordable(p)) return
    const key = `${p.region}\u0000${p.accessKeyId}`
    const g = groups.get(key) ?? { region: p.region, accessKeyId: p.accessKeyId, indexes: [] }
    g.indexes.push(i)
    groups.set(key, g)
  })
  const clock = input.clock ?? systemClock
  // The 2 requests/second limit is per account and region; one limiter per region is on the safe side.
  const limiters = new Map<string, RateLimiter>()
  const limiterFor = (region: string) => {
    let l = limiters.get(region)
    if (!l) {
      l = createRateLimiter({
        ...(input.lookup?.minIntervalMs !== undefined
          ? { minIntervalMs: input.lookup.minIntervalMs }
          : input.lookupRate !== undefined
            ? { minIntervalMs: lookupIntervalMs(input.lookupRate) }
            : {}),
        now: clock.now,
        sleep: abortableSleep(clock.sleep, input.signal)
      })
      limiters.set(region, l)
    }
    return l
  }
  const showRegion = new Set([...groups.values()].map(g => g.region)).size > 1
  const lookups = await Promise.all(
    [...groups.values()].map(async g => {
      const probes = g.indexes.map(i => ledger.probes[i]!)
      const client = await input.cloudTrailClientFor(g.region, vpcFor(input.manifest, probes[0]!.link))
      input.log.info(
        `CloudTrail${showRegion ? ` (${g.region})` : ''}: looking for ${probes.length} probe(s) of access key ${g.accessKeyId} since ${ledger.startedAt}`
      )
      const result = await awaitProbeEvents(
        client,
        { region: g.region, accessKeyId: g.accessKeyId, startTime, probes },
        {
          ...input.lookup,
          now: clock.now,
          sleep: clock.sleep,
          timeoutMs: input.timeoutMs,
          limiter: limiterFor(g.region),
          ...(input.signal ? { signal: input.signal } : {}),
          onProgress: p => input.log.info(formatLookupProgress(p, showRegion ? g.region : undefined))
        }
      )
      return { group: g, result }
    })
  )

  const byProbe = new Map<number, { result: LookupResult; position: number }>()
  for (const { group, result } of lookups)
    group.indexes.forEach((i, position) => byProbe.set(i, { result, position }))

  const findings: Finding[] = []
  ledger.probes.forEach((probe, i) => {
    const link = probe.link
    const snapshot = snapshotFor(input.snapshots, link)
    const expected = expectedPath(link, snapshot, vpcFor(input.manifest, link))
    const found = byProbe.get(i)
    const match = found?.result.matches[found.position]
    const notOurs = match && 'record' in match ? input.rejectRecord?.(probe, match.record) : undefined
    if (notOurs !== undefined) {
      findings.push(notThisRunFinding(probe, notOurs, expected.endpointId))
      findings.push(judgeDns(link, probe.dns, dnsExpectation(link, snapshot)))
      return
    }
    const evidence =
      match ??
      ({
        missing: true,
        waitedMs: found?.result.waitedMs ?? 0,
        ...(found?.result.failure ? { failure: found.result.failure } : {}),
        ...(found?.result.lastError ? { lastError: found.result.lastError } : {})
      } as const)
    findings.push(...judgeProbe(probe, evidence, expected))
    findings.push(judgeDns(link, probe.dns, dnsExpectation(link, snapshot)))
  })
  for (const entry of ledger.unprobed) {
    const snapshot = snapshotFor(input.snapshots, entry.link)
    const expectation = dnsExpectation(entry.link, snapshot)
    findings.push(judgeUnprobed(entry, expectation.endpointId))
    findings.push(judgeDns(entry.link, entry.dns, expectation))
  }

  for (const [vpc, reason] of skipReasons)
    for (const decl of vpc.endpoints) findings.push(...skippedForRunner(endpointLink(vpc, decl), reason))

  const summary = summariseOutsideVpc(findings, {
    location: input.runnerLocation ?? { kind: 'unknown', detail: 'not measured' },
    natGateways: (vpcId, region) =>
      input.snapshots.find(s => s.vpcId === vpcId && s.region === region)?.natGateways
  })
  const skipNotes = skipReasons.size > 0 ? [skipNote(input.runnerLocation, [...skipReasons.keys()])] : []
  const calls = lookups.reduce((n, l) => n + l.result.calls, 0)
  return {
    findings: summary.findings,
    notes: [...skipNotes, ...summary.notes],
    apiCalls: calls > 0 ? { 'cloudtrail:LookupEvents': calls } : {},
    lookups: lookups.map(({ group, result }) => ({
      region: group.region,
      accessKeyId: group.accessKeyId,
      probes: group.indexes.length,
      found: result.matches.filter(Boolean).length,
      calls: result.calls,
      polls: result.polls,
      waitedMs: result.waitedMs,
      foundAfterMs: result.foundAfterMs.flatMap(t => (t === undefined ? [] : [t]))
    }))
  }
}

function skipNote(location: RunnerLocation | undefined, vpcs: VpcDeclaration[]): string {
  const where =
    location?.kind === 'vpc'
      ? `in ${location.vpcId}`
      : location?.kind === 'no-vpc'
        ? 'in no VPC'
        : 'elsewhere'
  return `Traffic evidence skipped for ${vpcs.map(v => v.id).join(', ')}: this runner is ${where} (${location?.detail ?? ''}); the configuration checks still ran.`
}

/** The probe calls a ledger records, by `service:Operation` (for the report's API call counts). */
export function probeApiCalls(ledger: Ledger): Record<string, number> {
  const calls: Record<string, number> = {}
  for (const p of ledger.probes) {
    const key = p.iamAction.split(':')[0] + ':' + p.operation
    calls[key] = (calls[key] ?? 0) + 1
  }
  return calls
}
