import * as core from '@actions/core'
import { Outputs } from '../action/constants.js'
import type { RunReport } from '../core/run-report.js'

export function setActionOutputs(report: RunReport, paths: { reportPath: string; sarifPath?: string }): void {
  core.setOutput(Outputs.Result, report.result)
  core.setOutput(Outputs.PassCount, report.counts.pass)
  core.setOutput(Outputs.FailCount, report.counts.fail)
  core.setOutput(Outputs.WarnCount, report.counts.warn)
  core.setOutput(Outputs.InconclusiveCount, report.counts.inconclusive)
  core.setOutput(Outputs.SkippedCount, report.counts.skipped)
  core.setOutput(Outputs.ReportPath, paths.reportPath)
  if (paths.sarifPath) core.setOutput(Outputs.SarifPath, paths.sarifPath)
}
