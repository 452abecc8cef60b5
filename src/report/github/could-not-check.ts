import { isDeadlineExceeded } from '../../core/deadline.js'
import { isUserError } from '../../core/errors.js'
import { redact } from '../../core/redact.js'
import type { Log } from '../../core/log.js'
import { shortCommit, safeUrl, type ReportContext } from '../markdown/context.js'
import { escapeMarkdown } from '../markdown/escape.js'
import { writeSummaryText } from '../job-summary.js'
import { createGitHubClient } from './client.js'
import { withMarker, upsertStickyComment } from './comment.js'
import { describeApiFailure, failureText } from './errors.js'
import {
  abortCheckRun,
  checkRunName,
  reportContextOf,
  runUrlFromEnv,
  type PublishContext
} from './publish.js'
import { findPullRequest } from './pull-request.js'

const REASON_LIMIT = 1000
const DETAIL_LIMIT = 500
const DETAILS_SHOWN = 20

/** The reason a run stopped, as a person reads it: one line, and the problems under it (manifest lines). */
export function failureReason(error: unknown): { reason: string; details: string[] } {
  if (isUserError(error)) return { reason: redact(error.message), details: error.details.map(d => redact(d)) }
  const message = error instanceof Error ? error.message : String(error)
  if (isDeadlineExceeded(error)) return { reason: redact(message), details: [] }
  // A bug: its stack stays in the log; the pull request gets the message only.
  return { reason: `internal error: ${redact(message)}`, details: [] }
}

/**
 * "❌ vpce-proof: could not check at 1a2b3c4: 2 problems in .github/vpc-endpoints.yml", the run
 * linked, the problems listed. It replaces whatever the sticky comment said before, so an old "all
 * passed" never stands beside a commit that was not checked.
 */
export function couldNotCheckMarkdown(
  failure: { reason: string; details: string[] },
  context: ReportContext,
  title = 'vpce-proof',
  maxLength = Number.POSITIVE_INFINITY
): string {
  const commit = shortCommit(context.commit)
  const at = commit ? ` at <code>${commit}</code>` : ''
  const runUrl = safeUrl(context.runUrl)
  const lines = [
    `## ❌ ${escapeMarkdown(title, 100)}: could not check${at}: ${escapeMarkdown(failure.reason, REASON_LIMIT)}`,
    '',
    `<sub>${runUrl ? `[workflow run](${runUrl}) · ` : ''}nothing was checked, so no earlier verdict stands for this commit</sub>`,
    ''
  ]
  const shown = failure.details.slice(0, DETAILS_SHOWN)
  for (const d of shown) lines.push(`- ${escapeMarkdown(d, DETAIL_LIMIT)}`)
  if (failure.details.length > shown.length)
    lines.push(`- … and ${failure.details.length - shown.length} more (in the step's log)`)
  if (shown.length > 0) lines.push('')
  lines.push('Fix the cause and re-run the workflow; the step log and the annotations have the details.', '')
  const text = lines.join('\n')
  return text.length <= maxLength ? text : text.slice(0, maxLength)
}

/**
 * A run that stopped before it had a report (a bad manifest, no credentials, the deadline) still
 * reaches every channel a report would: the job summary, the sticky comment and the check run. Never
 * throws; a channel that fails is a warning, as for a report.
 */
export async function reportCouldNotCheck(
  ctx: PublishContext | undefined,
  log: Log,
  error: unknown,
  env: NodeJS.ProcessEnv = process.env
): Promise<void> {
  const failure = failureReason(error)
  const context: ReportContext = ctx
    ? reportContextOf(ctx)
    : {
        ...(env['GITHUB_SHA'] ? { commit: env['GITHUB_SHA'] } : {}),
        ...(runUrlFromEnv(env) ? { runUrl: runUrlFromEnv(env) as string } : {})
      }
  const title = ctx ? checkRunName(ctx) : 'vpce-proof'
  await writeSummaryText(couldNotCheckMarkdown(failure, context, title), log)
  if (!ctx) return
  await commentCouldNotCheck(ctx, log, failure, context, title)
  await abortCheckRun(
    ctx,
    log,
    `${failure.reason}${failure.details.length ? `\n\n${failure.details.join('\n')}` : ''}`
  )
}

async function commentCouldNotCheck(
  ctx: PublishContext,
  log: Log,
  failure: { reason: string; details: string[] },
  context: ReportContext,
  title: string
): Promise<void> {
  if (ctx.comment === false || !ctx.token) return
  try {
    const octokit = createGitHubClient({
      token: ctx.token,
      ...(ctx.apiUrl ? { apiUrl: ctx.apiUrl } : {}),
      ...(ctx.secondMs ? { secondMs: ctx.secondMs } : {}),
      log
    })
    const pr = await findPullRequest(octokit, ctx.owner, ctx.repo, ctx.eventName, ctx.payload)
    if (!pr) return
    const body = withMarker(ctx.checkName, max => couldNotCheckMarkdown(failure, context, title, max))
    const result = await upsertStickyComment(
      octokit,
      { owner: ctx.owner, repo: ctx.repo, issueNumber: pr.number, key: ctx.checkName },
      body
    )
    if (result.status === 'no-permission')
      log.notice(`Skipped the PR comment on #${pr.number}: the token may not write it (${result.reason}).`)
    else log.info(`PR comment on #${pr.number} ${result.status}: ${result.url}`)
  } catch (e) {
    log.warning(`Could not write the PR comment (${failureText(describeApiFailure(e))}).`)
  }
}
