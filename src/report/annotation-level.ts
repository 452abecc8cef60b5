import type { Finding, Verdict } from '../model/finding.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

/**
 * One severity for a finding on every channel (workflow commands, check run): a verdict listed in
 * `fail-on` fails the step, so it is an error whatever it is; otherwise fail > warn/inconclusive > rest.
 */
export function annotationLevel(verdict: Verdict, failOn: readonly Verdict[]): AnnotationLevel {
  if (failOn.includes(verdict) || verdict === 'fail') return 'error'
  if (verdict === 'warn' || verdict === 'inconclusive') return 'warning'
  return 'notice'
}

/** A finding's level: a suppressed one is a notice whatever its verdict (it fails nothing). */
export function findingLevel(
  f: Pick<Finding, 'verdict' | 'suppressed'>,
  failOn: readonly Verdict[]
): AnnotationLevel {
  return f.suppressed ? 'notice' : annotationLevel(f.verdict, failOn)
}
