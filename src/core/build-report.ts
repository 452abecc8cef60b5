import { countByVerdict, countSuppressed, type Finding, type Verdict } from '../model/finding.js'
import { resultOf } from './fail-on.js'
import type { RunReport } from './run-report.js'
import { VERSION } from './version.js'

export function buildReport(input: {
  manifestFile: string
  startedAt: Date
  finishedAt: Date
  failOn: Verdict[]
  findings: Finding[]
  notes?: string[]
  apiCalls?: Record<string, number>
  apiAttempts?: Record<string, number>
  /** The cause, when the run decided nothing (see undecided.ts). */
  undecided?: string
}): RunReport {
  const counts = countByVerdict(input.findings)
  const suppressed = countSuppressed(input.findings)
  return {
    schemaVersion: 1,
    tool: { name: 'vpce-proof', version: VERSION },
    manifestFile: input.manifestFile,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    failOn: input.failOn,
    result: input.undecided ? 'fail' : resultOf(counts, input.failOn),
    ...(input.undecided ? { undecided: input.undecided } : {}),
    counts,
    ...(suppressed > 0 ? { suppressed } : {}),
    findings: input.findings,
    notes: input.notes ?? [],
    apiCalls: input.apiCalls ?? {},
    ...(input.apiAttempts ? { apiAttempts: input.apiAttempts } : {})
  }
}
