import * as core from '@actions/core'
import type { Log } from '../core/log.js'
import type { RunReport } from '../core/run-report.js'
import type { ReportContext } from './markdown/context.js'
import { renderReportMarkdown } from './markdown/render.js'

/**
 * GitHub caps a step's summary at 1 MiB in bytes (multi-byte text counts per byte); a little is kept
 * back for what the runner adds around it.
 */
export const SUMMARY_MAX_BYTES = 1024 * 1024 - 4096

/** The job summary; quietly nothing where the runner gives no summary file (local runs). */
export async function writeJobSummary(
  report: RunReport,
  log: Log,
  context: ReportContext = {}
): Promise<void> {
  await writeSummaryText(renderReportMarkdown(report, { maxBytes: SUMMARY_MAX_BYTES, context }), log)
}

/** Replaces this step's summary (a step writes one report), within the byte limit. */
export async function writeSummaryText(markdown: string, log: Log): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    log.warning(`Could not write the job summary: ${(error as Error).message}`)
  }
}
