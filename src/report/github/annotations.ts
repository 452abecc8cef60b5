import type { Finding, Verdict } from '../../model/finding.js'
import { suppressedPrefix } from '../suppressed-text.js'
import { ruleById } from '../../catalogue.js'
import { findingTitle } from '../finding-title.js'
import { truncate } from '../markdown/escape.js'
import { annotationLevel, findingLevel, type AnnotationLevel } from '../annotation-level.js'
import { VERDICT_ORDER } from '../markdown/headline.js'

/** The Checks API takes at most this many annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50

/** One entry of a check run's `output.annotations` (plain text: GitHub does not render Markdown there). */
export interface CheckAnnotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: 'failure' | 'warning' | 'notice'
  message: string
  title?: string
  raw_details?: string
}

/** The Checks API calls an error a failure. */
const CHECK_LEVEL: Record<AnnotationLevel, CheckAnnotation['annotation_level']> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice'
}

/** `./infra/x.yml` and `infra\x.yml` are both `infra/x.yml` to GitHub. */
export function repositoryPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
}

export function findingAnnotation(finding: Finding, failOn: readonly Verdict[]): CheckAnnotation {
  const { location } = finding
  const endLine = Math.max(location.endLine ?? location.line, location.line)
  const rule = ruleById(finding.ruleId)
  const details = Object.entries(finding.evidence).map(([k, v]) => `${k}: ${v}`)
  if (rule && finding.verdict !== 'pass') details.push(`How to fix: ${rule.fix}`)
  const annotation: CheckAnnotation = {
    path: repositoryPath(location.file),
    start_line: location.line,
    end_line: endLine,
    annotation_level: CHECK_LEVEL[findingLevel(finding, failOn)],
    message: truncate(suppressedPrefix(finding) + finding.message, 4000),
    title: truncate(`${findingTitle(finding)} (${finding.ruleId})`, 255)
  }
  // The API accepts columns only on single-line annotations.
  if (endLine === location.line) {
    annotation.start_column = location.column
    if (location.endColumn !== undefined && location.endColumn >= location.column) {
      annotation.end_column = location.endColumn
    }
  }
  if (details.length > 0) annotation.raw_details = truncate(details.join('\n'), 8000)
  return annotation
}

/**
 * The findings as annotations, worst first, so the most important arrive in the first request. Passes
 * and skips (notice level) only with `annotate-passes: true`.
 */
export function reportAnnotations(
  findings: readonly Finding[],
  failOn: readonly Verdict[],
  limit = Number.POSITIVE_INFINITY,
  annotatePasses = false
): CheckAnnotation[] {
  return findings
    .filter(f => annotatePasses || f.suppressed || annotationLevel(f.verdict, failOn) !== 'notice')
    .sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict))
    .slice(0, limit)
    .map(f => findingAnnotation(f, failOn))
}

export function inBatches<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const batches: T[][] = []
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size))
  return batches
}
