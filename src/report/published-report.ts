import { resultOf } from '../core/fail-on.js'
import { undecidedCause } from '../core/undecided.js'
import type { RunReport } from '../core/run-report.js'
import { countByVerdict, VERDICTS, type Finding, type Verdict } from '../model/finding.js'
import { readJsonReport } from './json-report.js'
import { reportRules } from './report-rules.js'

/**
 * `mode: publish` reports another workflow's artifact, which a fork's pull request wrote. Its findings
 * are all it can say: the counts and the result are recomputed from them with the publishing
 * workflow's own `fail-on`, and an artifact whose stated verdict disagrees with its own findings is
 * reported as tampered.
 */

/** The rule id of the finding that says an artifact's verdict was altered. */
export const REPORT_INTEGRITY_RULE = reportRules[0].id

function verdictList(failOn: readonly Verdict[]): string {
  return failOn.length > 0 ? failOn.join(',') : 'none'
}

/** What the artifact states that its findings do not support (empty when it is consistent). */
export function statedVerdictProblems(report: RunReport): string[] {
  const counts = countByVerdict(report.findings)
  const problems = VERDICTS.filter(v => report.counts[v] !== counts[v]).map(
    v => `it counts ${report.counts[v]} ${v} but holds ${counts[v]}`
  )
  const consistent = report.undecided ? 'fail' : resultOf(counts, report.failOn)
  if (report.result !== consistent) {
    problems.push(
      `it says result "${report.result}" although its findings under its own fail-on (${verdictList(report.failOn)}) give "${consistent}"`
    )
  }
  return problems
}

function integrityFinding(report: RunReport, problems: string[]): Finding {
  return {
    ruleId: REPORT_INTEGRITY_RULE,
    verdict: 'fail',
    message:
      `The report artifact was altered: ${problems.join('; ')}. ` +
      'The verdict here is recomputed from its findings; treat the rest of this report as the word of whoever wrote the artifact.',
    location: { file: report.manifestFile, line: 1, column: 1 },
    vpcId: '(report)',
    region: '',
    evidence: {}
  }
}

/** The artifact's findings judged under `failOn`; a tampered artifact always fails. */
export function recomputeVerdict(report: RunReport, failOn: readonly Verdict[]): RunReport {
  const problems = statedVerdictProblems(report)
  const findings =
    problems.length > 0 ? [integrityFinding(report, problems), ...report.findings] : report.findings
  const notes = [...report.notes]
  if (verdictList(report.failOn) !== verdictList(failOn)) {
    notes.unshift(
      `Verdict recomputed with this workflow's fail-on (${verdictList(failOn)}); the artifact said ${verdictList(report.failOn)}.`
    )
  }
  const counts = countByVerdict(findings)
  // An artifact may say it decided nothing (it only makes the verdict stricter); whether its findings
  // decided anything is recomputed here, so dropping the field cannot turn an undecided run green.
  const { undecided: stated, ...rest } = report
  const undecided = stated ?? undecidedCause(report.findings)
  return {
    ...rest,
    failOn: [...failOn],
    counts,
    result: problems.length > 0 || undecided ? 'fail' : resultOf(counts, failOn),
    ...(undecided ? { undecided } : {}),
    findings,
    notes
  }
}

/** For `mode: publish`: read (with caps), validate, recompute. */
export async function readPublishedReport(file: string, failOn: readonly Verdict[]): Promise<RunReport> {
  return recomputeVerdict(await readJsonReport(file), failOn)
}
