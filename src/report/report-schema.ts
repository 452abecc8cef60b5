import { z } from 'zod'
import { VERDICTS } from '../model/finding.js'

/**
 * The JSON report as `mode: publish` reads it. It comes from another workflow's artifact (a fork's pull
 * request can write anything there), so it is checked field by field, with caps, before anything
 * renders it. The caps sit far above what a real run writes (a manifest of 200 VPCs × 50 endpoints
 * stays under them) and far below what would make rendering or the Checks API slow.
 */
export const REPORT_LIMITS = {
  /** The file itself, checked before it is read. */
  bytes: 16 * 1024 * 1024,
  findings: 20_000,
  notes: 100,
  noteLength: 4_000,
  messageLength: 4_000,
  evidenceEntries: 50,
  evidenceKeyLength: 100,
  evidenceValueLength: 2_000,
  /** File names, ids, regions, service names, versions. */
  nameLength: 1_000,
  apiCallEntries: 500
} as const

const L = REPORT_LIMITS
const name = z.string().max(L.nameLength)
const verdict = z.enum(VERDICTS)
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)
const location = z.object({
  file: name,
  line: count,
  column: count,
  endLine: count.optional(),
  endColumn: count.optional()
})
const evidence = z
  .record(z.string().max(L.evidenceKeyLength), z.string().max(L.evidenceValueLength))
  .refine(e => Object.keys(e).length <= L.evidenceEntries, {
    message: `more than ${L.evidenceEntries} evidence entries`
  })
const finding = z.object({
  ruleId: z.string().max(200),
  verdict,
  message: z.string().max(L.messageLength),
  location,
  vpcId: name,
  region: name,
  service: name.optional(),
  endpointId: name.optional(),
  evidence,
  phase: z.literal('planned').optional(),
  fixedByPlan: z.literal(true).optional()
})

export const runReportSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('vpce-proof'), version: z.string().max(100) }),
  manifestFile: name,
  startedAt: z.string().max(100),
  finishedAt: z.string().max(100),
  failOn: z.array(verdict).max(VERDICTS.length),
  result: z.enum(['pass', 'fail']),
  undecided: z.string().max(L.noteLength).optional(),
  counts: z.record(verdict, count),
  findings: z.array(finding).max(L.findings),
  notes: z.array(z.string().max(L.noteLength)).max(L.notes),
  apiCalls: z.record(z.string().max(200), count).refine(c => Object.keys(c).length <= L.apiCallEntries, {
    message: `more than ${L.apiCallEntries} entries`
  }),
  /** HTTP attempts (SDK retries included) beside the operations above; absent in older reports. */
  apiAttempts: z
    .record(z.string().max(200), count)
    .refine(c => Object.keys(c).length <= L.apiCallEntries, {
      message: `more than ${L.apiCallEntries} entries`
    })
    .optional(),
  /** Shard reports of a matrix (src/merge/); absent in any other report. */
  shard: z
    .object({
      name: z.string().max(100),
      run: z.object({ id: z.string().max(40), attempt: z.string().max(10) }).optional(),
      sha: z.string().max(100).optional(),
      job: z.string().max(100).optional()
    })
    .optional()
})
