import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { githubOpenApi, type OpenApiContract, type Route } from './openapi.js'

/**
 * A loopback GitHub REST API for the reporting channels, reached through GITHUB_API_URL. Every request
 * is checked against GitHub's OpenAPI description (route, parameters, body); responses are built from
 * the description's own examples and checked too. It keeps issue comments (paginated with `Link`
 * headers and `per_page`) and check runs, and can play a read-only token or a secondary rate limit.
 */

export interface FakeGitHubOptions {
  /** The token the client must send (`authorization: token …`); anything else gets 401. */
  token: string
  /** Serve under a prefix, like GitHub Enterprise Server's `/api/v3`. */
  basePath?: string
  /** Every write answers 403 "Resource not accessible by integration" (a fork's pull_request token). */
  readOnly?: boolean
  /** This many write requests are first refused with a secondary rate limit (403, retry-after: 1). */
  secondaryRateLimits?: number
  /** Answer these operations (by operationId) with this status, e.g. a 422 validation failure. */
  failOperations?: Record<string, number>
  /**
   * Who the token is. Default: the `github-actions[bot]` of a GITHUB_TOKEN, an installation token,
   * which GET /user refuses (403 "Resource not accessible by integration"). A `User` (a personal
   * access token) gets 200 from GET /user. Comments the token creates carry this author.
   */
  identity?: TokenIdentity
}

export interface TokenIdentity {
  login: string
  id: number
  type: 'Bot' | 'User'
}

/** GITHUB_TOKEN's author: the GitHub Actions app's bot user (id 41898282 on github.com). */
export const GITHUB_ACTIONS_BOT: TokenIdentity = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }

/**
 * The GitHub client's second (its write spacing, retry-after and backoff) for in-process tests against this
 * fake: the same plugins and the same number of waits, 1 ms each "second". test/report/github-spacing.test.ts
 * measures the real second.
 */
export const FAKE_SECOND_MS = 1

export interface RecordedRequest {
  method: string
  /** Path without the base path, e.g. /repos/o/r/check-runs/1 */
  path: string
  query: Record<string, string>
  operationId?: string
  body?: unknown
  status: number
  /** When it arrived (Date.now()): the client's spacing and backoff, measured at the server. */
  at: number
  /** Where the request broke GitHub's published description (empty when it conforms). */
  violations: string[]
}

type Json = Record<string, unknown>

interface StoredComment extends Json {
  id: number
  body: string
}

export interface StoredCheckRun {
  data: Json & { id: number; name: string; head_sha: string; status: string; conclusion: string | null }
  annotations: Json[]
  /** Each update request's annotation count, in order. */
  annotationBatches: number[]
}

interface StoredPullRequest {
  number: number
  headSha: string
  /** `owner:branch` as `pulls.list?head=` filters it. */
  headLabel: string
  state: 'open' | 'closed'
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

const NOT_ACCESSIBLE = 'Resource not accessible by integration'
/** GitHub's limit on issue comment bodies (not in the OpenAPI description). */
const COMMENT_BODY_LIMIT = 65536
const SECONDARY_RATE_LIMIT =
  'You have exceeded a secondary rate limit and have been temporarily blocked from content creation. ' +
  'Please retry your request again later.'

export class FakeGitHub {
  readonly requests: RecordedRequest[] = []
  readonly checkRuns = new Map<number, StoredCheckRun>()
  private readonly comments = new Map<string, StoredComment[]>()
  private readonly pullRequests = new Map<string, StoredPullRequest[]>()
  /** `owner/repo@ref:path` → file text, served by the contents API. */
  private readonly files = new Map<string, string>()
  private readonly contract: OpenApiContract
  private server: Server | undefined
  private origin = ''
  private nextId = 1_000_000
  private rateLimitsLeft: number

  constructor(private readonly options: FakeGitHubOptions) {
    this.contract = githubOpenApi()
    this.rateLimitsLeft = options.secondaryRateLimits ?? 0
  }

  /** The value for GITHUB_API_URL. */
  get apiUrl(): string {
    return `${this.origin}${this.options.basePath ?? ''}`
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>(resolve => this.server?.listen(0, '127.0.0.1', resolve))
    const { port } = this.server.address() as AddressInfo
    this.origin = `http://127.0.0.1:${port}`
    return this
  }

  async close(): Promise<void> {
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  /** Every OpenAPI violation seen, as `METHOD path: problem`. */
  get violations(): string[] {
    return this.requests.flatMap(r => r.violations.map(v => `${r.method} ${r.path}: ${v}`))
  }

  requestsFor(operationId: string): RecordedRequest[] {
    return this.requests.filter(r => r.operationId === operationId)
  }

  issueComments(owner: string, repo: string, issue: number): StoredComment[] {
    return this.comments.get(`${owner}/${repo}#${issue}`) ?? []
  }

  /**
   * Adds comments by other people to a pull request: by default the description's example author
   * (`octocat`), or `author` (e.g. the token's own identity, to seed a comment of ours).
   */
  seedComments(owner: string, repo: string, issue: number, bodies: string[], author?: TokenIdentity): void {
    for (const body of bodies) this.addComment(owner, repo, issue, body, author)
  }

  private get identity(): TokenIdentity {
    return this.options.identity ?? GITHUB_ACTIONS_BOT
  }

  /** A file as it is at one commit (`ref`), for GET /repos/{owner}/{repo}/contents/{path}?ref=. */
  addFile(owner: string, repo: string, ref: string, path: string, text: string): void {
    this.files.set(`${owner}/${repo}@${ref}:${path}`, text)
  }

  addPullRequest(owner: string, repo: string, pr: StoredPullRequest): void {
    const key = `${owner}/${repo}`
    this.pullRequests.set(key, [...(this.pullRequests.get(key) ?? []), pr])
  }

  private addComment(
    owner: string,
    repo: string,
    issue: number,
    body: string,
    author?: TokenIdentity
  ): StoredComment {
    const id = this.nextId++
    const now = new Date().toISOString()
    const comment = this.contract.example<StoredComment>('issue-comment')
    if (author) comment['user'] = this.userFor(author, (comment['user'] ?? {}) as Json)
    Object.assign(comment, {
      id,
      node_id: `IC_fake${id}`,
      url: `${this.apiUrl}/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${this.apiUrl}/repos/${owner}/${repo}/issues/${issue}`,
      body,
      created_at: now,
      updated_at: now
    })
    const key = `${owner}/${repo}#${issue}`
    this.comments.set(key, [...(this.comments.get(key) ?? []), comment])
    return comment
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin)
    const base = this.options.basePath ?? ''
    const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) || '/' : url.pathname
    const method = req.method ?? 'GET'
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      at: Date.now(),
      violations: []
    }
    this.requests.push(record)
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      record.status = status
      res.writeHead(status, {
        ...(body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        'x-github-media-type': 'github.v3; format=json',
        ...headers
      })
      res.end(body !== undefined ? JSON.stringify(body) : undefined)
    }

    try {
      const raw = await readBody(req)
      if (raw) {
        if (!/application\/json/.test(req.headers['content-type'] ?? ''))
          record.violations.push('body is not JSON')
        record.body = JSON.parse(raw) as unknown
      }
      if (!url.pathname.startsWith(base)) throw new HttpError(404, 'Not Found')
      const route = this.contract.match(method, path)
      if (!route) {
        record.violations.push('no such route in the OpenAPI description')
        throw new HttpError(404, 'Not Found')
      }
      record.operationId = route.operationId
      record.violations.push(...this.contract.validateRequest(route, url.searchParams, record.body))
      if (req.headers.authorization !== `token ${this.options.token}`)
        throw new HttpError(401, 'Bad credentials')
      if (record.violations.length > 0)
        throw new HttpError(422, `Invalid request: ${record.violations.join('; ')}`)
      if (method !== 'GET') {
        if (this.rateLimitsLeft > 0) {
          this.rateLimitsLeft -= 1
          throw new HttpError(403, SECONDARY_RATE_LIMIT, { 'retry-after': '1' })
        }
        if (this.options.readOnly) throw new HttpError(403, NOT_ACCESSIBLE)
      }
      const failWith = this.options.failOperations?.[route.operationId]
      if (failWith) throw new HttpError(failWith, 'Validation Failed')
      const commentText = (record.body as Json | undefined)?.['body']
      if (typeof commentText === 'string' && commentText.length > COMMENT_BODY_LIMIT) {
        throw new HttpError(422, `Body is too long (maximum is ${COMMENT_BODY_LIMIT} characters)`)
      }
      const { status, body, headers } = this.route(route, url, record.body as Json | undefined)
      record.violations.push(...this.contract.validateResponse(route, status, body))
      send(status, body, headers)
    } catch (error) {
      if (error instanceof HttpError) {
        send(
          error.status,
          {
            message: error.message,
            documentation_url: 'https://docs.github.com/rest',
            status: String(error.status)
          },
          error.headers
        )
      } else {
        record.violations.push(`fake failed: ${String(error)}`)
        send(500, { message: String(error) })
      }
    }
  }

  private route(
    route: Route,
    url: URL,
    body: Json | undefined
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const { owner = '', repo = '' } = route.params
    switch (route.operationId) {
      case 'issues/list-comments':
        return this.listComments(owner, repo, Number(route.params['issue_number']), url)
      case 'users/get-authenticated': {
        // Installation tokens (GITHUB_TOKEN, apps) are not a user: GitHub refuses /user for them.
        if (this.identity.type === 'Bot') throw new HttpError(403, NOT_ACCESSIBLE)
        const user = this.contract.example<Json>('private-user-response-with-public-profile-information')
        return { status: 200, body: this.userFor(this.identity, user) }
      }
      case 'issues/create-comment': {
        const comment = this.addComment(
          owner,
          repo,
          Number(route.params['issue_number']),
          String(body?.['body']),
          this.identity
        )
        return { status: 201, body: comment, headers: { location: String(comment['url']) } }
      }
      case 'issues/update-comment': {
        const id = Number(route.params['comment_id'])
        const comment = [...this.comments.values()].flat().find(c => c.id === id)
        if (!comment) throw new HttpError(404, 'Not Found')
        Object.assign(comment, { body: String(body?.['body']), updated_at: new Date().toISOString() })
        return { status: 200, body: comment }
      }
      case 'checks/create':
        return { status: 201, body: this.createCheckRun(owner, repo, body ?? {}).data }
      case 'checks/update':
        return {
          status: 200,
          body: this.updateCheckRun(Number(route.params['check_run_id']), body ?? {}).data
        }
      case 'pulls/list': {
        const head = url.searchParams.get('head')
        const state = url.searchParams.get('state') ?? 'open'
        const prs = (this.pullRequests.get(`${owner}/${repo}`) ?? []).filter(
          pr => (!head || pr.headLabel === head) && (state === 'all' || pr.state === state)
        )
        return { status: 200, body: prs.map(pr => this.pullRequestSimple(owner, repo, pr)) }
      }
      case 'repos/list-pull-requests-associated-with-commit': {
        const sha = route.params['commit_sha']
        const prs = (this.pullRequests.get(`${owner}/${repo}`) ?? []).filter(pr => pr.headSha === sha)
        return { status: 200, body: prs.map(pr => this.pullRequestSimple(owner, repo, pr)) }
      }
      case 'repos/get-content':
        return this.getContent(owner, repo, route.params['path'] ?? '', url.searchParams.get('ref') ?? '')
      default:
        throw new HttpError(501, `the fake does not implement ${route.operationId}`)
    }
  }

  /** A file's JSON form (`content-file`): base64 in 60-character lines, as GitHub sends it. */
  private getContent(
    owner: string,
    repo: string,
    path: string,
    ref: string
  ): { status: number; body: unknown } {
    const text = this.files.get(`${owner}/${repo}@${ref}:${path}`)
    if (text === undefined) throw new HttpError(404, 'Not Found')
    const body = this.contract.example<Json>('content-file-response-if-content-is-a-file')
    const base64 = Buffer.from(text, 'utf8').toString('base64')
    const name = path.split('/').pop() ?? path
    const blobUrl = `${this.apiUrl}/repos/${owner}/${repo}/contents/${path}?ref=${ref}`
    Object.assign(body, {
      name,
      path,
      size: Buffer.byteLength(text),
      content: `${base64.replace(/.{60}/g, '$&\n')}\n`,
      url: blobUrl,
      _links: { ...(body['_links'] as Json), self: blobUrl }
    })
    return { status: 200, body }
  }

  private listComments(
    owner: string,
    repo: string,
    issue: number,
    url: URL
  ): { status: number; body: unknown; headers: Record<string, string> } {
    const all = this.issueComments(owner, repo, issue)
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100)
    const page = Number(url.searchParams.get('page') ?? 1)
    const lastPage = Math.max(1, Math.ceil(all.length / perPage))
    const pageUrl = (n: number) => {
      const u = new URL(url.href)
      u.searchParams.set('per_page', String(perPage))
      u.searchParams.set('page', String(n))
      return `<${u.href}>`
    }
    const links = [
      ...(page < lastPage ? [`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(lastPage)}; rel="last"`] : []),
      ...(page > 1 ? [`${pageUrl(1)}; rel="first"`, `${pageUrl(page - 1)}; rel="prev"`] : [])
    ]
    return {
      status: 200,
      body: all.slice((page - 1) * perPage, page * perPage),
      headers: links.length > 0 ? { link: links.join(', ') } : ({} as Record<string, string>)
    }
  }

  private createCheckRun(owner: string, repo: string, body: Json): StoredCheckRun {
    const id = this.nextId++
    const data = this.contract.example<StoredCheckRun['data']>('check-run-example-of-in-progress-conclusion')
    Object.assign(data, {
      id,
      node_id: `CR_fake${id}`,
      name: String(body['name']),
      head_sha: String(body['head_sha']),
      url: `${this.apiUrl}/repos/${owner}/${repo}/check-runs/${id}`,
      html_url: `https://github.com/${owner}/${repo}/runs/${id}`,
      details_url: typeof body['details_url'] === 'string' ? body['details_url'] : null,
      status: typeof body['status'] === 'string' ? body['status'] : 'queued',
      conclusion: null,
      started_at: typeof body['started_at'] === 'string' ? body['started_at'] : new Date().toISOString(),
      completed_at: null,
      pull_requests: []
    })
    const run: StoredCheckRun = { data, annotations: [], annotationBatches: [] }
    this.checkRuns.set(id, run)
    this.applyCheckRunUpdate(run, body)
    return run
  }

  private updateCheckRun(id: number, body: Json): StoredCheckRun {
    const run = this.checkRuns.get(id)
    if (!run) throw new HttpError(404, 'Not Found')
    this.applyCheckRunUpdate(run, body)
    return run
  }

  /** As the API does: annotations are appended, title/summary replaced, a conclusion completes the run. */
  private applyCheckRunUpdate(run: StoredCheckRun, body: Json): void {
    const output = (body['output'] ?? undefined) as Json | undefined
    const annotations = (output?.['annotations'] ?? []) as Json[]
    run.annotations.push(...annotations)
    run.annotationBatches.push(annotations.length)
    if (typeof body['status'] === 'string') run.data.status = body['status']
    if (typeof body['conclusion'] === 'string') {
      run.data.conclusion = body['conclusion']
      run.data.status = 'completed'
      run.data['completed_at'] =
        typeof body['completed_at'] === 'string' ? body['completed_at'] : new Date().toISOString()
    }
    if (output) {
      run.data['output'] = {
        ...(run.data['output'] as Json),
        title: output['title'] ?? null,
        summary: output['summary'] ?? null,
        text: output['text'] ?? null,
        annotations_count: run.annotations.length
      }
    }
  }

  /** A user object of the description's shape, for `identity`. */
  private userFor(identity: TokenIdentity, template: Json): Json {
    return {
      ...template,
      login: identity.login,
      id: identity.id,
      node_id: `U_fake${identity.id}`,
      type: identity.type,
      url: `${this.apiUrl}/users/${encodeURIComponent(identity.login)}`,
      html_url: `https://github.com/${identity.type === 'Bot' ? 'apps/' : ''}${identity.login.replace(/\[bot\]$/, '')}`
    }
  }

  private pullRequestSimple(owner: string, repo: string, pr: StoredPullRequest): Json {
    const [item] = this.contract.example<Json[]>('pull-request-simple-items')
    const data = item as Json
    const head = data['head'] as Json
    Object.assign(data, {
      // The description's own example lists a team without its required `type`; no team is simpler.
      requested_teams: [],
      number: pr.number,
      state: pr.state,
      url: `${this.apiUrl}/repos/${owner}/${repo}/pulls/${pr.number}`,
      head: { ...head, sha: pr.headSha, label: pr.headLabel, ref: pr.headLabel.split(':')[1] ?? head['ref'] }
    })
    return data
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  return new FakeGitHub(options).start()
}
