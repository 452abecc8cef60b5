import { UserError } from './errors.js'
import { VERDICTS, type Verdict } from '../model/finding.js'

/** Undecided is red: a check that could not be decided fails the step unless the workflow says otherwise. */
export const DEFAULT_FAIL_ON: readonly Verdict[] = ['fail', 'inconclusive']

/**
 * `fail-on` lists the verdicts that fail the step: `fail,inconclusive` (default), e.g. `fail` to let
 * undecided checks through, or `none` to report without ever failing. `skipped` (not applicable) only
 * fails when listed.
 */
export function parseFailOn(raw: string, where = 'fail-on'): Verdict[] {
  const words = raw
    .split(/[\s,]+/)
    .map(w => w.trim().toLowerCase())
    .filter(Boolean)
  if (words.length === 0) return [...DEFAULT_FAIL_ON]
  if (words.length === 1 && words[0] === 'none') return []
  const unknown = words.filter(w => !(VERDICTS as readonly string[]).includes(w) || w === 'pass')
  if (unknown.length > 0) {
    throw new UserError(
      `${where}: unknown verdict ${unknown.map(w => `"${w}"`).join(', ')}; use a list of fail, warn, inconclusive, skipped, or none.`
    )
  }
  return [...new Set(words)] as Verdict[]
}

export function resultOf(counts: Record<Verdict, number>, failOn: readonly Verdict[]): 'pass' | 'fail' {
  return failOn.some(v => counts[v] > 0) ? 'fail' : 'pass'
}

/** CLI exit codes (also in the CLI's help and docs/cli.md). */
export const EXIT = { pass: 0, fail: 1, usage: 2, bug: 3 } as const

/**
 * The CLI's exit code for a finished run: 2 when it decided nothing ("could not check"), whatever
 * `fail-on` says; otherwise 1 when a verdict listed in `fail-on` was found, else 0.
 */
export function exitCodeFor(report: { result: 'pass' | 'fail'; undecided?: string }): number {
  if (report.undecided) return EXIT.usage
  return report.result === 'pass' ? EXIT.pass : EXIT.fail
}
