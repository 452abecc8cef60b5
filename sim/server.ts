import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SlidingWindowLimiter } from './cloudtrail/rate-limit.js'
import { LOOKUP_EVENTS_PER_SECOND } from './cloudtrail/lookup-events.js'
import { Trail, type TrailEntry } from './cloudtrail/trail.js'
import { matchesAction, maxPerSecond, type SimCall } from './core/call-log.js'
import { IdentityBook } from './core/identity.js'
import type { SimEnvironment } from './core/operation.js'
import { readRequest } from './core/request.js'
import type { SimResponse } from './core/response.js'
import { dispatch } from './dispatch.js'
import { PrivateLinkMetricStore } from './cloudwatch/privatelink-metrics.js'
import type { SimScenario } from './scenario.js'
import { leftBehind } from './ec2/network-insights.js'

export type { SimCall } from './core/call-log.js'
export type { CloudTrailRecord, TrailEntry } from './cloudtrail/trail.js'

export interface SimulatedAws {
  /** `http://127.0.0.1:PORT`: set it as `AWS_ENDPOINT_URL` (or a client's `endpoint`). */
  url: string
  port: number
  /** Every request, in arrival order (a live array). */
  calls: SimCall[]
  /** Calls of an action (`DescribeVpcEndpoints` or `ec2:DescribeVpcEndpoints`), or of all actions. */
  callCount(action?: string): number
  /** Arrival time (ms) of every LookupEvents call, throttled ones included. */
  lookupEventsTimes(): number[]
  /** Most calls of the action within any sliding 1000 ms window. */
  maxRequestsPerSecond(action: string): number
  /** Everything CloudTrail recorded, delivered or not, data events included. */
  trail(): readonly TrailEntry[]
  /** Reachability Analyzer paths and analyses created and not deleted: a run must leave none. */
  networkInsightsLeft(): { paths: string[]; analyses: string[] }
  /** How many paths and analyses were ever created. */
  networkInsightsCreated(): { paths: number; analyses: number }
  /** The scenario being served; changes to it apply to the next request. */
  scenario: SimScenario
  close(): Promise<void>
}

export interface SimOptions {
  /** Default 0: any free port. */
  port?: number
  /** Clock (ms since the epoch) for call times, CloudTrail delivery and rate limits. Default Date.now. */
  now?: () => number
}

/** Starts the simulated AWS on 127.0.0.1. Only loopback: nothing here ever talks to a real AWS address. */
export async function startSimulatedAws(scenario: SimScenario, opts: SimOptions = {}): Promise<SimulatedAws> {
  const env: SimEnvironment = {
    scenario,
    now: opts.now ?? Date.now,
    identities: new IdentityBook(() => env.scenario),
    trail: new Trail(),
    lookupLimiter: new SlidingWindowLimiter(LOOKUP_EVENTS_PER_SECOND, 1000),
    metrics: new PrivateLinkMetricStore()
  }
  const calls: SimCall[] = []
  const pendingTimers = new Set<NodeJS.Timeout>()
  const delay = (ms: number) =>
    new Promise<void>(resolve => {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer)
        resolve()
      }, ms)
      pendingTimers.add(timer)
    })
  const countByAction = new Map<string, number>()
  const priorCalls = (service: string, action: string) => countByAction.get(`${service}:${action}`) ?? 0

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let response: SimResponse
    try {
      const request = await readRequest(req)
      const out = dispatch(request, env, priorCalls)
      const key = `${out.service}:${out.action}`
      countByAction.set(key, (countByAction.get(key) ?? 0) + 1)
      calls.push({
        service: out.service,
        action: out.action,
        at: out.at,
        status: out.response.status,
        region: out.region,
        accessKeyId: out.accessKeyId,
        requestId: out.requestId
      })
      response = out.response
      if (out.reset) {
        req.socket.destroy()
        return
      }
      // No answer at all; close() ends the connection (closeAllConnections).
      if (out.hang) return
    } catch (e) {
      response = {
        status: 500,
        headers: { 'content-type': 'text/plain' },
        body: `simulator error: ${e instanceof Error ? e.message : String(e)}`
      }
    }
    const latency = env.scenario.latencyMs ?? 0
    if (latency > 0) await delay(latency)
    if (res.destroyed) return
    // AWS's Date header is the service's clock (whole seconds); here that is the simulator's clock.
    res.setHeader('date', new Date(env.now()).toUTCString())
    res.writeHead(response.status, response.headers)
    res.end(response.body)
  }

  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    get scenario() {
      return env.scenario
    },
    set scenario(next: SimScenario) {
      env.scenario = next
    },
    callCount: action =>
      action === undefined ? calls.length : calls.filter(c => matchesAction(c, action)).length,
    lookupEventsTimes: () => calls.filter(c => c.action === 'LookupEvents').map(c => c.at),
    maxRequestsPerSecond: action => maxPerSecond(calls.filter(c => matchesAction(c, action)).map(c => c.at)),
    trail: () => env.trail.all(),
    networkInsightsLeft: () => leftBehind(env.networkInsights),
    networkInsightsCreated: () => ({ ...(env.networkInsights?.created ?? { paths: 0, analyses: 0 }) }),
    close: async () => {
      for (const timer of pendingTimers) clearTimeout(timer)
      pendingTimers.clear()
      const closed = new Promise<void>(resolve => server.close(() => resolve()))
      // SDK clients keep sockets alive; without this close() would wait for them to time out.
      server.closeAllConnections()
      await closed
    }
  }
}
