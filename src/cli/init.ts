import { access, mkdir, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import type { Command } from 'commander'
import { paginateDescribeVpcs } from '@aws-sdk/client-ec2'
import { AwsClientFactory } from '../aws/clients.js'
import { readFact } from '../aws/fact.js'
import { collectInventory } from '../aws/inventory.js'
import { allPages } from '../aws/pages.js'
import type { Fact, VpcSnapshot } from '../aws/snapshot.js'
import { checkConfiguration } from '../checks/check-configuration.js'
import { DEFAULT_RUN_TIMEOUT_MS, startDeadline } from '../core/deadline.js'
import { UserError } from '../core/errors.js'
import { registerEnvironmentSecrets, registerSecret } from '../core/redact.js'
import { parseManifest } from '../manifest/load.js'
import { VPC_ID } from '../manifest/patterns.js'
import type { Manifest } from '../manifest/types.js'
import { draftVpc, flagsFrom, renderManifest } from './init-manifest.js'
import type { CliContext } from './program.js'

const INIT_DESCRIPTION =
  `Reads the VPC endpoints the VPCs have now (the same EC2 reads as \`check\`) and writes a manifest that
declares them, with a comment over each entry \`check\` would already report. Review it, then run
\`vpce-proof check --manifest FILE\`.`.replace(/\n/g, ' ')

const DEFAULT_OUTPUT = '.github/vpc-endpoints.yml'

/** `vpce-proof init`: writes the manifest of what exists now, all or nothing. */
export function addInitCommand(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .summary('write a manifest of the endpoints the VPCs have now')
    .usage('--vpc VPC_ID [--vpc VPC_ID ...] | --all-vpcs [options]')
    .description(INIT_DESCRIPTION)
    .option('--vpc <VPC_ID>', 'a VPC to describe (repeat for more)', (v: string, all: string[] = []) => [
      ...all,
      v
    ])
    .option('--all-vpcs', 'every VPC of the region (needs ec2:DescribeVpcs)')
    .option('--region <R>', "the VPCs' region (default AWS_REGION, else AWS_DEFAULT_REGION)")
    .option('--output <FILE>', 'where to write', DEFAULT_OUTPUT)
    .option('--force', 'overwrite FILE if it exists')
    .action(async (flags: InitFlags) => {
      registerEnvironmentSecrets(ctx.env)
      ctx.out(await initCommand(parseInit(flags, ctx.env)))
    })
}

async function initCommand(options: InitOptions): Promise<string> {
  const target = path.resolve(options.output)
  if (!options.force && (await exists(target))) {
    throw new UserError(`${options.output} exists; choose another --output or add --force to overwrite it.`)
  }
  const deadline = startDeadline(DEFAULT_RUN_TIMEOUT_MS)
  try {
    const aws = new AwsClientFactory({ signal: deadline.signal, onSecret: registerSecret })
    const vpcIds = options.vpcs.length > 0 ? options.vpcs : await allVpcIds(aws, options.region)
    if (vpcIds.length === 0) throw new UserError(`no VPC in ${options.region}: nothing to write.`)
    const text = await describe(vpcIds, options.region, aws, options.output)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, text.text, { flag: options.force ? 'w' : 'wx' })
    return `Wrote ${options.output}: ${text.summary}. Next: vpce-proof check --manifest ${options.output}\n`
  } finally {
    deadline.dispose()
  }
}

interface InitOptions {
  vpcs: string[]
  region: string
  output: string
  force: boolean
}

interface InitFlags {
  vpc?: string[]
  allVpcs?: boolean
  region?: string
  output: string
  force?: boolean
}

function parseInit(values: InitFlags, env: NodeJS.ProcessEnv): InitOptions {
  const vpcs = [...new Set(values.vpc ?? [])]
  if (vpcs.length === 0 && !values.allVpcs)
    throw new UserError('init needs --vpc VPC_ID (repeatable) or --all-vpcs. Run vpce-proof init --help.')
  if (vpcs.length > 0 && values.allVpcs) throw new UserError('init takes --vpc or --all-vpcs, not both.')
  const bad = vpcs.find(id => !VPC_ID.test(id))
  if (bad !== undefined) throw new UserError(`--vpc: "${bad}" is not a VPC id (vpc- and 8 or 17 hex digits).`)
  const region = values.region || env.AWS_REGION || env.AWS_DEFAULT_REGION
  if (!region) throw new UserError('no region: pass --region or set AWS_REGION.')
  return { vpcs, region, output: values.output, force: values.force === true }
}

async function allVpcIds(aws: AwsClientFactory, region: string): Promise<string[]> {
  const ec2 = await aws.ec2For({ region })
  const vpcs = await readFact('ec2:DescribeVpcs', () =>
    allPages(paginateDescribeVpcs({ client: ec2 }, {}), p => p.Vpcs ?? [])
  )
  return required(vpcs, region).flatMap(v => (v.VpcId ? [v.VpcId] : []))
}

/**
 * Reads the inventory for a manifest that declares the VPCs with no endpoints (the same reads `check`
 * makes), drafts the endpoints, then runs the configuration checks over the generated manifest so each
 * comment says exactly what `check` will report.
 */
async function describe(
  vpcIds: string[],
  region: string,
  aws: AwsClientFactory,
  display: string
): Promise<{ text: string; summary: string }> {
  const bare: Manifest = {
    file: display,
    version: 1,
    vpcs: vpcIds.map(id => ({ id, region, endpoints: [], location: { file: display, line: 1, column: 1 } }))
  }
  const inventory = await collectInventory(bare, aws, { dnsAttributes: 'always' })
  const drafts = inventory.vpcs.map(snapshot => {
    const vpc = required(snapshot.vpc, region)
    if (vpc === null)
      throw new UserError(`${snapshot.vpcId} was not found in ${region}; no manifest written.`)
    for (const fact of factsOf(snapshot)) required(fact, region)
    return draftVpc(snapshot, required(snapshot.endpoints, region))
  })
  const plain = renderManifest(region, drafts)
  const manifest = parseManifest(plain, display)
  const flags = flagsFrom(manifest, drafts, checkConfiguration(manifest, inventory))
  const endpoints = drafts.reduce((n, d) => n + d.endpoints.length, 0)
  const flagged = [...flags.vpc.values(), ...flags.endpoint.values()].reduce((n, l) => n + l.length, 0)
  const vpcs = drafts.length === 1 ? '1 VPC' : `${drafts.length} VPCs`
  return {
    text: renderManifest(region, drafts, flags),
    summary: `${vpcs}, ${endpoints} endpoint${endpoints === 1 ? '' : 's'}, ${flagged} problem${flagged === 1 ? '' : 's'} flagged`
  }
}

/** Every fact the configuration checks read; a manifest drafted without one would be silently partial. */
function factsOf(snapshot: VpcSnapshot): Array<Fact<unknown>> {
  return [
    snapshot.enableDnsSupport,
    snapshot.enableDnsHostnames,
    snapshot.routeTables,
    snapshot.subnets,
    snapshot.networkInterfaces,
    snapshot.prefixLists,
    ...(snapshot.natGateways ? [snapshot.natGateways] : [])
  ]
}

function required<T>(fact: Fact<T>, region: string): T {
  if (fact.ok) return fact.value
  const { action, code, message } = fact.problem
  const why = fact.problem.kind === 'denied' ? `was denied (${code})` : `failed (${code}: ${message})`
  throw new UserError(
    `could not read the VPCs in ${region}: ${action} ${why}. Grant ${action} (vpce-proof iam-policy lists every action); no manifest written.`
  )
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false
  )
}
