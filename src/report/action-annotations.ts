import * as core from '@actions/core'
import { stripControl } from '../core/escape-log.js'
import type { RunReport } from '../core/run-report.js'
import { planAnnotations } from './annotations.js'

/** Writes the planned annotations as workflow commands and says how many did not fit. */
export function emitAnnotations(report: RunReport, opts: { annotatePasses?: boolean } = {}): void {
  const { shown, hidden } = planAnnotations(report, opts)
  for (const a of shown) {
    // core escapes the command syntax (%, CR, LF, and : , in properties) but not escape sequences,
    // which the log viewer would interpret; messages quote AWS and the manifest.
    const props = {
      title: stripControl(a.title),
      file: stripControl(a.file),
      startLine: a.startLine,
      startColumn: a.startColumn
    }
    const message = stripControl(a.message)
    if (a.level === 'error') core.error(message, props)
    else if (a.level === 'warning') core.warning(message, props)
    else core.notice(message, props)
  }
  const more = Object.entries(hidden).filter(([, n]) => n > 0)
  if (more.length > 0) {
    core.info(
      `GitHub shows 10 annotations of each level per step; ${more.map(([level, n]) => `${n} more ${level}${n === 1 ? '' : 's'}`).join(', ')} are in the job summary and the JSON report.`
    )
  }
}
