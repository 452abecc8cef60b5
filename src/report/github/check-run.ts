import type { RunReport } from '../../core/run-report.js'
import { truncate } from '../markdown/escape.js'
import { headlineText } from '../markdown/headline.js'
import type { ReportContext } from '../markdown/context.js'
import { renderReportMarkdown } from '../markdown/render.js'
import { annotationLevel } from '../annotation-level.js'
import { inBatches, reportAnnotations } from './annotations.js'
import type { GitHubClient } from './client.js'

/** `output.summary` (and `output.text`) accept at most this many characters. */
export const CHECK_SUMMARY_LIMIT = 65535

/**
 * Annotations sent per check run (20 requests of 50), worst first. More would cost a request per 50
 * findings and minutes of rate-limited writes; the rest are in the job summary and the JSON report.
 */
export const MAX_CHECK_RUN_ANNOTATIONS = 1000

export type CheckConclusion = 'success' | 'failure' | 'neutral'

/**
 * - `failure`: the report failed (a verdict listed in `fail-on` was found), or the run decided nothing.
 *   Default `fail-on` lists `inconclusive`, so an undecided check is red unless the workflow opts out.
 * - `neutral`: it passed, but some checks stayed inconclusive (and `fail-on` does not list
 *   `inconclusive`): nothing is known to be broken, nothing was proven either. GitHub lets a neutral
 *   required check merge.
 * - `success`: everything else (warnings such as drift that `fail-on` does not list included).
 */
export function checkRunConclusion(report: RunReport): CheckConclusion {
  if (report.result === 'fail' || report.undecided) return 'failure'
  const undecided = report.findings.some(
    f => f.verdict === 'inconclusive' && !report.failOn.includes('inconclusive')
  )
  return undecided ? 'neutral' : 'success'
}

export interface CheckRunTarget {
  owner: string
  repo: string
}

export interface StartCheckRunOptions extends CheckRunTarget {
  /** The input `check-name`: the name branch protection requires. */
  name: string
  headSha: string
  detailsUrl?: string
}

export interface CheckRunRef {
  id: number
  url: string
}

/** Creates the check run in `in_progress`, so the pull request shows it running from the start. */
export async function startCheckRun(octokit: GitHubClient, opts: StartCheckRunOptions): Promise<CheckRunRef> {
  const { data } = await octokit.rest.checks.create({
    owner: opts.owner,
    repo: opts.repo,
    name: opts.name,
    head_sha: opts.headSha,
    status: 'in_progress',
    started_at: new Date().toISOString(),
    ...(opts.detailsUrl ? { details_url: opts.detailsUrl } : {}),
    output: { title: `${opts.name} is running`, summary: 'Checking the declared VPC endpoints.' }
  })
  return { id: data.id, url: data.html_url ?? data.url }
}

export interface CompleteCheckRunOptions extends CheckRunTarget {
  checkRunId: number
  report: RunReport
  /** Headline title, e.g. the check name. */
  title?: string
  detailsUrl?: string
  context?: ReportContext
  /** Input `annotate-passes`: passes are annotations too. */
  annotatePasses?: boolean
}

export interface CheckRunCompletion {
  conclusion: CheckConclusion
  annotations: number
  /** Update requests sent (one per batch of at most 50 annotations). */
  requests: number
}

/**
 * Sends the annotations in batches of at most 50 (the API appends each batch to the ones already
 * there); the last request also carries the conclusion, so the check only turns green or red once
 * every annotation is in.
 */
export async function completeCheckRun(
  octokit: GitHubClient,
  opts: CompleteCheckRunOptions
): Promise<CheckRunCompletion> {
  const { report } = opts
  const conclusion = checkRunConclusion(report)
  const title = truncate(headlineText(report, opts.title), 255)
  const summary = renderReportMarkdown(report, {
    maxLength: CHECK_SUMMARY_LIMIT,
    ...(opts.title ? { title: opts.title } : {}),
    ...(opts.detailsUrl ? { detailsUrl: opts.detailsUrl } : {}),
    ...(opts.context ? { context: opts.context } : {})
  })
  const annotations = reportAnnotations(
    report.findings,
    report.failOn,
    MAX_CHECK_RUN_ANNOTATIONS,
    opts.annotatePasses
  )
  const total = opts.annotatePasses
    ? report.findings.length
    : report.findings.filter(f => annotationLevel(f.verdict, report.failOn) !== 'notice').length
  const text =
    total > annotations.length
      ? `${annotations.length} of ${total} findings are annotated here (worst first); the job summary and the JSON report have all of them.`
      : undefined
  const batches = annotations.length > 0 ? inBatches(annotations) : [[]]
  let sent = 0
  for (const [i, batch] of batches.entries()) {
    const last = i === batches.length - 1
    sent += batch.length
    await octokit.rest.checks.update({
      owner: opts.owner,
      repo: opts.repo,
      check_run_id: opts.checkRunId,
      ...(last ? { status: 'completed', conclusion, completed_at: new Date().toISOString() } : {}),
      output: {
        title,
        summary: last ? summary : `Adding annotations: ${sent} of ${annotations.length}.`,
        ...(last && text ? { text } : {}),
        ...(batch.length > 0 ? { annotations: batch } : {})
      }
    })
  }
  return { conclusion, annotations: annotations.length, requests: batches.length }
}
