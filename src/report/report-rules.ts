import type { Rule } from '../model/rule.js'

/** Rules about a report artifact that another job wrote (`mode: publish`): its word is checked, not taken. */
export const reportRules = [
  {
    id: 'report-consistent',
    kind: 'report',
    title: "Report artifact's verdict matches its findings",
    checks:
      'In `mode: publish` (and `mode: merge`, for each shard report), the counts and the result the JSON artifact ' +
      'states equal those recomputed from its own findings under its own `fail-on`.',
    why:
      'The artifact of a pull request from a fork is written by code the fork controls. A stated "pass" over failing ' +
      'findings would otherwise turn the check green.',
    fix:
      'Nothing to fix in AWS: the artifact was edited between the job that wrote it and this one. Re-run the ' +
      'workflow; if it repeats, look at what the pull request changes in the workflow or the build steps before ' +
      'vpce-proof.'
  }
] as const satisfies readonly Rule[]
