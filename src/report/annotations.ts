import { suppressedPrefix } from './suppressed-text.js'
import type { Finding, Verdict } from '../model/finding.js'
import { findingTitle } from './finding-title.js'
import type { RunReport } from '../core/run-report.js'
import { annotationLevel, type AnnotationLevel } from './annotation-level.js'

export interface Annotation {
  level: AnnotationLevel
  title: string
  message: string
  file: string
  startLine: number
  startColumn: number
}

/** GitHub shows at most 10 annotations of each level per step; the rest are dropped silently. */
export const ANNOTATIONS_PER_LEVEL = 10

export interface AnnotationPlan {
  shown: Annotation[]
  /** How many of each level did not fit, so the log can say so instead of GitHub dropping them quietly. */
  hidden: Record<AnnotationLevel, number>
}

/**
 * Failures become errors, warnings and inconclusive checks warnings; with `annotate-passes: true` an
 * endpoint whose checks all passed gets one notice on its line. Pure, so the caps are tested without a
 * runner.
 */
export function planAnnotations(report: RunReport, opts: { annotatePasses?: boolean } = {}): AnnotationPlan {
  const all: Annotation[] = []
  for (const f of report.findings) {
    const level = f.suppressed ? 'notice' : levelOf(f, report.failOn)
    if (level) all.push(toAnnotation(f, level, report.manifestFile))
  }
  // Passes crowd out what needs a look (GitHub shows 10 per level): only on request.
  if (opts.annotatePasses) all.push(...passNotices(report))

  const shown: Annotation[] = []
  const hidden: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 }
  const shownPerLevel: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 }
  for (const a of all) {
    if (shownPerLevel[a.level] < ANNOTATIONS_PER_LEVEL) {
      shown.push(a)
      shownPerLevel[a.level] += 1
    } else hidden[a.level] += 1
  }
  return { shown, hidden }
}

/** Passes and skips are summed up per endpoint in one notice instead (see passNotices). */
function levelOf(f: Finding, failOn: readonly Verdict[]): AnnotationLevel | undefined {
  const level = annotationLevel(f.verdict, failOn)
  return level === 'notice' ? undefined : level
}

function toAnnotation(f: Finding, level: AnnotationLevel, file: string): Annotation {
  const who = f.service ? `${f.service} in ${f.vpcId}` : f.vpcId
  return {
    level,
    title: `vpce-proof: ${findingTitle(f)} (${who}, ${f.ruleId})`,
    message: suppressedPrefix(f) + (f.verdict === 'inconclusive' ? `Inconclusive: ${f.message}` : f.message),
    file: f.location.file || file,
    startLine: f.location.line,
    startColumn: f.location.column
  }
}

/** One notice per endpoint (and per VPC) whose findings are all passes or skips. */
function passNotices(report: RunReport): Annotation[] {
  const groups = new Map<string, Finding[]>()
  for (const f of report.findings) {
    const key = `${f.location.file}:${f.location.line}:${f.location.column}`
    const group = groups.get(key)
    if (group) group.push(f)
    else groups.set(key, [f])
  }
  const notices: Annotation[] = []
  for (const findings of groups.values()) {
    if (!findings.every(f => levelOf(f, report.failOn) === undefined)) continue
    const passed = findings.filter(f => f.verdict === 'pass').length
    if (passed === 0) continue
    const first = findings[0]!
    const subject = first.service
      ? `${first.service}${first.endpointId ? ` (${first.endpointId})` : ''}`
      : first.vpcId
    notices.push({
      level: 'notice',
      title: `vpce-proof: ${subject} passed`,
      message: `${passed} check${passed === 1 ? '' : 's'} passed for ${subject}.`,
      file: first.location.file || report.manifestFile,
      startLine: first.location.line,
      startColumn: first.location.column
    })
  }
  return notices
}
