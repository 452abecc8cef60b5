import { REACHABILITY_ANALYSIS_READS, REACHABILITY_CALLS, REACHABILITY_TAG_ACTION } from './permissions.js'

/** The statements `reachability: true` adds to the least-privilege policy (none without it). */
export function reachabilityStatements(): Array<{
  Sid: string
  Effect: 'Allow'
  Action: string | string[]
  Resource: string
  Condition?: Record<string, Record<string, string[]>>
}> {
  return [
    { Sid: 'VpceProofReachabilityAnalyzer', Effect: 'Allow', Action: [...REACHABILITY_CALLS], Resource: '*' },
    {
      // Tags go on at creation; EC2 authorises that as CreateTags, here for these two creates only.
      Sid: 'VpceProofReachabilityTagOnCreate',
      Effect: 'Allow',
      Action: REACHABILITY_TAG_ACTION,
      Resource: '*',
      Condition: {
        StringEquals: { 'ec2:CreateAction': ['CreateNetworkInsightsPath', 'StartNetworkInsightsAnalysis'] }
      }
    },
    {
      Sid: 'VpceProofReachabilityAnalysisReads',
      Effect: 'Allow',
      Action: [...REACHABILITY_ANALYSIS_READS],
      Resource: '*'
    }
  ]
}
