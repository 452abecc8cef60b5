import { UserError } from '../core/errors.js'
import type { RunReport } from '../core/run-report.js'
import { ISO_DATE } from '../manifest/ignore-schema.js'
import { buildJunit } from '../report/junit.js'
import { renderReportMarkdown } from '../report/markdown/render.js'
import { buildSarif } from '../report/sarif/build.js'
import { renderText, type TextOptions } from '../report/text-report.js'

/**
 * The report as `--format` asks, for stdout. The structured formats escape for their own syntax (JSON and
 * XML escape control characters, the Markdown renderer escapes what it quotes); the text report strips them.
 */
export function formatReport(report: RunReport, format: string, text: TextOptions): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`
    case 'sarif':
      return `${JSON.stringify(buildSarif(report), null, 2)}\n`
    case 'markdown':
      return renderReportMarkdown(report)
    case 'junit':
      return buildJunit(report)
    default:
      return `${renderText(report, text)}\n`
  }
}

/** `--today 2027-04-01`: a real calendar day. */
export function parseToday(raw: string): string {
  const date = new Date(`${raw}T00:00:00Z`)
  if (!ISO_DATE.test(raw) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw)
    throw new UserError(`--today: "${raw}" is not a date as YYYY-MM-DD, e.g. 2027-04-01.`)
  return raw
}
