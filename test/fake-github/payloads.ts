import { createRequire } from 'node:module'
import type { EventPayload } from '../../src/report/github/pull-request.js'

/**
 * Webhook event payloads from `@octokit/webhooks-examples` (real deliveries collected by Octokit), so
 * the code reads the fields GitHub really sends. The package has no pull request from a fork and no
 * fork `workflow_run`; those are derived from real examples by changing only the head repository.
 */

const require = createRequire(import.meta.url)

interface WebhookDefinition {
  name: string
  examples: Record<string, unknown>[]
}

const definitions = require('@octokit/webhooks-examples') as WebhookDefinition[]

function example(
  name: string,
  match: (payload: Record<string, unknown>) => boolean
): Record<string, unknown> {
  const found = definitions.find(d => d.name === name)?.examples.find(match)
  if (!found) throw new Error(`no ${name} example matches`)
  return structuredClone(found)
}

interface PullRequestExample {
  action: string
  number: number
  pull_request: {
    number: number
    head: {
      sha: string
      ref: string
      label: string
      repo: Record<string, unknown> & { full_name: string; owner: { login: string } }
    }
    base: { repo: { full_name: string; name: string; owner: { login: string } } }
  }
  repository: { full_name: string; name: string; owner: { login: string } }
}

/** `pull_request` `opened`, head and base in the same repository (Codertocat/Hello-World #2). */
export function pullRequestOpened(): PullRequestExample & EventPayload {
  return example('pull_request', p => p['action'] === 'opened') as unknown as PullRequestExample &
    EventPayload
}

/** The same event as if opened from a fork: the head repository belongs to another account. */
export function forkPullRequestOpened(forkOwner = 'forker'): PullRequestExample & EventPayload {
  const payload = pullRequestOpened()
  const head = payload.pull_request.head
  const name = String(head.repo['name'])
  head.repo = {
    ...head.repo,
    full_name: `${forkOwner}/${name}`,
    fork: true,
    owner: { ...head.repo.owner, login: forkOwner }
  }
  head.label = `${forkOwner}:${head.ref}`
  return payload
}

interface WorkflowRunExample {
  workflow_run: {
    head_sha: string
    head_branch: string
    event: string
    pull_requests: { number: number; base: { repo: { url: string } } }[]
    head_repository: Record<string, unknown> & { full_name: string; owner: { login: string } }
  }
  repository: { full_name: string; name: string; owner: { login: string } }
}

/** `workflow_run` `completed` whose `pull_requests` lists the pull request (a same-repository branch). */
export function workflowRunWithPullRequest(): WorkflowRunExample & EventPayload {
  return example('workflow_run', p => {
    const run = p['workflow_run'] as { pull_requests?: unknown[] }
    return p['action'] === 'completed' && (run.pull_requests?.length ?? 0) > 0
  }) as unknown as WorkflowRunExample & EventPayload
}

/**
 * `workflow_run` `completed` for a pull request from a fork: GitHub leaves `pull_requests` empty then,
 * and the head repository is the fork. Derived from the real example with an empty `pull_requests`.
 */
export function workflowRunFromFork(forkOwner = 'forker'): WorkflowRunExample & EventPayload {
  const payload = example('workflow_run', p => {
    const run = p['workflow_run'] as { pull_requests?: unknown[] }
    return p['action'] === 'completed' && run.pull_requests?.length === 0
  }) as unknown as WorkflowRunExample & EventPayload
  const run = payload.workflow_run
  run.event = 'pull_request'
  run.head_repository = {
    ...run.head_repository,
    full_name: `${forkOwner}/${String(run.head_repository['name'])}`,
    fork: true,
    owner: { ...run.head_repository.owner, login: forkOwner }
  }
  return payload
}
