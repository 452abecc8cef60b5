import { readFile } from 'node:fs/promises'
import { resolve as resolvePath } from 'node:path'
import { UserError } from '../core/errors.js'
import { buildManifest } from './build.js'
import { ManifestError } from './errors.js'
import type { ManifestProblem } from './errors.js'
import { resolveManifest } from './resolve.js'
import { manifestSchema } from './schema.js'
import type { Manifest } from './types.js'
import { parseYaml, problemAt } from './yaml-source.js'
import type { YamlSource } from './yaml-source.js'
import { genericExpectation, problemsFromIssues } from './zod-issues.js'

export interface ParseOptions {
  /**
   * The region for VPCs whose manifest names none, usually AWS_REGION or AWS_DEFAULT_REGION. The caller reads
   * the environment, so parsing stays a pure function of its arguments.
   */
  defaultRegion?: string
}

export interface LoadOptions extends ParseOptions {
  /** How to name the file in messages and in the manifest's locations (e.g. relative to the workspace). */
  displayPath?: string
}

/** Reads and parses a manifest; any problem with it is a UserError that names the file. */
export async function loadManifest(file: string, opts: LoadOptions = {}): Promise<Manifest> {
  const display = opts.displayPath ?? file
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw readError(error, file, display)
  }
  return parseManifest(text, display, opts)
}

/**
 * Parses manifest text (YAML or JSON) into the normalised Manifest. Throws one ManifestError listing every
 * problem found, each with its line and column; syntax errors come alone, since the rest cannot be trusted.
 */
export function parseManifest(text: string, file: string, opts: ParseOptions = {}): Manifest {
  const { source, problems: syntaxProblems } = parseYaml(text, file)
  if (syntaxProblems.length > 0) throw new ManifestError(file, syntaxProblems)

  const raw = toPlainData(source)
  const parsed = manifestSchema.safeParse(raw, { error: genericExpectation })
  // An empty AWS_REGION (a workflow `env:` entry left blank) means no default, not a bad one.
  const resolution = resolveManifest(raw, opts.defaultRegion === '' ? undefined : opts.defaultRegion)
  const problems = unique([
    ...(parsed.success ? [] : problemsFromIssues(source, manifestSchema, parsed.error.issues)),
    ...resolution.problems.map(problem => {
      const placed = problemAt(source, problem.path, problem.message)
      if (problem.firstPath === undefined) return placed
      const first = problemAt(source, problem.firstPath, '')
      return { ...placed, message: `${placed.message} (first declared on line ${first.line})` }
    })
  ])
  if (problems.length > 0) throw new ManifestError(file, problems)
  if (!parsed.success) throw new Error('bug: the manifest failed validation without a located problem')
  return buildManifest(source, parsed.data, resolution)
}

function toPlainData(source: YamlSource): unknown {
  try {
    return source.doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // Alias bombs and the like; yaml refuses them rather than expand them.
    const message = error instanceof Error ? error.message : String(error)
    throw new ManifestError(source.file, [
      { file: source.file, line: 1, column: 1, path: '', message: `invalid YAML: ${message}` }
    ])
  }
}

function unique(problems: ManifestProblem[]): ManifestProblem[] {
  const seen = new Set<string>()
  return problems.filter(problem => {
    const key = `${problem.line}:${problem.column}:${problem.path}:${problem.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function readError(error: unknown, file: string, display: string): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return new UserError(`manifest file not found: ${display}`, [
        `looked for ${resolvePath(file)}; check the path, or create the manifest there (see docs/manifest.md)`
      ])
    case 'EISDIR':
      return new UserError(`manifest path is a directory, not a file: ${display}`)
    case 'EACCES':
    case 'EPERM':
      return new UserError(`cannot read the manifest ${display}: permission denied`)
    default:
      return error instanceof Error ? error : new Error(String(error))
  }
}
