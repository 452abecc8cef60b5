import { z } from 'zod'
import { VERDICTS } from '../model/finding.js'

/**
 * The JSON report as `mode: publish` reads it. It comes from another workflow's artifact (a fork's pull
 * request can write anything there), so it is checked field by field before anything renders it.
 */
const verdict = z.enum(VERDICTS)
const location = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  endLine: z.number().int().nonnegative().optional(),
  endColumn: z.number().int().nonnegative().optional()
})
const finding = z.object({
  ruleId: z.string().max(200),
  verdict,
  message: z.string(),
  location,
  vpcId: z.string(),
  region: z.string(),
  service: z.string().optional(),
  endpointId: z.string().optional(),
  evidence: z.record(z.string(), z.string())
})

export const runReportSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('vpce-proof'), version: z.string() }),
  manifestFile: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  failOn: z.array(verdict),
  result: z.enum(['pass', 'fail']),
  undecided: z.string().optional(),
  counts: z.record(verdict, z.number().int().nonnegative()),
  findings: z.array(finding),
  notes: z.array(z.string()),
  apiCalls: z.record(z.string(), z.number())
})
