import { readFileSync } from 'node:fs'
import type { PublishContext } from '../report/github/publish.js'
import { runUrlFromEnv } from '../report/github/publish.js'
import type { EventPayload } from '../report/github/pull-request.js'
import { githubSecondFromEnv } from '../report/github/loopback-second.js'
import { UserError } from '../core/errors.js'
import type { Log } from '../core/log.js'
import { contentsApiReader, type BaseManifestReader } from '../policy/base-manifest.js'
import { isPullRequestEvent } from '../report/github/pull-request.js'
import type { ActionInputs } from './inputs.js'

/** The GitHub side of a run, from the runner's variables and the event file. */
export function publishContextFrom(inputs: ActionInputs, env: NodeJS.ProcessEnv): PublishContext {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const detailsUrl = runUrlFromEnv(env)
  return {
    token: inputs.githubToken,
    ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readEvent(env.GITHUB_EVENT_PATH),
    sha: env.GITHUB_SHA ?? '',
    checkName: inputs.checkName,
    comment: inputs.comment,
    checkRun: inputs.checkRun,
    ...(inputs.annotatePasses ? { annotatePasses: true } : {}),
    ...(inputs.mode === 'publish' ? { fromArtifact: true } : {}),
    ...(isPullRequestEvent(env.GITHUB_EVENT_NAME ?? '') ? { manifestRef: inputs.manifestRef } : {}),
    ...(detailsUrl ? { detailsUrl } : {}),
    ...githubSecondFromEnv(env)
  }
}

/**
 * On pull_request / pull_request_target: how to read the manifest at the base commit, the policy this run checks
 * (the checked-out one is the PR's). Undefined on every other event, where nothing changes.
 */
export function pullRequestBaseFrom(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  log: Log
): BaseManifestReader | undefined {
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  if (!isPullRequestEvent(eventName)) return undefined
  const payload = readEvent(env.GITHUB_EVENT_PATH) as { pull_request?: { base?: { sha?: unknown } } }
  const sha = payload.pull_request?.base?.sha
  if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha)) {
    throw new UserError(
      `The ${eventName} event names no base commit, so the base branch's policy cannot be read.`,
      ['Run on the pull request event GitHub sends (GITHUB_EVENT_PATH), or set manifest-ref: head.']
    )
  }
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  return contentsApiReader({
    token: inputs.githubToken,
    ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
    owner,
    repo,
    sha,
    log
  })
}

function readEvent(file: string | undefined): EventPayload {
  if (!file) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as EventPayload
  } catch {
    // Outside a workflow (or a broken event file) there is simply no pull request to report on.
    return {}
  }
}
