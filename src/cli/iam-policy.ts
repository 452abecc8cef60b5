import * as path from 'node:path'
import type { Command } from 'commander'
import { regionFrom } from '../action/inputs.js'
import { registerEnvironmentSecrets } from '../core/redact.js'
import { leastPrivilegePolicy, needsOf, renderPolicy } from '../iam/least-privilege.js'
import { loadManifest } from '../manifest/load.js'
import type { CliContext } from './program.js'

const IAM_POLICY_DESCRIPTION =
  `Prints the least-privilege IAM policy (JSON) for what \`vpce-proof check\` will call with this manifest:
the EC2 reads, sts:GetCallerIdentity when a VPC declares \`account\`, sts:AssumeRole on each \`role-arn\`,
and with --evidence cloudtrail:LookupEvents and each declared service's probe action.`.replace(/\n/g, ' ')

/** `vpce-proof iam-policy`: the policy as JSON on stdout. Reads the manifest only; calls nothing. */
export function addIamPolicyCommand(program: Command, ctx: CliContext): void {
  program
    .command('iam-policy')
    .summary('print the least-privilege IAM policy a run needs')
    .description(IAM_POLICY_DESCRIPTION)
    .option('--manifest <FILE>', 'manifest to read', '.github/vpc-endpoints.yml')
    .option('--evidence', 'the policy for `check --evidence` (probes and the CloudTrail lookup)')
    .action(async (flags: { manifest: string; evidence?: boolean }) => {
      registerEnvironmentSecrets(ctx.env)
      const manifest = await loadManifest(path.resolve(flags.manifest), {
        displayPath: flags.manifest,
        ...regionFrom(ctx.env)
      })
      ctx.out(renderPolicy(leastPrivilegePolicy(needsOf(manifest, flags.evidence === true))))
    })
}
