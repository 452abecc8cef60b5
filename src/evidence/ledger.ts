import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { UserError } from '../core/errors.js'
import type { ProbeRecord, UnprobedEndpoint } from './probe-record.js'
import { accessLogCodesOnly, accessLogProbeSchema, type AccessLogProbe } from '../access-log/ledger-entry.js'

/**
 * The ledger: what `mode: probe` sent, for `mode: verify` (another step, or another process) to find in
 * CloudTrail. Plain JSON with access key ids, request ids and DNS answers; never a secret (the schema
 * strips every field it does not know, on write as on read).
 */
export interface Ledger {
  version: 1
  /** Just before the first probe, minus LEDGER_START_SKEW_MS: the LookupEvents StartTime. */
  startedAt: string
  finishedAt: string
  manifestFile: string
  /** The workflow run that wrote it (GITHUB_RUN_ID / GITHUB_RUN_ATTEMPT); verify rejects another run's. */
  run?: { id: string; attempt: string }
  /** The access key that signed each region's probes of each VPC (LookupEvents filters by it). */
  callers: LedgerCaller[]
  probes: ProbeRecord[]
  unprobed: UnprobedEndpoint[]
  /** S3 endpoints with `access-log`: the HeadBucket to find in the server access log (src/access-log/). */
  accessLogProbes?: AccessLogProbe[]
}

export interface LedgerCaller {
  vpcId: string
  region: string
  accessKeyId: string
}

/**
 * CloudTrail's eventTime is AWS's clock, StartTime ours; SigV4 accepts requests up to 5 minutes off, so
 * a runner clock that far ahead must still find its probes.
 */
export const LEDGER_START_SKEW_MS = 5 * 60_000

const location = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  endLine: z.number().int().optional(),
  endColumn: z.number().int().optional()
})

const link = z.object({
  vpcId: z.string().min(1),
  region: z.string().min(1),
  service: z.string().min(1),
  serviceName: z.string(),
  type: z.enum(['Interface', 'Gateway']),
  declaredEndpointId: z.string().optional(),
  privateDns: z.boolean(),
  location
})

const dns = z.object({
  host: z.string(),
  servers: z.array(z.string()),
  ipv4: z.array(z.string()),
  ipv6: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).optional()
})

const probe = z.object({
  link,
  service: z.string().min(1),
  operation: z.string().min(1),
  iamAction: z.string(),
  eventSource: z.string(),
  eventName: z.string(),
  host: z.string(),
  url: z.string(),
  region: z.string().min(1),
  accessKeyId: z.string().min(1),
  sentAt: z.iso.datetime(),
  durationMs: z.number(),
  serviceDate: z.iso.datetime().optional(),
  httpStatus: z.number().int().optional(),
  requestId: z.string().optional(),
  errorCode: z.string().optional(),
  networkError: z.object({ code: z.string(), message: z.string() }).optional(),
  dns
})

const unprobed = z.object({
  link,
  kind: z.enum(['skipped', 'none']),
  reason: z.string(),
  host: z.string().optional(),
  dns: dns.optional()
})

const ledgerSchema = z.object({
  version: z.literal(1),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  manifestFile: z.string(),
  run: z.object({ id: z.string(), attempt: z.string() }).optional(),
  callers: z.array(z.object({ vpcId: z.string(), region: z.string(), accessKeyId: z.string().min(1) })),
  probes: z.array(probe),
  unprobed: z.array(unprobed),
  accessLogProbes: z.array(accessLogProbeSchema).max(1000).optional()
})

/**
 * Serialises after passing the ledger through the schema, so stray fields (a secret by mistake) never reach the
 * file. Error text stays out too (codes only): an AWS message can echo a request, and the file outlives the step.
 */
export function serializeLedger(ledger: Ledger): string {
  return `${JSON.stringify(ledgerSchema.parse(codesOnly(ledger)), null, 2)}\n`
}

function codesOnly(ledger: Ledger): Ledger {
  const dns = <T extends { error?: { code: string; message: string } }>(d: T): T =>
    d.error ? { ...d, error: { code: d.error.code, message: d.error.code } } : d
  return {
    ...ledger,
    probes: ledger.probes.map(({ errorMessage: _dropped, ...p }) => ({
      ...p,
      ...(p.networkError
        ? { networkError: { code: p.networkError.code, message: p.networkError.code } }
        : {}),
      dns: dns(p.dns)
    })),
    unprobed: ledger.unprobed.map(u => (u.dns ? { ...u, dns: dns(u.dns) } : u)),
    ...(ledger.accessLogProbes ? { accessLogProbes: ledger.accessLogProbes.map(accessLogCodesOnly) } : {})
  }
}

export function parseLedger(text: string, file: string): Ledger {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new UserError(
      `The evidence ledger ${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); run mode: probe again to write it.`
    )
  }
  const parsed = ledgerSchema.safeParse(raw)
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 10).map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
    throw new UserError(
      `The evidence ledger ${file} is not a vpce-proof ledger (version 1); run mode: probe again to write it.`,
      details
    )
  }
  return parsed.data as Ledger
}

export async function writeLedger(file: string, ledger: Ledger): Promise<void> {
  const text = serializeLedger(ledger)
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, text, { encoding: 'utf8', mode: 0o600 })
}

export async function readLedger(file: string): Promise<Ledger> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code
    throw new UserError(
      code === 'ENOENT'
        ? `The evidence ledger ${file} does not exist: run mode: probe first (in an earlier step of the same job, on the runner inside the VPC), or use mode: full.`
        : `The evidence ledger ${file} cannot be read (${code ?? String(error)}).`
    )
  }
  return parseLedger(text, file)
}
