import { UserError } from '../core/errors.js'

/** One thing wrong with a manifest, where it is, and what was expected instead. */
export interface ManifestProblem {
  file: string
  /** 1-based, as editors and GitHub annotations count. */
  line: number
  column: number
  /** Where in the manifest's structure, e.g. `vpcs[0].endpoints[1].private-dns`; empty for the whole file. */
  path: string
  /** What was expected and what was found. */
  message: string
}

/** Every problem found in one manifest, thrown at once so the user fixes them in one go. */
export class ManifestError extends UserError {
  readonly problems: readonly ManifestProblem[]

  constructor(file: string, problems: readonly ManifestProblem[]) {
    const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column)
    const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`
    super(`${count} in ${file}`, sorted.map(formatProblem))
    this.problems = sorted
  }
}

/** `file:line:col: path: message`, the form compilers use, which editors and GitHub turn into links. */
export function formatProblem(problem: ManifestProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`
  return problem.path === ''
    ? `${where}: ${problem.message}`
    : `${where}: ${problem.path}: ${problem.message}`
}
