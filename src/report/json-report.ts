import { mkdir, readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { UserError } from '../core/errors.js'
import type { RunReport } from '../core/run-report.js'
import { runReportSchema } from './report-schema.js'

export async function writeJsonReport(report: RunReport, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`, 'utf8')
}

/** For `mode: publish`: the report another job wrote, checked enough to render safely. */
export async function readJsonReport(file: string): Promise<RunReport> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new UserError(
      `${file}: no JSON report there (mode: publish reads the report-path another run wrote).`
    )
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message}).`)
  }
  const parsed = runReportSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.join('.') || '(root)'
    throw new UserError(`${file}: not a vpce-proof report (${where}: ${issue?.message ?? 'invalid'}).`)
  }
  return parsed.data
}
