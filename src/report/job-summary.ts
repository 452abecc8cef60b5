import * as core from '@actions/core'
import type { Log } from '../core/log.js'
import type { RunReport } from '../core/run-report.js'
import { renderReportMarkdown } from './markdown/render.js'

/** GitHub caps a step's summary at 1 MiB; stay well inside it. */
const SUMMARY_MAX_CHARS = 512 * 1024

/** The job summary table; quietly nothing where the runner gives no summary file (local runs). */
export async function writeJobSummary(report: RunReport, log: Log): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(renderReportMarkdown(report, { maxLength: SUMMARY_MAX_CHARS }), true).write()
  } catch (error) {
    log.warning(`Could not write the job summary: ${(error as Error).message}`)
  }
}
