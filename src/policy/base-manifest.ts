import { UserError } from '../core/errors.js'
import type { Log } from '../core/log.js'
import { createGitHubClient } from '../report/github/client.js'
import { describeApiFailure, failureText } from '../report/github/errors.js'

/** Reads the manifest as it is at the pull request's base commit; `undefined` when the file is not there. */
export interface BaseManifestReader {
  /** The base commit (pull_request.base.sha). */
  sha: string
  read(path: string): Promise<string | undefined>
}

/** A manifest is a few kilobytes; the contents API inlines files up to 1 MB. Anything near that is not ours. */
export const BASE_MANIFEST_MAX_BYTES = 512 * 1024

export interface ContentsApiOptions {
  token: string
  apiUrl?: string
  owner: string
  repo: string
  sha: string
  log: Log
}

/**
 * Through the REST contents API at the base SHA: it works whatever the checkout's depth (actions/checkout
 * fetches one commit by default, so the base commit is usually not in the runner's git objects) and needs only
 * `contents: read`, which GITHUB_TOKEN has. No git library is worth its bytes for one file at one commit.
 */
export function contentsApiReader(options: ContentsApiOptions): BaseManifestReader {
  return {
    sha: options.sha,
    async read(path: string): Promise<string | undefined> {
      if (!options.token) {
        throw new UserError(
          'manifest-ref: base needs a github-token to read the base branch manifest (contents: read).',
          [
            'Pass github-token (the default GITHUB_TOKEN works), or set manifest-ref: head to trust the pull request.'
          ]
        )
      }
      const octokit = createGitHubClient({
        token: options.token,
        ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
        log: options.log
      })
      let data: unknown
      try {
        ;({ data } = await octokit.rest.repos.getContent({
          owner: options.owner,
          repo: options.repo,
          path,
          ref: options.sha
        }))
      } catch (error) {
        const failure = describeApiFailure(error)
        if (failure.status === 404) return undefined
        // Fail closed: without the base policy there is nothing trustworthy to check against.
        throw new UserError(
          `Could not read ${path} at the base commit ${options.sha.slice(0, 12)} (${failureText(failure)}).`,
          [
            'The token needs contents: read on this repository; or set manifest-ref: head to check against the pull request’s own manifest.'
          ]
        )
      }
      return fileText(data, path)
    }
  }
}

function fileText(data: unknown, path: string): string {
  const file = data as { type?: unknown; encoding?: unknown; content?: unknown; size?: unknown }
  if (Array.isArray(data) || file.type !== 'file') {
    throw new UserError(`The manifest path ${path} is not a file at the base commit.`)
  }
  if (typeof file.size === 'number' && file.size > BASE_MANIFEST_MAX_BYTES) {
    throw new UserError(
      `The base commit's ${path} is ${file.size} bytes; a manifest is at most ${BASE_MANIFEST_MAX_BYTES}.`
    )
  }
  if (file.encoding !== 'base64' || typeof file.content !== 'string') {
    throw new UserError(
      `GitHub returned ${path} at the base commit without its content (encoding ${String(file.encoding)}).`
    )
  }
  return Buffer.from(file.content, 'base64').toString('utf8')
}
