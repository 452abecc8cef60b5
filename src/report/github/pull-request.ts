import type { GitHubClient } from './client.js'

/** Only the webhook fields this module reads; the rest of the payload is ignored. */
interface RepoRef {
  full_name?: string
  owner?: { login?: string }
}
interface PullRequestPayload {
  number?: number
  head?: { sha?: string; ref?: string; repo?: RepoRef | null }
  base?: { repo?: RepoRef }
}
interface WorkflowRunPayload {
  head_sha?: string
  head_branch?: string | null
  head_repository?: RepoRef | null
  pull_requests?: { number?: number; head?: { sha?: string }; base?: { repo?: { url?: string } } }[]
}
export interface EventPayload {
  pull_request?: PullRequestPayload
  workflow_run?: WorkflowRunPayload
  [key: string]: unknown
}

export interface PullRequestTarget {
  number: number
  headSha: string
  /** The head branch lives in another repository: its `pull_request` workflows get a read-only token. */
  fromFork: boolean
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

export function isPullRequestEvent(eventName: string): boolean {
  return PULL_REQUEST_EVENTS.has(eventName)
}

/**
 * The commit a check run belongs on: the PR head (GITHUB_SHA is the test merge commit on
 * `pull_request`), the triggering run's head for `workflow_run` (GITHUB_SHA is the default branch
 * there), else GITHUB_SHA.
 */
export function headShaFor(eventName: string, payload: EventPayload, sha: string): string {
  if (isPullRequestEvent(eventName) && payload.pull_request?.head?.sha) return payload.pull_request.head.sha
  if (eventName === 'workflow_run' && payload.workflow_run?.head_sha) return payload.workflow_run.head_sha
  return sha
}

function pullRequestFromPayload(payload: EventPayload): PullRequestTarget | undefined {
  const pr = payload.pull_request
  if (!pr?.number || !pr.head?.sha) return undefined
  const head = pr.head.repo?.full_name
  const base = pr.base?.repo?.full_name
  return { number: pr.number, headSha: pr.head.sha, fromFork: !head || head !== base }
}

/**
 * `workflow_run` carries `pull_requests` only when the head branch is in this repository; for a fork
 * it is empty, so the PR is found by the head repository's owner and branch (`pulls.list` with
 * `head`), and failing that by the commit (`listPullRequestsAssociatedWithCommit`).
 */
async function pullRequestForWorkflowRun(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  run: WorkflowRunPayload
): Promise<PullRequestTarget | undefined> {
  const headSha = run.head_sha
  if (!headSha) return undefined
  const headRepo = run.head_repository?.full_name
  const fromFork = !!headRepo && headRepo.toLowerCase() !== `${owner}/${repo}`.toLowerCase()
  // Entries can name pull requests of another repository (the fork's own); only ours count.
  const ours = `/repos/${owner}/${repo}`.toLowerCase()
  const listed = run.pull_requests?.find(
    pr => pr.number && (!pr.base?.repo?.url || pr.base.repo.url.toLowerCase().endsWith(ours))
  )
  if (listed?.number) return { number: listed.number, headSha, fromFork }

  const headOwner = run.head_repository?.owner?.login
  if (headOwner && run.head_branch) {
    const { data } = await octokit.rest.pulls.list({
      owner,
      repo,
      state: 'open',
      head: `${headOwner}:${run.head_branch}`,
      per_page: 100
    })
    const match = data.find(pr => pr.head.sha === headSha)
    if (match) return { number: match.number, headSha, fromFork }
  }

  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner,
    repo,
    commit_sha: headSha,
    per_page: 100
  })
  const match = data.find(pr => pr.state === 'open' && pr.head.sha === headSha)
  return match ? { number: match.number, headSha, fromFork } : undefined
}

/** The pull request this run reports on, if any. Only `workflow_run` needs API calls. */
export async function findPullRequest(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  eventName: string,
  payload: EventPayload
): Promise<PullRequestTarget | undefined> {
  if (isPullRequestEvent(eventName)) return pullRequestFromPayload(payload)
  if (eventName === 'workflow_run' && payload.workflow_run) {
    return pullRequestForWorkflowRun(octokit, owner, repo, payload.workflow_run)
  }
  return undefined
}
