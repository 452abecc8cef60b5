import { lstat, readdir } from 'node:fs/promises'
import * as path from 'node:path'
import { UserError } from '../core/errors.js'
import type { RunReport } from '../core/run-report.js'
import { readJsonReport } from '../report/json-report.js'

/**
 * The shard reports as `mode: merge` finds them: files, or directories (what actions/download-artifact
 * leaves: one folder per artifact) searched for `*.json`. Each report is read with `mode: publish`'s
 * caps and schema; one that cannot be read is kept as a problem (its shard then counts as missing),
 * never skipped in silence.
 */
export const MERGE_LIMITS = {
  /** Report files read; a matrix is limited to 256 jobs. */
  files: 512,
  /** All report files together, checked before any is read. */
  bytes: 256 * 1024 * 1024,
  /** Folder levels searched below a directory given. */
  depth: 4
} as const

export interface ShardFile {
  /** As given, or relative to the directory given. */
  file: string
  report?: RunReport
  /** Why the file is not a report (too big, not JSON, not the schema). */
  problem?: string
}

/** `paths` are absolute; files are named relative to `base` (the workspace) in the report. */
export async function readShardReports(paths: readonly string[], base: string): Promise<ShardFile[]> {
  const found: { file: string; shown: string; size: number }[] = []
  const problems: ShardFile[] = []
  for (const absolute of paths) {
    const relative = toPosix(path.relative(base, absolute))
    const given = relative && !relative.startsWith('..') ? relative : absolute
    const stat = await lstat(absolute).catch(() => undefined)
    if (!stat) problems.push({ file: given, problem: `${given}: no such file or directory` })
    else if (stat.isDirectory()) await walk(absolute, given, 0, found)
    else if (stat.isFile()) found.push({ file: absolute, shown: given, size: stat.size })
    else problems.push({ file: given, problem: `${given}: not a file or directory` })
  }
  if (found.length > MERGE_LIMITS.files)
    throw new UserError(
      `mode: merge found ${found.length} report files, more than the ${MERGE_LIMITS.files} it reads; point shard-reports at the downloaded artifacts only.`
    )
  const bytes = found.reduce((n, f) => n + f.size, 0)
  if (bytes > MERGE_LIMITS.bytes)
    throw new UserError(
      `mode: merge found ${Math.round(bytes / 1024 / 1024)} MB of reports, more than the ${MERGE_LIMITS.bytes / 1024 / 1024} MB it reads.`
    )
  const files: ShardFile[] = [...problems]
  // One after another: a report may be 16 MB, and parsing them all at once would only add memory.
  for (const f of found) {
    try {
      files.push({ file: f.shown, report: await readJsonReport(f.file) })
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      files.push({ file: f.shown, problem: error.message.replace(f.file, f.shown) })
    }
  }
  return files
}

async function walk(
  dir: string,
  shown: string,
  depth: number,
  out: { file: string; shown: string; size: number }[]
): Promise<void> {
  if (depth > MERGE_LIMITS.depth || out.length > MERGE_LIMITS.files) return
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    const file = path.join(dir, entry.name)
    const label = path.posix.join(shown, entry.name)
    // Symbolic links are not followed: an artifact holds plain files.
    if (entry.isDirectory()) await walk(file, label, depth + 1, out)
    else if (entry.isFile() && entry.name.endsWith('.json')) {
      const { size } = await lstat(file)
      out.push({ file, shown: label, size })
    }
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}
