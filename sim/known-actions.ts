import { EC2_OPERATIONS } from './ec2/handler.js'
import { PROBE_OPERATIONS } from './services/catalog.js'

/**
 * Every IAM action the simulator can answer, as `deny` spells them: a test denies all but a policy's
 * actions to show that a run needs nothing outside it.
 */
export const SIM_IAM_ACTIONS: readonly string[] = [
  ...new Set([
    ...EC2_OPERATIONS.map(op => `ec2:${op}`),
    // sim/sts.ts answers these two.
    'sts:GetCallerIdentity',
    'sts:AssumeRole',
    // sim/cloudtrail/handler.ts answers only LookupEvents.
    'cloudtrail:LookupEvents',
    ...PROBE_OPERATIONS.map(p => p.iamAction)
  ])
]
