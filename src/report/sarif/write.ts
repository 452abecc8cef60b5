import { mkdir, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import type { RunReport } from '../../core/run-report.js'
import { buildSarif } from './build.js'

export async function writeSarif(report: RunReport, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, `${JSON.stringify(buildSarif(report), null, 2)}\n`, 'utf8')
}
