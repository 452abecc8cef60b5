/**
 * What Reachability Analyzer needs, only when `reachability` is on.
 * - The calls vpce-proof makes (the Reachability Analyzer guide, "Required API permissions"): create the
 *   path, start the analysis, read it, delete both. Tags go on at creation (`TagSpecifications`), which EC2
 *   authorises as ec2:CreateTags, limited here to those two create actions.
 * - What the analysis itself reads with the caller's credentials: the guide says "users must also have"
 *   the networking Describe permissions and the Tiros ones; the list is the CloudFormation resource
 *   schema of AWS::EC2::NetworkInsightsAnalysis (handlers.create.permissions), the only place found that
 *   spells it out.
 */
export const REACHABILITY_CALLS = [
  'ec2:CreateNetworkInsightsPath',
  'ec2:StartNetworkInsightsAnalysis',
  'ec2:DescribeNetworkInsightsAnalyses',
  'ec2:DeleteNetworkInsightsAnalysis',
  'ec2:DeleteNetworkInsightsPath'
] as const

export const REACHABILITY_TAG_ACTION = 'ec2:CreateTags'

export const REACHABILITY_ANALYSIS_READS = [
  'ec2:Describe*',
  'ec2:GetManagedPrefixListEntries',
  'ec2:GetTransitGatewayRouteTablePropagations',
  'ec2:SearchTransitGatewayRoutes',
  'elasticloadbalancing:Describe*',
  'directconnect:Describe*',
  'tiros:CreateQuery',
  'tiros:GetQueryAnswer',
  'tiros:GetQueryExplanation'
] as const

/** Every action the reachability rules depend on (the catalogue lists them). */
export const REACHABILITY_ACTIONS: readonly string[] = [
  ...REACHABILITY_CALLS,
  REACHABILITY_TAG_ACTION,
  ...REACHABILITY_ANALYSIS_READS
]
