import type { Rule } from '../model/rule.js'

/** Rules about the manifest's own `ignore:` entries: a suppression that no longer applies is said at its line. */
export const suppressionRules = [
  {
    id: 'suppression-not-expired',
    family: 'Suppressions',
    found: { warn: 'Suppression has expired' },
    severity: 3.0,
    kind: 'manifest',
    title: 'Ignore entry has not expired',
    checks:
      "Each `ignore:` entry with `expires`: the run's date (UTC) is not after that day. An expired entry suppresses " +
      'nothing: its findings count again, and this is a `warn` at the entry.',
    why: 'An exception accepted for a while must come back to a reviewer when its time is up, not stay forever.',
    fix: 'Fix what the entry excused, or, if the exception still stands, renew it: a new `expires` date and reason, reviewed like any policy change.'
  },
  {
    id: 'suppression-matches',
    family: 'Suppressions',
    found: { warn: 'Suppression matches nothing' },
    severity: 2.0,
    kind: 'manifest',
    title: 'Ignore entry still suppresses a finding',
    checks:
      'Each `ignore:` entry whose rule ran: some finding of that rule in its scope did not pass. When every one ' +
      'passed (or there was none), this is a `warn` at the entry.',
    why: 'An entry that matches nothing is stale, or mistyped: it would silently accept the next failure in its scope.',
    fix: 'Remove the entry if the problem it excused is fixed; otherwise correct its `vpc`, `service` or `endpoint`.'
  }
] as const satisfies readonly Rule[]

/** Rules whose findings an `ignore:` entry may not suppress: the policy's own integrity and the entries themselves. */
export const UNSUPPRESSIBLE: ReadonlySet<string> = new Set([
  'policy-not-weakened',
  'policy-from-base',
  'report-consistent',
  // A matrix's completeness (src/merge/): mode merge applies no ignore entries, so none could hold.
  'shard-reported',
  'shard-expected',
  'shard-decided',
  'shard-complete',
  ...suppressionRules.map(r => r.id)
])
