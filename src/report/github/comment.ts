import type { RunReport } from '../../core/run-report.js'
import type { ReportContext } from '../markdown/context.js'
import { renderReportMarkdown } from '../markdown/render.js'
import type { GitHubClient } from './client.js'
import { describeApiFailure, failureText } from './errors.js'

/** GitHub rejects issue comments longer than this many characters. */
export const COMMENT_LIMIT = 65536

/**
 * The hidden first line that identifies our comment. The key (the check name) lets two manifests keep
 * two comments on one pull request; it is reduced to characters that cannot end the HTML comment.
 */
export function commentMarker(key: string): string {
  const safe =
    key
      .trim()
      .replace(/[^A-Za-z0-9._/-]+/g, '-')
      .slice(0, 100) || 'default'
  return `<!-- vpce-proof:${safe} -->`
}

export function commentBody(
  report: RunReport,
  key: string,
  opts: { title?: string; detailsUrl?: string; context?: ReportContext } = {}
): string {
  return withMarker(key, limit => renderReportMarkdown(report, { ...opts, maxLength: limit }))
}

/** The marker line and a body rendered to fit the comment limit beside it. */
export function withMarker(key: string, render: (maxLength: number) => string): string {
  const marker = commentMarker(key)
  return `${marker}\n${render(COMMENT_LIMIT - marker.length - 1)}`
}

export type CommentResult =
  | { status: 'created' | 'updated' | 'unchanged'; id: number; url: string }
  | { status: 'no-permission'; reason: string }

export interface StickyCommentTarget {
  owner: string
  repo: string
  issueNumber: number
  key: string
}

/** The author of comments written with GITHUB_TOKEN (and the fallback for any installation token). */
export const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]'

/**
 * Who the token writes as. A personal access token can read GET /user; an installation token (the
 * workflow's GITHUB_TOKEN) cannot (403) and writes as `github-actions[bot]`. Any other failure (a
 * timeout, a 5xx) leaves the identity unknown: then no marker comment is adopted and ours is posted new,
 * rather than guessing an author and editing somebody else's comment.
 */
export async function tokenLogin(octokit: GitHubClient): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return data.login
  } catch (error) {
    const status = describeApiFailure(error).status
    return status === 401 || status === 403 ? GITHUB_ACTIONS_LOGIN : undefined
  }
}

/**
 * Looks through every page of the PR's comments, oldest first, for the first one with our marker that
 * the token itself wrote. Anyone can post a comment starting with the marker (and later edit it to
 * show a fake pass), so the author decides, not the marker; who we are is asked only once a marker
 * comment turns up.
 */
async function findStickyComment(octokit: GitHubClient, target: StickyCommentTarget, marker: string) {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  })
  let own: { login: string | undefined } | undefined
  for await (const { data } of pages) {
    for (const c of data) {
      if (!c.body?.trimStart().startsWith(marker)) continue
      own ??= { login: await tokenLogin(octokit) }
      if (own.login !== undefined && c.user?.login === own.login) return c
    }
  }
  return undefined
}

/**
 * Updates our comment in place, or creates it. A token that may not write (403 "Resource not
 * accessible by integration", 404 on a fork's pull request) yields `no-permission` instead of an
 * error; any other API failure is thrown.
 */
export async function upsertStickyComment(
  octokit: GitHubClient,
  target: StickyCommentTarget,
  body: string
): Promise<CommentResult> {
  const marker = commentMarker(target.key)
  const { owner, repo } = target
  try {
    const existing = await findStickyComment(octokit, target, marker)
    if (existing?.body === body) return { status: 'unchanged', id: existing.id, url: existing.html_url }
    if (existing) {
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body })
      return { status: 'updated', id: data.id, url: data.html_url }
    }
    const { data } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: target.issueNumber,
      body
    })
    return { status: 'created', id: data.id, url: data.html_url }
  } catch (error) {
    const failure = describeApiFailure(error)
    if (failure.noPermission) return { status: 'no-permission', reason: failureText(failure) }
    throw error
  }
}
