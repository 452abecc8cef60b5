import type { CloudWatchClient, GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch'
import { toFactProblem } from '../aws/aws-problem.js'
import type { VpcSnapshot } from '../aws/snapshot.js'
import { abortableSleep } from '../core/deadline.js'
import type { Log } from '../core/log.js'
import type { Ledger } from '../evidence/ledger.js'
import { createRateLimiter, realSleep, type RateLimiter } from '../evidence/rate-limiter.js'
import type { Manifest, VpcDeclaration } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import type { RunnerLocation } from '../runner/location.js'
import { decided, judgeMetrics, NO_TRAFFIC_AFTER_MS, type TargetState } from './judge-metrics.js'
import { GET_METRIC_DATA_ACTION } from './metrics-rules.js'
import { batches, type MetricsTarget } from './queries.js'
import { addResults, type MetricDataOutput, type Sums } from './read-results.js'
import { planTargets, type PlannedTarget } from './targets.js'

type Sendable = Pick<CloudWatchClient, 'send'>

export interface MetricsPhaseInput {
  manifest: Manifest
  ledger: Ledger
  snapshots: readonly VpcSnapshot[]
  runnerLocation?: RunnerLocation
  /** A CloudWatch client for the region with the VPC's credentials (the account that owns the endpoint). */
  cloudWatchFor: (region: string, vpc: VpcDeclaration) => Promise<Sendable>
  /** `evidence-timeout` (already clamped to the run's deadline). */
  timeoutMs: number
  log: Log
  signal?: AbortSignal
  /** Between polls of one region (default 30 s: datapoints are per minute). */
  pollIntervalMs?: number
  /** Between two calls of one region (default 1 s; split batches and pages). */
  minCallIntervalMs?: number
  noTrafficAfterMs?: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export interface MetricsPhaseResult {
  findings: Finding[]
  notes: string[]
}

export const METRICS_POLL_INTERVAL_MS = 30_000
const MIN_CALL_INTERVAL_MS = 1_000
/** Pages of one batch (a 10-minute window of 500 metrics is 5,000 datapoints: one page in practice). */
const MAX_PAGES = 20

/**
 * The PrivateLink metrics method: after the probes, one batched GetMetricData per region and account (split
 * only past 500 queries), polled until every endpoint is decided or `evidence-timeout` passes. It never
 * throws: a failed read becomes the findings' `inconclusive`, naming cloudwatch:GetMetricData.
 */
export async function runMetricsPhase(input: MetricsPhaseInput): Promise<MetricsPhaseResult> {
  const plan = planTargets(input.manifest, input.ledger, input.snapshots, input.runnerLocation)
  if (plan.targets.length === 0) return { findings: plan.findings, notes: [] }
  const now = input.now ?? Date.now
  const sleep = abortableSleep(input.sleep ?? realSleep, input.signal)
  const started = now()
  const groups = new Map<string, PlannedTarget[]>()
  for (const t of plan.targets) {
    const key = `${t.vpc.region}|${t.vpc.roleArn ?? ''}`
    groups.set(key, [...(groups.get(key) ?? []), t])
  }
  let calls = 0
  const findings = await Promise.all(
    [...groups.values()].map(async group => {
      const states = new Map<string, TargetState>(
        group.map(t => [t.target.key, { target: t.target, link: t.link, answered: false }])
      )
      const region = group[0]!.vpc.region
      input.log.info(
        `PrivateLink metrics (${region}): reading ${group.length} endpoint(s) for the probes' minutes.`
      )
      const limiter = createRateLimiter({
        minIntervalMs: input.minCallIntervalMs ?? MIN_CALL_INTERVAL_MS,
        now,
        sleep
      })
      try {
        const client = await input.cloudWatchFor(region, group[0]!.vpc)
        calls += await poll(client, states, limiter, input, now, sleep, started)
      } catch (error) {
        // Credentials or a client that could not be made: every target of the group says why.
        const problem = toFactProblem(error, GET_METRIC_DATA_ACTION)
        for (const s of states.values()) if (!s.answered) s.problem = problem
      }
      return [...states.values()].map(s =>
        judgeMetrics(s, now(), now() - started, input.noTrafficAfterMs ?? NO_TRAFFIC_AFTER_MS)
      )
    })
  )
  const flat = findings.flat()
  const passed = flat.filter(f => f.verdict === 'pass').length
  input.log.info(
    `PrivateLink metrics: ${passed} of ${flat.length} endpoint(s) show traffic (${calls} GetMetricData call(s)).`
  )
  return { findings: [...plan.findings, ...flat], notes: [] }
}

/** Polls one region until its targets are decided, denied, or out of time; returns the calls made. */
async function poll(
  client: Sendable,
  states: Map<string, TargetState>,
  limiter: RateLimiter,
  input: MetricsPhaseInput,
  now: () => number,
  sleep: (ms: number) => Promise<void>,
  started: number
): Promise<number> {
  const { GetMetricDataCommand } = await import('@aws-sdk/client-cloudwatch')
  const interval = input.pollIntervalMs ?? METRICS_POLL_INTERVAL_MS
  const noTrafficAfter = input.noTrafficAfterMs ?? NO_TRAFFIC_AFTER_MS
  const endAt = started + input.timeoutMs
  let calls = 0
  for (;;) {
    if (input.signal?.aborted) return calls
    const pending = [...states.values()].filter(s => !decided(s, now(), noTrafficAfter))
    if (pending.length === 0) return calls
    const targets = new Map<string, MetricsTarget>(pending.map(s => [s.target.key, s.target]))
    const sums = new Map<string, Sums>()
    const incomplete = new Set<string>()
    let failed = false
    for (const batch of batches([...targets.values()])) {
      let token: string | undefined
      let pages = 0
      try {
        do {
          await limiter.acquire()
          const request: GetMetricDataCommandInput = {
            MetricDataQueries: batch.queries,
            StartTime: batch.start,
            EndTime: batch.end,
            ScanBy: 'TimestampAscending',
            ...(token ? { NextToken: token } : {})
          }
          calls += 1
          const out = (await client.send(new GetMetricDataCommand(request))) as MetricDataOutput
          const { forbidden, failed: broken } = addResults(sums, out, batch.index, targets)
          for (const key of forbidden) {
            const s = states.get(key)
            if (s)
              s.problem = { kind: 'denied', action: GET_METRIC_DATA_ACTION, code: 'Forbidden', message: '' }
          }
          for (const key of broken) incomplete.add(key)
          token = typeof out.NextToken === 'string' && out.NextToken !== '' ? out.NextToken : undefined
          pages += 1
        } while (token && pages < MAX_PAGES)
        for (const t of batch.targets) {
          const s = states.get(t.key)!
          if (s.problem?.code === 'Forbidden') {
            s.answered = false
            continue
          }
          if (incomplete.has(t.key)) {
            // Keep what an earlier poll read; without one, the target stays unanswered.
            if (!s.answered)
              s.problem = {
                kind: 'error',
                action: GET_METRIC_DATA_ACTION,
                code: 'InternalError',
                message: 'GetMetricData answered StatusCode InternalError for this endpoint\u2019s metrics'
              }
            continue
          }
          s.answered = true
          s.sums = sums.get(t.key) ?? {}
          delete s.problem
        }
      } catch (error) {
        if (input.signal?.aborted) return calls
        const problem = toFactProblem(error, GET_METRIC_DATA_ACTION)
        for (const t of batch.targets) {
          const s = states.get(t.key)!
          // A later failure does not erase what an earlier poll read.
          if (!s.answered || problem.kind === 'denied') {
            s.problem = problem
            if (problem.kind === 'denied') s.answered = false
          }
        }
        failed = true
        input.log.info(
          `PrivateLink metrics: GetMetricData ${problem.kind === 'denied' ? 'denied' : 'failed'} (${problem.code}).`
        )
      }
    }
    const stillPending = [...states.values()].some(s => !decided(s, now(), noTrafficAfter))
    if (!stillPending) return calls
    const wait = failed ? Math.min(interval, 5_000) : interval
    if (now() + wait >= endAt) return calls
    try {
      await sleep(wait)
    } catch {
      return calls
    }
  }
}
