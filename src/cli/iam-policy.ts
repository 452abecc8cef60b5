import * as path from 'node:path'
import { parseArgs } from 'node:util'
import { regionFrom } from '../action/inputs.js'
import { UserError } from '../core/errors.js'
import { leastPrivilegePolicy, needsOf, renderPolicy } from '../iam/least-privilege.js'
import { loadManifest } from '../manifest/load.js'

export const IAM_POLICY_USAGE = `Usage: vpce-proof iam-policy [--manifest FILE] [--evidence [--privatelink-metrics]]

Prints the least-privilege IAM policy (JSON) for what \`vpce-proof check\` will call with this manifest:
the EC2 reads, sts:GetCallerIdentity when a VPC declares \`account\`, sts:AssumeRole on each \`role-arn\`,
and with --evidence cloudtrail:LookupEvents and each declared service's probe action.

Options:
  --manifest FILE   manifest to read (default .github/vpc-endpoints.yml)
  --evidence        the policy for \`check --evidence\` (probes and the CloudTrail lookup)
  --privatelink-metrics
                    with --evidence: add cloudwatch:GetMetricData (the opt-in metrics method)
  -h, --help        this help`

/** `vpce-proof iam-policy`: the policy as JSON on stdout. Reads the manifest only; calls nothing. */
export async function iamPolicyCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        manifest: { type: 'string', default: '.github/vpc-endpoints.yml' },
        evidence: { type: 'boolean', default: false },
        'privatelink-metrics': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    }))
  } catch (error) {
    throw new UserError(`${(error as Error).message}. Run vpce-proof iam-policy --help.`)
  }
  if (values.help) return `${IAM_POLICY_USAGE}\n`
  const manifest = await loadManifest(path.resolve(values.manifest), {
    displayPath: values.manifest,
    ...regionFrom(env)
  })
  if (values['privatelink-metrics'] && !values.evidence)
    throw new UserError('--privatelink-metrics reads the metrics of the probes: use it with --evidence.')
  return renderPolicy(
    leastPrivilegePolicy(
      needsOf(manifest, values.evidence, { privateLinkMetrics: values['privatelink-metrics'] })
    )
  )
}
