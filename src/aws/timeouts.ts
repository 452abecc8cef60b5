import { HttpRequest } from '@smithy/protocol-http'
import type { MiddlewareStack } from '@smithy/types'
import { DeadlineExceeded, formatMs } from '../core/deadline.js'
import { startCallBudget, withinCallBudget, type BudgetClock } from './call-budget.js'

/**
 * How long any AWS call may take. Without these an endpoint that accepts the connection and never
 * answers (or sends a byte every few seconds) holds the run until the job is killed.
 */
export interface AwsTimeouts {
  /** TCP (and TLS) connection must open within this. */
  connectMs: number
  /** Response headers must arrive within this, per attempt. */
  attemptMs: number
  /** The socket may stay silent this long. */
  idleMs: number
  /**
   * The whole call (every retry, backoff and the response body) ends within this. Time queued in the EC2
   * token bucket is not counted (call-budget.ts); the run's deadline bounds that.
   */
  callMs: number
}

/**
 * Documented in README (Timeouts). A call that never answers ends after 45 s whatever the retries, so a
 * configuration-only run against a dead endpoint ends in about a minute (its reads run concurrently).
 */
export const DEFAULT_AWS_TIMEOUTS: AwsTimeouts = {
  connectMs: 5_000,
  attemptMs: 15_000,
  idleMs: 15_000,
  callMs: 45_000
}

/** Named like the SDK's own timeouts, so the retry logic and the report treat it as one. */
export class AwsCallTimeout extends Error {
  override readonly name = 'TimeoutError'
}

interface SendOptions {
  abortSignal?: AbortSignal
  [key: string]: unknown
}

interface Sendable {
  send: (command: never, options?: never) => Promise<unknown>
}

interface CommandLike {
  middlewareStack: unknown
}

/**
 * Replaces `client.send` (which the SDK's paginators call too) with one that gives every call a total
 * budget and the run's deadline as its abort signal, and turns the resulting errors into one line that
 * names the endpoint and the limit: "no answer from https://ec2.eu-west-1.amazonaws.com within 45s".
 */
export function withCallBudget(
  client: Sendable,
  limits: { callMs: number; signal?: AbortSignal; clock?: BudgetClock }
): void {
  const original = client.send.bind(client) as (command: unknown, options?: SendOptions) => Promise<unknown>
  const send = async (command: CommandLike, options: SendOptions = {}): Promise<unknown> => {
    const seen = endpointSeen(command)
    const call = startCallBudget(limits.callMs, limits.clock)
    const budget = call.signal
    const signals = [budget, limits.signal, options.abortSignal].filter((s): s is AbortSignal => !!s)
    try {
      return await withinCallBudget(call, () =>
        original(command, { ...options, abortSignal: AbortSignal.any(signals) })
      )
    } catch (error) {
      if (limits.signal?.aborted) {
        const reason: unknown = limits.signal.reason
        const why = reason instanceof Error ? reason.message : 'the run was stopped'
        throw new DeadlineExceeded(`${why}, waiting for ${seen.endpoint}`, { cause: error })
      }
      if (budget.aborted) {
        throw new AwsCallTimeout(`no answer from ${seen.endpoint} within ${formatMs(limits.callMs)}`, {
          cause: error
        })
      }
      if (isTimeout(error)) {
        const detail = error instanceof Error ? error.message : String(error)
        throw new AwsCallTimeout(`no answer from ${seen.endpoint} (${shortTimeout(detail)})`, {
          cause: error
        })
      }
      throw error
    } finally {
      call.dispose()
    }
  }
  client.send = send as unknown as Sendable['send']
}

const seenByCommand = new WeakMap<object, { endpoint: string }>()

/** Where the command's request went, known once the SDK has resolved the endpoint and built it. */
function endpointSeen(command: CommandLike): { endpoint: string } {
  let seen = seenByCommand.get(command)
  if (seen) return seen
  const holder = { endpoint: 'the AWS endpoint' }
  seen = holder
  seenByCommand.set(command, holder)
  ;(command.middlewareStack as MiddlewareStack<object, object>).add(
    next => args => {
      const request = (args as { request?: unknown }).request
      if (HttpRequest.isInstance(request)) holder.endpoint = endpointOf(request)
      return next(args)
    },
    { step: 'finalizeRequest', priority: 'low', name: 'vpceProofEndpointName' }
  )
  return seen
}

function endpointOf(request: HttpRequest): string {
  const host = request.hostname.includes(':') ? `[${request.hostname}]` : request.hostname
  return `${request.protocol}//${host}${request.port ? `:${request.port}` : ''}`
}

function isTimeout(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown }
  return e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT'
}

/** The node handler's "[ERROR] a request has exceeded the configured 15000 ms requestTimeout." in short. */
function shortTimeout(message: string): string {
  const ms = /(\d+)\s*ms/.exec(message)
  if (/requestTimeout/.test(message) && ms) return `no response within ${formatMs(Number(ms[1]))}`
  if (/establishing a connection/.test(message) && ms)
    return `no connection within ${formatMs(Number(ms[1]))}`
  if (ms) return `silent for ${formatMs(Number(ms[1]))}`
  return message
}
