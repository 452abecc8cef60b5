import type { RunReport } from '../../core/run-report.js'
import type { ReportContext } from '../markdown/context.js'
import { escapeMarkdown, truncate } from '../markdown/escape.js'
import { createGitHubClient, type GitHubClient } from './client.js'
import { checkRunConclusion, completeCheckRun, startCheckRun } from './check-run.js'
import { commentBody, upsertStickyComment } from './comment.js'
import { describeApiFailure, failureText } from './errors.js'
import type { ReportLog } from './log.js'
import { findPullRequest, headShaFor, type EventPayload, type PullRequestTarget } from './pull-request.js'

export interface PublishContext {
  /** Input `github-token`. Only handed to Octokit; never logged. */
  token: string
  /** GITHUB_API_URL (GitHub Enterprise Server: https://HOST/api/v3). */
  apiUrl?: string
  owner: string
  repo: string
  /** GITHUB_EVENT_NAME */
  eventName: string
  /** The webhook event (the JSON at GITHUB_EVENT_PATH). */
  payload: EventPayload
  /** GITHUB_SHA */
  sha: string
  /** Input `check-name`: the check run's name and the sticky comment's key. */
  checkName: string
  /**
   * Input `comment`: `true` asks for it (a notice explains when there is no pull request), `'auto'`
   * (the default) comments on pull request runs and stays quiet elsewhere, `false` turns it off.
   */
  comment: boolean | 'auto'
  /** Input `check-run`. */
  checkRun: boolean
  /** A check run already started by `beginCheckRun`; without it one is created at the end. */
  checkRunId?: number
  /** The run's page (job summary), linked from truncated reports. */
  detailsUrl?: string
  /** `mode: publish`: the report is another workflow's artifact, not this run's own proof. */
  fromArtifact?: boolean
  /** Input `manifest-ref`, on pull request events (where it decides which manifest is the policy). */
  manifestRef?: 'base' | 'head'
  /** Input `annotate-passes`. */
  annotatePasses?: boolean
  /** One second of the GitHub client's waits, in ms (see GITHUB_SECOND_MS); tests shrink it. */
  secondMs?: number
}

/** The headline's commit (a pull request's head), run link and manifest ref. */
export function reportContextOf(ctx: PublishContext | undefined): ReportContext {
  if (!ctx) return {}
  const commit = headShaFor(ctx.eventName, ctx.payload, ctx.sha)
  return {
    ...(commit ? { commit } : {}),
    ...(ctx.detailsUrl ? { runUrl: ctx.detailsUrl } : {}),
    ...(ctx.manifestRef ? { manifestRef: ctx.manifestRef } : {})
  }
}

/** Appended to the check name when the artifact comes from a fork, so it can never pass as the real check. */
export const FORK_CHECK_SUFFIX = ' (fork)'

const FORK_NOTE =
  "This report is an artifact written by a pull request from a fork: it is the fork's word, not a proof " +
  'made by this repository. Its verdict was recomputed from its findings; do not make this check required.'

/**
 * A `workflow_run` (or pull request) whose head repository is not this one, in `mode: publish`: the
 * artifact was written by code the fork controls. Without a head repository to compare, assume a fork.
 */
export function isForkArtifact(ctx: PublishContext): boolean {
  if (!ctx.fromArtifact) return false
  const base = `${ctx.owner}/${ctx.repo}`.toLowerCase()
  const run = ctx.payload.workflow_run
  if (run) return run.head_repository?.full_name?.toLowerCase() !== base
  const pull = ctx.payload.pull_request
  if (pull) return pull.head?.repo?.full_name?.toLowerCase() !== base
  return false
}

/** The check run's name: `check-name`, marked when the verdict is a fork's artifact. */
export function checkRunName(ctx: PublishContext): string {
  return isForkArtifact(ctx) ? `${ctx.checkName}${FORK_CHECK_SUFFIX}` : ctx.checkName
}

export type ChannelStatus = 'done' | 'skipped' | 'no-permission' | 'failed'

export interface ChannelOutcome {
  status: ChannelStatus
  /** One line saying what happened (already logged). */
  detail: string
  url?: string
}

export interface PublishResult {
  comment: ChannelOutcome
  checkRun: ChannelOutcome
}

const COMMENT_PERMISSION = '`pull-requests: write`'
const CHECKS_PERMISSION = '`checks: write`'
const VERDICT_UNAFFECTED =
  'The verdict is unaffected; it is in the job summary, the annotations and the report files.'

function forkHint(fromFork: boolean): string {
  return fromFork
    ? ' Pull requests from forks get a read-only token: use the two-workflow pattern (docs/reporting.md).'
    : ''
}

function failed(
  log: ReportLog,
  what: string,
  error: unknown,
  permission: string,
  fromFork = false
): ChannelOutcome {
  const failure = describeApiFailure(error)
  if (failure.noPermission) {
    const detail =
      `Could not ${what}: the token may not do it (${failureText(failure)}). ` +
      `It needs ${permission}.${forkHint(fromFork)}`
    log.notice(detail)
    return { status: 'no-permission', detail }
  }
  const detail = `Could not ${what} (${failureText(failure)}). ${VERDICT_UNAFFECTED}`
  log.warning(detail)
  return { status: 'failed', detail }
}

function skipped(detail: string): ChannelOutcome {
  return { status: 'skipped', detail }
}

/**
 * Starts the check run (`in_progress`) at the beginning of a run. Never throws: without a token,
 * permission or network it logs why and returns undefined, and `publishToGitHub` creates the run
 * at the end instead.
 */
export async function beginCheckRun(ctx: PublishContext, log: ReportLog): Promise<number | undefined> {
  if (!ctx.checkRun || !ctx.token) return undefined
  try {
    const octokit = createGitHubClient({
      token: ctx.token,
      ...(ctx.apiUrl ? { apiUrl: ctx.apiUrl } : {}),
      ...(ctx.secondMs ? { secondMs: ctx.secondMs } : {}),
      log
    })
    const run = await startCheckRun(octokit, {
      owner: ctx.owner,
      repo: ctx.repo,
      name: checkRunName(ctx),
      headSha: headShaFor(ctx.eventName, ctx.payload, ctx.sha),
      ...(ctx.detailsUrl ? { detailsUrl: ctx.detailsUrl } : {})
    })
    return run.id
  } catch (error) {
    const failure = describeApiFailure(error)
    // Logged once, at the end, by publishToGitHub's own attempt.
    log.info(`Could not start the check run yet (${failureText(failure)}).`)
    return undefined
  }
}

async function publishComment(
  octokit: GitHubClient,
  report: RunReport,
  ctx: PublishContext,
  log: ReportLog
): Promise<ChannelOutcome> {
  if (ctx.comment === false) return skipped('PR comment turned off (comment: false).')
  let pr: PullRequestTarget | undefined
  try {
    pr = await findPullRequest(octokit, ctx.owner, ctx.repo, ctx.eventName, ctx.payload)
  } catch (error) {
    return failed(log, 'find the pull request for the comment', error, '`pull-requests: read`')
  }
  if (!pr) {
    const detail = `No PR comment: this ${ctx.eventName} run is not for a pull request.`
    if (ctx.comment === true) log.notice(detail)
    else log.info(detail)
    return skipped(detail)
  }
  try {
    const body = commentBody(report, ctx.checkName, {
      title: checkRunName(ctx),
      context: reportContextOf(ctx),
      ...(ctx.detailsUrl ? { detailsUrl: ctx.detailsUrl } : {})
    })
    const result = await upsertStickyComment(
      octokit,
      { owner: ctx.owner, repo: ctx.repo, issueNumber: pr.number, key: ctx.checkName },
      body
    )
    if (result.status === 'no-permission') {
      const detail =
        `Skipped the PR comment on #${pr.number}: the token may not write it (${result.reason}). ` +
        `It needs ${COMMENT_PERMISSION}.${forkHint(pr.fromFork)}`
      log.notice(detail)
      return { status: 'no-permission', detail }
    }
    const detail = `PR comment on #${pr.number} ${result.status}: ${result.url}`
    log.info(detail)
    return { status: 'done', detail, url: result.url }
  } catch (error) {
    return failed(log, `write the PR comment on #${pr.number}`, error, COMMENT_PERMISSION, pr.fromFork)
  }
}

async function publishCheckRun(
  octokit: GitHubClient,
  report: RunReport,
  ctx: PublishContext,
  log: ReportLog
): Promise<ChannelOutcome> {
  if (!ctx.checkRun) return skipped('Check run turned off (check-run: false).')
  const target = { owner: ctx.owner, repo: ctx.repo }
  const pull = ctx.payload.pull_request
  const fromFork = !!pull && pull.head?.repo?.full_name !== pull.base?.repo?.full_name
  const name = checkRunName(ctx)
  let checkRunId = ctx.checkRunId
  try {
    let url: string | undefined
    if (checkRunId === undefined) {
      const started = await startCheckRun(octokit, {
        ...target,
        name,
        headSha: headShaFor(ctx.eventName, ctx.payload, ctx.sha),
        ...(ctx.detailsUrl ? { detailsUrl: ctx.detailsUrl } : {})
      })
      checkRunId = started.id
      url = started.url
    }
    const done = await completeCheckRun(octokit, {
      ...target,
      checkRunId,
      report,
      title: name,
      context: reportContextOf(ctx),
      ...(ctx.annotatePasses ? { annotatePasses: true } : {}),
      ...(ctx.detailsUrl ? { detailsUrl: ctx.detailsUrl } : {})
    })
    const detail =
      `Check run "${name}" completed: ${done.conclusion} ` +
      `(${done.annotations} annotations in ${done.requests} ${done.requests === 1 ? 'request' : 'requests'}).`
    log.info(detail)
    return { status: 'done', detail, ...(url ? { url } : {}) }
  } catch (error) {
    if (checkRunId !== undefined) await concludeBare(octokit, ctx, checkRunId, report, error)
    return failed(log, `complete the check run "${name}"`, error, CHECKS_PERMISSION, fromFork)
  }
}

/**
 * The full completion failed part-way (a rejected batch, an outage): conclude the run anyway with the
 * verdict and a short summary, so a required check is never left `in_progress`. Best effort.
 */
async function concludeBare(
  octokit: GitHubClient,
  ctx: PublishContext,
  checkRunId: number,
  report: RunReport,
  error: unknown
): Promise<void> {
  try {
    await octokit.rest.checks.update({
      owner: ctx.owner,
      repo: ctx.repo,
      check_run_id: checkRunId,
      status: 'completed',
      conclusion: checkRunConclusion(report),
      completed_at: new Date().toISOString(),
      output: {
        title: truncate(`${checkRunName(ctx)}: ${report.result === 'fail' ? 'failed' : 'passed'}`, 255),
        summary: `The full report could not be attached (${escapeMarkdown(failureText(describeApiFailure(error)), 300)}). It is in the job summary and the JSON report of this run.`
      }
    })
  } catch {
    // The caller logs the original failure; a second one adds nothing.
  }
}

/**
 * Publishes the report to the pull request: the check run, then the sticky comment. Never throws for
 * a reporting failure: each becomes one notice (no permission) or warning (anything else) naming the
 * permission needed, and the outcome per channel is returned. The step's result stays the verdict's.
 */
export async function publishToGitHub(
  report: RunReport,
  ctx: PublishContext,
  log: ReportLog
): Promise<PublishResult> {
  const wantsComment = ctx.comment !== false
  if (!wantsComment && !ctx.checkRun) {
    return { comment: skipped('PR comment turned off.'), checkRun: skipped('Check run turned off.') }
  }
  if (!ctx.token) {
    const detail = 'No GitHub token (input github-token is empty): skipped the check run and the PR comment.'
    log.notice(detail)
    return { comment: skipped(detail), checkRun: skipped(detail) }
  }
  let octokit: GitHubClient
  try {
    octokit = createGitHubClient({
      token: ctx.token,
      ...(ctx.apiUrl ? { apiUrl: ctx.apiUrl } : {}),
      ...(ctx.secondMs ? { secondMs: ctx.secondMs } : {}),
      log
    })
  } catch (error) {
    const outcome = failed(log, 'set up the GitHub API client', error, CHECKS_PERMISSION)
    return { comment: outcome, checkRun: outcome }
  }
  const shown = isForkArtifact(ctx) ? { ...report, notes: [FORK_NOTE, ...report.notes] } : report
  const checkRun = await publishCheckRun(octokit, shown, ctx, log)
  const comment = await publishComment(octokit, shown, ctx, log)
  return { comment, checkRun }
}

/** The run's page, e.g. https://github.com/o/r/actions/runs/123/attempts/2, from the runner's variables. */
export function runUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const server = env['GITHUB_SERVER_URL']
  const repository = env['GITHUB_REPOSITORY']
  const runId = env['GITHUB_RUN_ID']
  if (!server || !repository || !runId) return undefined
  const attempt = env['GITHUB_RUN_ATTEMPT']
  return `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}${attempt ? `/attempts/${attempt}` : ''}`
}

/** Escaping can grow text sixfold (`"` → `&quot;`); this keeps the summary under the API's 65,535. */
const REASON_LIMIT = 10_000

/**
 * Completes a check run started by `beginCheckRun` when the run stopped before it had a report (a bad
 * manifest, missing credentials), so a required check never stays pending. Never throws.
 */
export async function abortCheckRun(ctx: PublishContext, log: ReportLog, reason: string): Promise<void> {
  if (!ctx.checkRunId || !ctx.token) return
  try {
    const octokit = createGitHubClient({
      token: ctx.token,
      ...(ctx.apiUrl ? { apiUrl: ctx.apiUrl } : {}),
      ...(ctx.secondMs ? { secondMs: ctx.secondMs } : {}),
      log
    })
    await octokit.rest.checks.update({
      owner: ctx.owner,
      repo: ctx.repo,
      check_run_id: ctx.checkRunId,
      status: 'completed',
      conclusion: 'failure',
      completed_at: new Date().toISOString(),
      output: {
        title: truncate(`${checkRunName(ctx)} could not run`, 255),
        // The reason can quote an artifact or a manifest: Markdown-escaped like every report string.
        summary: escapeMarkdown(reason, REASON_LIMIT)
      }
    })
  } catch (error) {
    log.warning(`Could not complete the check run (${failureText(describeApiFailure(error))}).`)
  }
}
