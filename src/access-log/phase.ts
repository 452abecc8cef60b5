import type { S3Client } from '@aws-sdk/client-s3'
import type { VpcSnapshot } from '../aws/snapshot.js'
import { abortableSleep, formatMs } from '../core/deadline.js'
import type { Log } from '../core/log.js'
import type { Finding } from '../model/finding.js'
import type { EndpointDeclaration, Manifest, VpcDeclaration } from '../manifest/types.js'
import { endpointLink } from '../evidence/probe-record.js'
import { realSleep } from '../evidence/rate-limiter.js'
import { runnerSkipReason } from '../evidence/runner-skip.js'
import type { RunnerLocation } from '../runner/location.js'
import { declaredEndpoint } from '../evidence/expected.js'
import type { AccessLogProbe } from './ledger-entry.js'
import { accessLogFinding, CLOCK_SKEW_MS, judgeAccessLog } from './judge.js'
import { logListings } from './log-keys.js'
import { makeMarker, markerRun } from './marker.js'
import type { SearchCaps } from './search-log.js'

/**
 * The access-log method end to end: the probe phase adds one HeadBucket per S3 endpoint that declares
 * `access-log`; the verify phase (the same run, or a later one from the kept ledger) searches the log for
 * it. @aws-sdk/client-s3 and the modules that use it are imported here only when a manifest declares one.
 */

export interface S3Clients {
  /** `probe`: one attempt per call; `read`: the SDK's usual retries (throttling included). */
  s3For(vpc: VpcDeclaration, purpose: 'probe' | 'read'): Promise<Pick<S3Client, 'send'>>
}

export function accessLogEndpoints(manifest: Manifest): Array<{
  vpc: VpcDeclaration
  decl: EndpointDeclaration & { accessLog: NonNullable<EndpointDeclaration['accessLog']> }
}> {
  return manifest.vpcs.flatMap(vpc =>
    vpc.endpoints.flatMap(decl =>
      decl.accessLog ? [{ vpc, decl: { ...decl, accessLog: decl.accessLog } }] : []
    )
  )
}

export interface AccessLogProbeInput {
  manifest: Manifest
  clients: S3Clients
  run: { id: string; attempt: string } | undefined
  runnerLocation?: RunnerLocation
  signal?: AbortSignal
  log: Log
  now?: () => number
}

/** `mode: probe` / `full`: one HeadBucket per declared access log, from VPCs this runner is in. */
export async function sendAccessLogProbes(input: AccessLogProbeInput): Promise<AccessLogProbe[]> {
  const wanted = accessLogEndpoints(input.manifest).filter(
    ({ vpc }) => runnerSkipReason(input.runnerLocation, vpc) === undefined
  )
  if (wanted.length === 0) return []
  const { sendAccessLogProbe } = await import(/* webpackMode: "eager" */ './send-probe.js')
  return Promise.all(
    wanted.map(async ({ vpc, decl }) => {
      const probe = await sendAccessLogProbe({
        client: await input.clients.s3For(vpc, 'probe'),
        link: endpointLink(vpc, decl),
        declaration: decl.accessLog,
        marker: makeMarker(input.run),
        ...(input.signal ? { signal: input.signal } : {}),
        ...(input.now ? { now: input.now } : {})
      })
      input.log.info(
        `Access-log probe HeadBucket ${decl.accessLog.bucket} (${vpc.id}): ` +
          (probe.networkError
            ? `no answer (${probe.networkError.code})`
            : `HTTP ${probe.httpStatus}${probe.errorCode ? ` ${probe.errorCode}` : ''}, request id ${probe.requestId ?? 'none'}`)
      )
      return probe
    })
  )
}

export interface AccessLogVerifyInput {
  manifest: Manifest
  /** The ledger's access-log probes and window (from the ledger file: untrusted, checked here). */
  probes: readonly AccessLogProbe[]
  ledgerWindow: { startedAt: string; finishedAt: string }
  snapshots: readonly VpcSnapshot[]
  clients: S3Clients
  /** The run part every marker must name: `run-ID-ATTEMPT` (this run, or the earlier run being verified), or `local`. */
  expectedRun: string
  /** How long to keep looking for lines not delivered yet (0: look once). */
  timeoutMs: number
  /**
   * Fires when there is nothing else to wait for (CloudTrail's wait ended): one last look, then the verdict.
   * S3 delivers in hours, so a run does not wait out `evidence-timeout` for it alone.
   */
  stop?: AbortSignal
  pollMs?: number
  runnerLocation?: RunnerLocation
  caps?: Partial<SearchCaps>
  signal?: AbortSignal
  log: Log
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export const DEFAULT_POLL_MS = 60_000

export async function verifyAccessLogs(
  input: AccessLogVerifyInput
): Promise<{ findings: Finding[]; notes: string[] }> {
  const wanted = accessLogEndpoints(input.manifest)
  if (wanted.length === 0) return { findings: [], notes: [] }
  const { DEFAULT_SEARCH_CAPS, newSearchState, searchOnce } = await import(
    /* webpackMode: "eager" */ './search-log.js'
  )
  const caps = { ...DEFAULT_SEARCH_CAPS, ...input.caps }
  const now = input.now ?? Date.now
  const sleep = input.sleep ?? realSleep
  const waitSignal =
    input.stop && input.signal ? AbortSignal.any([input.stop, input.signal]) : (input.stop ?? input.signal)
  const sleepOrStop = abortableSleep(sleep, waitSignal)
  const until = now() + input.timeoutMs
  const findings = await Promise.all(
    wanted.map(async ({ vpc, decl }): Promise<Finding> => {
      const link = endpointLink(vpc, decl)
      const snapshot = input.snapshots.find(s => s.vpcId === vpc.id && s.region === vpc.region)
      const endpointId = decl.id ?? declaredEndpoint(link, snapshot)?.id
      const skip = runnerSkipReason(input.runnerLocation, vpc)
      if (skip) return accessLogFinding(link, 'skipped', skip, { reason: 'runner-location' }, endpointId)
      const entries = input.probes.filter(
        p =>
          p.link.vpcId === vpc.id &&
          p.link.region === vpc.region &&
          p.link.serviceName === decl.serviceName &&
          p.link.type === decl.type
      )
      const distrust = entryProblems(entries, decl.accessLog, input)
      if (distrust)
        return accessLogFinding(
          link,
          'inconclusive',
          `The ledger's access-log probe for ${decl.accessLog.bucket} cannot be used: ${distrust}. Not judged.`,
          { bucket: decl.accessLog.bucket },
          endpointId
        )
      const probe = entries[0]!
      const cidrs = vpcCidrs(snapshot)
      const state = newSearchState()
      const account = vpc.account ?? (snapshot?.vpc.ok ? snapshot.vpc.value?.ownerId : undefined)
      const listings = logListings(
        decl.accessLog,
        { fromMs: Date.parse(probe.sentAt) - CLOCK_SKEW_MS, toMs: now() },
        { ...(account ? { account } : {}), region: vpc.region }
      )
      const searchable = probe.requestId && !probe.networkError && Array.isArray(listings)
      if (searchable) {
        const client = await input.clients.s3For(vpc, 'read')
        for (;;) {
          const lastLook = input.stop?.aborted ?? false
          try {
            await searchOnce(
              {
                client,
                logBucket: decl.accessLog.logBucket,
                listings,
                requestId: probe.requestId!,
                caps,
                ...(input.signal ? { signal: input.signal } : {})
              },
              state
            )
          } catch (error) {
            // The run's deadline ended a read: what was read stays, the rest is said below.
            if (!input.signal?.aborted) throw error
          }
          if (state.matches.length > 0 || state.capped || state.failure || input.signal?.aborted) break
          const pollMs = input.pollMs ?? DEFAULT_POLL_MS
          if (lastLook || now() + pollMs > until) break
          input.log.info(
            `S3 access log: request ${probe.requestId} of ${decl.accessLog.bucket} not in s3://${decl.accessLog.logBucket}/${decl.accessLog.logPrefix} yet (${state.objectsRead} objects read); next look in ${formatMs(pollMs)}`
          )
          try {
            await sleepOrStop(pollMs)
          } catch {
            if (input.signal?.aborted) break
          }
        }
      }
      return judgeAccessLog({
        link,
        declaration: decl.accessLog,
        probe,
        search: { ...state, ...(Array.isArray(listings) ? {} : { problem: listings.problem }) },
        vpcCidrs: cidrs,
        now: now(),
        ...(endpointId ? { endpointId } : {}),
        caps
      })
    })
  )
  return { findings, notes: [] }
}

/** Why the ledger's entry for an endpoint cannot be taken as this probe (undefined: it can). */
function entryProblems(
  entries: readonly AccessLogProbe[],
  decl: NonNullable<EndpointDeclaration['accessLog']>,
  input: AccessLogVerifyInput
): string | undefined {
  if (entries.length === 0)
    return 'the ledger holds none (the probe was not sent from a runner inside the VPC)'
  if (entries.length > 1) return `the ledger holds ${entries.length}, one was sent`
  const p = entries[0]!
  if (p.bucket !== decl.bucket || p.logBucket !== decl.logBucket || p.logPrefix !== decl.logPrefix)
    return "its buckets are not the manifest's"
  const run = markerRun(p.marker)
  if (run !== input.expectedRun) return `its marker names ${run ?? 'no run'}, not ${input.expectedRun}`
  const sent = Date.parse(p.sentAt)
  const start = Date.parse(input.ledgerWindow.startedAt)
  const end = Date.parse(input.ledgerWindow.finishedAt)
  if (sent < start || sent > end + CLOCK_SKEW_MS || sent > (input.now ?? Date.now)() + CLOCK_SKEW_MS)
    return `it was sent at ${p.sentAt}, outside the ledger's run`
  return undefined
}

function vpcCidrs(snapshot: VpcSnapshot | undefined): readonly string[] | { problem: string } {
  if (!snapshot) return { problem: 'no inventory of the VPC was taken' }
  if (!snapshot.subnets.ok)
    return {
      problem: `its subnets could not be read (${snapshot.subnets.problem.action}: ${snapshot.subnets.problem.code})`
    }
  return snapshot.subnets.value.flatMap(s => (s.cidrBlock ? [s.cidrBlock] : []))
}

/** The ledger as a whole was rejected: every declared access log is inconclusive, on the manifest's line. */
export function untrustedAccessLogFindings(manifest: Manifest, why: string): Finding[] {
  return accessLogEndpoints(manifest).map(({ vpc, decl }) =>
    accessLogFinding(
      endpointLink(vpc, decl),
      'inconclusive',
      `The evidence ledger is not this run's (${why}), so its access-log probe is not looked for.`,
      { bucket: decl.accessLog.bucket }
    )
  )
}
