import type { Rule } from '../model/rule.js'
import { REACHABILITY_ACTIONS } from './permissions.js'

/**
 * Reachability Analyzer (opt-in: `reachability: true` / `--reachability`; AWS charges for each analysis).
 * One analysis per declared endpoint, from the runner's network interface (or the VPC's declared
 * `reachability-source`) to the endpoint, TCP 443.
 */
export const reachabilityRules = [
  {
    id: 'reachability-path-found',
    family: 'Path',
    found: {
      fail: 'Reachability Analyzer finds no path',
      inconclusive: 'Reachability Analyzer did not decide'
    },
    severity: 6.0,
    kind: 'evidence',
    title: 'Reachability Analyzer finds a path to the endpoint',
    checks:
      "Only with `reachability: true` (`--reachability`): AWS Reachability Analyzer, asked for a path from the runner's network interface (or the VPC's `reachability-source`) to the declared endpoint on TCP 443, answers `NetworkPathFound: true`. The hops it followed (network interface, security groups, route table, endpoint) are kept in the JSON report (`networkPath`). AWS charges for each analysis; vpce-proof runs one per declared endpoint and deletes the path and the analysis afterwards.",
    why: "It is the article's independent check of the network configuration: AWS's own model of the security groups, network ACLs and route tables says whether the runner's interface can reach the endpoint at all. It does not send packets, so it is not traffic evidence, but it names the component that blocks the path, which a probe that times out cannot.",
    fix: "Not found: read the explanation (it names the blocking security group, network ACL or route table): typically allow inbound HTTPS (443) from the runner's subnet or security group in the endpoint's security group (Interface), or add the prefix-list route to the runner subnet's route table (Gateway). Inconclusive: grant the actions it names (ec2:CreateNetworkInsightsPath, ec2:StartNetworkInsightsAnalysis, ec2:DescribeNetworkInsightsAnalyses, the delete actions, and the Describe and tiros actions the analysis reads with; `vpce-proof iam-policy --reachability` prints them), declare `reachability-source` for a VPC the runner is not in, or raise `evidence-timeout` when the analysis was still running.",
    permissions: REACHABILITY_ACTIONS
  },
  {
    id: 'reachability-resources-deleted',
    family: 'Path',
    found: { warn: 'Reachability Analyzer resources left behind' },
    severity: 2.0,
    kind: 'evidence',
    title: 'Reachability Analyzer path and analysis were deleted',
    checks:
      'Only with `reachability: true`: every network insights path and analysis vpce-proof created in the run was deleted again (a `warn` names each one left behind, with the command that deletes it).',
    why: 'vpce-proof creates the path and the analysis only to read one answer; leaving them would clutter the account (and the Reachability Analyzer quotas) with one path per endpoint per run.',
    fix: 'Delete what the warning names: `aws ec2 delete-network-insights-analysis --network-insights-analysis-id nia-…` first, then `aws ec2 delete-network-insights-path --network-insights-path-id nip-…`. Every resource vpce-proof creates carries the tag `vpce-proof:run` with the run id. Grant ec2:DeleteNetworkInsightsAnalysis and ec2:DeleteNetworkInsightsPath so the next run cleans up itself.',
    permissions: ['ec2:DeleteNetworkInsightsAnalysis', 'ec2:DeleteNetworkInsightsPath']
  }
] as const satisfies readonly Rule[]

export type ReachabilityRuleId = (typeof reachabilityRules)[number]['id']
