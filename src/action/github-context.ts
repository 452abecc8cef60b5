import { readFileSync } from 'node:fs'
import type { PublishContext } from '../report/github/publish.js'
import { runUrlFromEnv } from '../report/github/publish.js'
import type { EventPayload } from '../report/github/pull-request.js'
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
    ...(inputs.mode === 'publish' ? { fromArtifact: true } : {}),
    ...(detailsUrl ? { detailsUrl } : {})
  }
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
