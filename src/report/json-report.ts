import { mkdir, open, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { UserError } from '../core/errors.js'
import type { RunReport } from '../core/run-report.js'
import { REPORT_LIMITS, runReportSchema } from './report-schema.js'

export async function writeJsonReport(report: RunReport, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`, 'utf8')
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Reads at most `limit` bytes: a bigger file is refused without being read into memory. */
async function readCapped(file: string, limit: number): Promise<string> {
  let handle
  try {
    handle = await open(file, 'r')
  } catch {
    throw new UserError(
      `${file}: no JSON report there (mode: publish reads the report-path another run wrote).`
    )
  }
  try {
    const { size } = await handle.stat()
    if (size > limit) {
      throw new UserError(
        `${file}: the report is ${megabytes(size)}, more than the ${megabytes(limit)} a vpce-proof report can be; refused without reading it.`
      )
    }
    return await handle.readFile({ encoding: 'utf8' })
  } finally {
    await handle.close()
  }
}

/**
 * For `mode: publish`: the report another job wrote, checked enough to render safely. The size and the
 * number of findings are checked before the schema walks it, so a forged artifact costs no time.
 */
export async function readJsonReport(file: string): Promise<RunReport> {
  const text = await readCapped(file, REPORT_LIMITS.bytes)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message.slice(0, 200)}).`)
  }
  const findings = (data as { findings?: unknown } | null)?.findings
  if (Array.isArray(findings) && findings.length > REPORT_LIMITS.findings) {
    throw new UserError(
      `${file}: not a vpce-proof report (${findings.length} findings, more than the ${REPORT_LIMITS.findings} a report can hold).`
    )
  }
  const parsed = runReportSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.join('.').slice(0, 200) || '(root)'
    throw new UserError(
      `${file}: not a vpce-proof report (${where}: ${(issue?.message ?? 'invalid').slice(0, 200)}).`
    )
  }
  return parsed.data
}
