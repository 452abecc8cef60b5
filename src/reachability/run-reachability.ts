import { mapLimit } from '../core/map-limit.js'
import { randomUUID } from 'node:crypto'
import type { EC2Client, Tag } from '@aws-sdk/client-ec2'
import { accessFor, type AwsAccess } from '../aws/clients.js'
import { toFactProblem } from '../aws/aws-problem.js'
import type { VpcSnapshot } from '../aws/snapshot.js'
import { abortableSleep, formatMs, reportReserveMs, type Deadline } from '../core/deadline.js'
import type { Log } from '../core/log.js'
import type { Manifest } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import type { RunnerLocation } from '../runner/location.js'
import { toAnalysisResult } from './analysis.js'
import {
  answerLost,
  createPath,
  deleteAnalysis,
  deletePath,
  describeAnalyses,
  startAnalysis
} from './aws-calls.js'
import { judgeAnalysis, type AnalysisIds, type AnalysisOutcome } from './judge.js'
import { planReachability, type ReachTarget } from './plan.js'
import { leftBehindFinding, type LeftBehind } from './left-behind.js'

export interface ReachabilityInput {
  manifest: Manifest
  snapshots: readonly VpcSnapshot[]
  runnerLocation?: RunnerLocation
  ec2For: (access: AwsAccess) => Promise<EC2Client>
  /** Tag value on everything created (`vpce-proof:run`), so leftovers can be found by hand. */
  runTag: string
  deadline: Deadline
  /** How long to wait for the analyses (`evidence-timeout`); shortened to keep the cleanup and report time. */
  waitMs: number
  log: Log
  /** Tests: a clock and a sleep that advances it. */
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  concurrency?: number
}

export interface ReachabilityResult {
  findings: Finding[]
  notes: string[]
  /** Analyses started (AWS charges each). */
  analyses: number
}

/** Time kept back for deleting what was created: a fifth of what is left, at most 30 s. */
export function cleanupReserveMs(remainingMs: number): number {
  return Math.min(30_000, Math.floor(remainingMs / 5))
}

/** Between polls: the first answer is asked for at once, then at growing intervals up to 10 s. */
const POLL_STEPS_MS = [1_000, 2_000, 3_000, 5_000, 5_000, 10_000]
/** One cleanup call: enough for EC2's retries, never more than the cleanup reserve. */
const CLEANUP_CALL_MS = 15_000

const RUN_TAG_KEY = 'vpce-proof:run'

/** Everything about one analysis while it lives. */
interface Job {
  target: ReachTarget
  access: AwsAccess
  ec2?: EC2Client
  pathToken: string
  analysisToken: string
  ids: AnalysisIds
  /** The create (start) call failed without a clear refusal: the resource may exist all the same. */
  pathUncertain?: boolean
  analysisUncertain?: boolean
  outcome?: AnalysisOutcome
}

/**
 * Reachability Analyzer, one path and one analysis per declared endpoint: create the path (tagged with
 * the run), start the analysis, poll DescribeNetworkInsightsAnalyses in one batched call per account and
 * region until every analysis has finished or the wait ends, then ALWAYS delete every analysis and path
 * this run created, in a time budget the wait leaves for it, and report what could not be deleted by id.
 */
export async function runReachability(input: ReachabilityInput): Promise<ReachabilityResult> {
  const now = input.now ?? Date.now
  const sleep = input.sleep ?? abortableSleep(realSleep, input.deadline.signal)
  const planned = planReachability(input.manifest, input.snapshots, input.runnerLocation)
  const findings: Finding[] = planned.flatMap(p => (p.kind === 'decided' ? [p.finding] : []))
  const jobs: Job[] = planned.flatMap(p =>
    p.kind === 'analyse'
      ? [
          {
            target: p.target,
            access: accessFor(p.target.vpc),
            pathToken: randomUUID(),
            analysisToken: randomUUID(),
            ids: {}
          }
        ]
      : []
  )
  if (jobs.length === 0) return { findings, notes: [], analyses: 0 }

  const remaining = input.deadline.remainingMs()
  const cleanupMs = cleanupReserveMs(remaining)
  const waitMs = Math.max(0, Math.min(input.waitMs, remaining - cleanupMs - reportReserveMs(remaining)))
  const started = now()
  const stopAt = started + waitMs
  const untilStop = () => timeoutSignal(stopAt - now())
  input.log.info(
    `Reachability Analyzer: ${jobs.length} path${jobs.length === 1 ? '' : 's'} to analyse (AWS charges for each analysis); waiting at most ${formatMs(waitMs)}, then deleting them.`
  )

  try {
    await mapLimit(jobs, input.concurrency ?? 4, job => begin(job, input, untilStop, now, stopAt))
    await poll(jobs, input, { now, sleep, stopAt, started, untilStop })
  } finally {
    // Also on errors and at the end of the wait: what was created is deleted.
    const cleanupEnd = Math.max(now(), stopAt) + cleanupMs
    const left = await mapLimit(jobs, input.concurrency ?? 4, job => cleanup(job, input, now, cleanupEnd))
    for (const [i, job] of jobs.entries()) {
      const leftHere = left[i] ?? []
      if (leftHere.length > 0)
        findings.push(leftBehindFinding(job.target, job.access.region, leftHere, input.runTag))
    }
  }
  for (const job of jobs) {
    const outcome: AnalysisOutcome = job.outcome ?? {
      kind: 'still-running',
      waitedMs: now() - started,
      why: 'the wait ended before it started'
    }
    findings.push(judgeAnalysis(job.target, job.ids, outcome))
  }
  const leftCount = findings.filter(f => f.ruleId === 'reachability-resources-deleted').length
  const started_ = jobs.filter(j => j.ids.analysisId || j.analysisUncertain).length
  const notes = [
    `Reachability Analyzer: ${started_} analys${started_ === 1 ? 'is' : 'es'} run (AWS charges for each), ` +
      (leftCount === 0
        ? 'every path and analysis deleted again.'
        : `${leftCount} endpoint${leftCount === 1 ? '' : 's'} left a path or analysis behind: see reachability-resources-deleted.`)
  ]
  return { findings, notes, analyses: started_ }
}

async function begin(
  job: Job,
  input: ReachabilityInput,
  untilStop: () => AbortSignal,
  now: () => number,
  stopAt: number
): Promise<void> {
  if (now() >= stopAt) return
  const tags = tagsFor(job.target, input.runTag)
  try {
    job.ec2 = await input.ec2For(job.access)
  } catch (error) {
    job.outcome = { kind: 'problem', problem: toFactProblem(error, 'ec2:CreateNetworkInsightsPath') }
    return
  }
  try {
    job.ids.pathId = await createPath(
      job.ec2,
      { source: job.target.source.id, destination: job.target.endpointId, clientToken: job.pathToken, tags },
      { signal: untilStop() }
    )
  } catch (error) {
    job.pathUncertain = answerLost(error)
    job.outcome = { kind: 'problem', problem: toFactProblem(error, 'ec2:CreateNetworkInsightsPath') }
    return
  }
  try {
    job.ids.analysisId = await startAnalysis(
      job.ec2,
      { pathId: job.ids.pathId, clientToken: job.analysisToken, tags },
      { signal: untilStop() }
    )
  } catch (error) {
    job.analysisUncertain = answerLost(error)
    job.outcome = { kind: 'problem', problem: toFactProblem(error, 'ec2:StartNetworkInsightsAnalysis') }
  }
}

async function poll(
  jobs: Job[],
  input: ReachabilityInput,
  clock: {
    now: () => number
    sleep: (ms: number) => Promise<void>
    stopAt: number
    started: number
    untilStop: () => AbortSignal
  }
): Promise<void> {
  const pending = () => jobs.filter(j => j.ids.analysisId && !j.outcome)
  let step = 0
  let lastProgress = clock.now()
  // The last failed poll per account and region: named when the wait ends without an answer.
  const lastError = new Map<string, AnalysisOutcome>()
  while (pending().length > 0 && clock.now() < clock.stopAt) {
    for (const [key, group] of groupBy(pending(), j => `${j.access.region}|${j.access.roleArn ?? ''}`)) {
      const ec2 = group[0]?.ec2
      if (!ec2) continue
      for (let i = 0; i < group.length; i += 100) {
        const chunk = group.slice(i, i + 100)
        try {
          const answers = await describeAnalyses(
            ec2,
            { analysisIds: chunk.map(j => j.ids.analysisId as string) },
            { signal: clock.untilStop() }
          )
          lastError.delete(key)
          for (const a of answers) {
            const job = chunk.find(j => j.ids.analysisId === a.NetworkInsightsAnalysisId)
            if (job && a.Status !== 'running') job.outcome = { kind: 'result', result: toAnalysisResult(a) }
          }
        } catch (error) {
          const problem = toFactProblem(error, 'ec2:DescribeNetworkInsightsAnalyses')
          if (problem.kind === 'denied') for (const job of chunk) job.outcome = { kind: 'problem', problem }
          else lastError.set(key, { kind: 'problem', problem })
        }
      }
    }
    const left = pending().length
    if (left === 0) break
    if (clock.now() - lastProgress >= 30_000) {
      input.log.info(
        `Reachability Analyzer: ${jobs.length - left}/${jobs.length} analyses finished after ${formatMs(clock.now() - clock.started)}.`
      )
      lastProgress = clock.now()
    }
    const pause = Math.min(
      POLL_STEPS_MS[Math.min(step++, POLL_STEPS_MS.length - 1)]!,
      clock.stopAt - clock.now()
    )
    if (pause <= 0) break
    try {
      await clock.sleep(pause)
    } catch {
      break
    }
  }
  for (const job of pending()) {
    const key = `${job.access.region}|${job.access.roleArn ?? ''}`
    job.outcome = lastError.get(key) ?? {
      kind: 'still-running',
      waitedMs: clock.now() - clock.started,
      why: input.deadline.signal.aborted ? input.deadline.reason() : 'the wait for analyses ended'
    }
  }
}

/** Deletes what this job created (analysis first, then the path); returns what is left behind. */
async function cleanup(
  job: Job,
  input: ReachabilityInput,
  now: () => number,
  end: number
): Promise<LeftBehind[]> {
  const ec2 = job.ec2
  const left: LeftBehind[] = []
  if (!ec2) return left
  const budget = () => timeoutSignal(Math.min(CLEANUP_CALL_MS, Math.max(250, end - now())))
  const tags = tagsFor(job.target, input.runTag)
  if (!job.ids.pathId && job.pathUncertain) {
    // The create's answer was lost: the same ClientToken returns the path AWS made, if it made one.
    try {
      job.ids.pathId = await createPath(
        ec2,
        {
          source: job.target.source.id,
          destination: job.target.endpointId,
          clientToken: job.pathToken,
          tags
        },
        { signal: budget() }
      )
    } catch (error) {
      left.push({
        kind: 'path',
        why: `its create call got no answer (${toFactProblem(error, 'ec2:CreateNetworkInsightsPath').code})`
      })
      return left
    }
  }
  const pathId = job.ids.pathId
  if (!pathId) return left
  const analyses = new Set(job.ids.analysisId ? [job.ids.analysisId] : [])
  if (!job.ids.analysisId && job.analysisUncertain) {
    try {
      for (const a of await describeAnalyses(ec2, { pathId }, { signal: budget() })) {
        if (a.NetworkInsightsAnalysisId) analyses.add(a.NetworkInsightsAnalysisId)
      }
    } catch (error) {
      left.push({
        kind: 'analysis',
        why: `its start call got no answer and listing the path's analyses failed (${toFactProblem(error, 'ec2:DescribeNetworkInsightsAnalyses').code})`
      })
    }
  }
  let analysesLeft = left.length > 0
  for (const id of analyses) {
    try {
      await deleteAnalysis(ec2, id, { signal: budget() })
    } catch (error) {
      if (isNotFound(error)) continue
      analysesLeft = true
      left.push({ kind: 'analysis', id, why: reason(error, 'ec2:DeleteNetworkInsightsAnalysis') })
    }
  }
  try {
    await deletePath(ec2, pathId, { signal: budget() })
  } catch (error) {
    if (!isNotFound(error)) {
      const why = reason(error, 'ec2:DeleteNetworkInsightsPath')
      left.push({ kind: 'path', id: pathId, why: analysesLeft ? `${why}; delete its analyses first` : why })
    }
  }
  return left
}

function reason(error: unknown, action: string): string {
  const p = toFactProblem(error, action)
  return p.kind === 'denied' ? `${action} was denied (${p.code})` : `${action} failed: ${p.code}`
}

/** Already gone (deleted by someone else, or AWS dropped it): nothing is left behind. */
function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string })?.name ?? ''
  return /\.NotFound$/.test(name)
}

function tagsFor(target: ReachTarget, runTag: string): Tag[] {
  return [
    { Key: RUN_TAG_KEY, Value: runTag },
    { Key: 'Name', Value: `vpce-proof ${target.source.id} to ${target.endpointId}` }
  ]
}

/** `vpce-proof:run` value: the workflow run and attempt, else the local time. */
export function runTagOf(env: NodeJS.ProcessEnv, now: Date = new Date()): string {
  const id = env.GITHUB_RUN_ID ?? ''
  const attempt = env.GITHUB_RUN_ATTEMPT || '1'
  if (/^\d{1,20}$/.test(id) && /^\d{1,5}$/.test(attempt)) return `${id}-${attempt}`
  return `local-${now.toISOString()}`
}

function timeoutSignal(ms: number): AbortSignal {
  return AbortSignal.timeout(Math.max(1, Math.floor(ms)))
}

/** Not unref'd: between polls nothing else may keep the process alive, and the wait is bounded anyway. */
function realSleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = groups.get(k) ?? []
    list.push(item)
    groups.set(k, list)
  }
  return groups
}
