import type { AwsClientFactory } from '../aws/clients.js'
import type { InventorySnapshot } from '../aws/snapshot.js'
import { formatMs } from '../core/deadline.js'
import { UserError } from '../core/errors.js'
import type { Log } from '../core/log.js'
import type { Finding } from '../model/finding.js'
import type { Manifest } from '../manifest/types.js'
import { evidenceFinding } from '../evidence/evidence-finding.js'
import { LEDGER_START_SKEW_MS, readLedger, type Ledger } from '../evidence/ledger.js'
import { endpointLink } from '../evidence/probe-record.js'
import { runPart } from './marker.js'
import { untrustedAccessLogFindings, verifyAccessLogs } from './phase.js'
import { s3Clients } from './run-glue.js'
import type { SearchCaps } from './search-log.js'

/**
 * `mode: verify` with `ledger-run`: the S3 access logs of an EARLIER run's ledger (kept as an artifact),
 * checked hours later when S3 has delivered them. The same-run checks cannot hold here (the ledger is older
 * than a job lasts, names another run, and was signed with another run's credentials), so they are replaced:
 * - the run is the one this workflow names (`ledger-run`, from the artifact's run), never the ledger's own word;
 * - the ledger is at most EARLIER_LEDGER_MAX_AGE_MS old and does not start in the future;
 * - every log line must carry that run's marker in its Request-URI (written by S3, not by the build step) and
 *   be S3's record of the request id the probe got back, at the probe's time, for the declared bucket.
 * Only the access-log rule is judged; CloudTrail and DNS evidence were judged in that run, and are `skipped` here.
 */

/** S3 delivers "most log records within a few hours"; a week lets a weekend pass without a nightly run. */
export const EARLIER_LEDGER_MAX_AGE_MS = 7 * 24 * 60 * 60_000

export interface LedgerRun {
  id: string
  /** When absent, any attempt of the run. */
  attempt?: string
}

/** `123456789` or `123456789-2` (run id, attempt). */
export function parseLedgerRun(raw: string, name: string): LedgerRun | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  const m = /^(\d{1,20})(?:-(\d{1,5}))?$/.exec(value)
  if (!m)
    throw new UserError(
      `${name}: "${raw}" is not a workflow run id (e.g. 123456789, or 123456789-2 for an attempt).`
    )
  return { id: m[1]!, ...(m[2] ? { attempt: m[2] } : {}) }
}

export function earlierLedgerProblems(ledger: Ledger, wanted: LedgerRun, now: Date): string[] {
  const problems: string[] = []
  const theirs = ledger.run ? `run ${ledger.run.id} attempt ${ledger.run.attempt}` : 'no run'
  if (
    !ledger.run ||
    ledger.run.id !== wanted.id ||
    (wanted.attempt !== undefined && ledger.run.attempt !== wanted.attempt)
  )
    problems.push(
      `it names ${theirs.replace(/[^\w .-]/g, '?').slice(0, 80)}, not run ${wanted.id}${wanted.attempt ? ` attempt ${wanted.attempt}` : ''}`
    )
  const started = Date.parse(ledger.startedAt)
  if (started > now.getTime() + LEDGER_START_SKEW_MS)
    problems.push(`it starts in the future (${ledger.startedAt})`)
  if (started < now.getTime() - EARLIER_LEDGER_MAX_AGE_MS)
    problems.push(`it starts at ${ledger.startedAt}, more than ${formatMs(EARLIER_LEDGER_MAX_AGE_MS)} ago`)
  return problems
}

export async function verifyEarlierRun(input: {
  manifest: Manifest
  ledgerPath: string
  ledgerRun: LedgerRun
  inventory: InventorySnapshot
  aws: AwsClientFactory
  now: Date
  signal: AbortSignal
  log: Log
  caps?: Partial<SearchCaps>
}): Promise<{ findings: Finding[]; notes: string[] }> {
  const ledger = await readLedger(input.ledgerPath)
  const label = `run ${input.ledgerRun.id}${input.ledgerRun.attempt ? ` attempt ${input.ledgerRun.attempt}` : ''}`
  const others = judgedThere(input.manifest, label)
  const problems = earlierLedgerProblems(ledger, input.ledgerRun, input.now)
  if (problems.length > 0) {
    input.log.warning(`The evidence ledger ${input.ledgerPath} is not ${label}'s: ${problems.join('; ')}`)
    return {
      findings: [...untrustedAccessLogFindings(input.manifest, problems.join('; ')), ...others],
      notes: []
    }
  }
  const age = formatMs(input.now.getTime() - Date.parse(ledger.startedAt))
  input.log.info(
    `Verifying the S3 access logs of ${label}'s ledger (probes sent ${ledger.startedAt}, ${age} ago).`
  )
  const result = await verifyAccessLogs({
    manifest: input.manifest,
    probes: ledger.accessLogProbes ?? [],
    ledgerWindow: ledger,
    snapshots: input.inventory.vpcs,
    clients: s3Clients(input.aws),
    expectedRun: runPart(ledger.run),
    // Hours after the probe, one look: a line not there now is reported with its age.
    timeoutMs: 0,
    now: () => input.now.getTime(),
    ...(input.caps ? { caps: input.caps } : {}),
    signal: input.signal,
    log: input.log
  })
  return {
    findings: [...result.findings, ...others],
    notes: [
      `Verified ${label}'s ledger (${ledger.startedAt}, ${age} ago) for S3 server access logs only; its CloudTrail and DNS evidence were judged in that run.`
    ]
  }
}

/** The evidence rules this run does not judge: visible as skipped, never dropped. */
function judgedThere(manifest: Manifest, label: string): Finding[] {
  const why = `Judged in ${label} itself; this run (ledger-run) verifies that run's S3 access logs only.`
  return manifest.vpcs.flatMap(vpc =>
    vpc.endpoints.flatMap(decl => {
      const link = endpointLink(vpc, decl)
      return [
        evidenceFinding(link, 'cloudtrail-record-found', 'skipped', why, { reason: 'ledger-run' }),
        ...(decl.type === 'Interface'
          ? [evidenceFinding(link, 'dns-resolves-to-endpoint', 'skipped', why, { reason: 'ledger-run' })]
          : [])
      ]
    })
  )
}
