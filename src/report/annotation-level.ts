import type { Verdict } from '../model/finding.js'

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
