/**
 * `warn` is for things worth a look that are not a broken promise (an undeclared endpoint: drift).
 * `fail-on` decides which of these fail the step.
 */
export const VERDICTS = ['pass', 'fail', 'warn', 'inconclusive', 'skipped'] as const
export type Verdict = (typeof VERDICTS)[number]
