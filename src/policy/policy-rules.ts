import type { Rule } from '../model/rule.js'

/** Rules about the policy itself: where it came from on a pull request, and what the PR changes in it. */
export const policyRules = [
  {
    id: 'policy-not-weakened',
    family: 'Policy',
    found: { warn: 'Pull request weakens the endpoint policy' },
    severity: 4.0,
    kind: 'manifest',
    title: 'Pull request does not weaken the endpoint policy',
    checks:
      "On a pull request, the PR's manifest (head) against the base branch's manifest (the policy this run checks): " +
      'endpoints or VPCs removed, `private-dns` turned off, a probe turned off, a pinned `id` dropped, subnets or route ' +
      'tables dropped, `account` or `role-arn` changed. Each is a `warn` on the head manifest line.',
    why:
      'The manifest lives in the repository the pull request changes. Without this, a PR that removes the failing ' +
      'endpoint (or sets `endpoints: []`) would turn its own required check green.',
    fix:
      'Nothing to fix if the change is intended: the weakening takes effect after merge, once a reviewer (make the ' +
      'manifest a CODEOWNERS path) has approved it. Otherwise restore the removed or relaxed settings.'
  },
  {
    id: 'policy-from-base',
    family: 'Policy',
    found: { warn: 'Policy read from the pull request itself' },
    severity: 3.0,
    kind: 'manifest',
    title: 'Policy read from the base branch',
    checks:
      'On a pull request with `manifest-ref: base`, the manifest exists at the base commit. When it does not (the PR ' +
      "adds it), the PR's own manifest is used and this is a `warn`.",
    why: "A policy written by the pull request it judges is the PR author's word, not the repository's.",
    fix: 'Expected on the pull request that adds the manifest; after merge the base branch holds it.'
  }
] as const satisfies readonly Rule[]
