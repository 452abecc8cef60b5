import { open } from 'node:fs/promises'
import { z } from 'zod'
import { UserError } from '../core/errors.js'
import { jsonErrorOffset } from './json-error-at.js'
import { configReferences, configKey } from './references.js'
import type { ResourceChange, TerraformPlan } from './plan-types.js'

/**
 * The plan JSON is input from the pull request's own Terraform code: capped before it is read, parsed with
 * a located error, and checked field by field. 100 MiB holds plans of thousands of resources; a bigger file
 * is refused without being read, so no file makes the run hang or exhaust memory.
 */
export const PLAN_LIMITS = { bytes: 100 * 1024 * 1024, resourceChanges: 200_000 } as const

/** Majors this reader understands: 1.x (Terraform ≥ 1.0, OpenTofu) and 0.x (0.12–0.15, same structure). */
const SUPPORTED_MAJORS = new Set(['0', '1'])

const record = z.record(z.string(), z.unknown())
const change = z.object({
  address: z.string().max(2_000),
  module_address: z.string().max(2_000).optional(),
  mode: z.string().max(20).optional(),
  type: z.string().max(200),
  name: z.string().max(1_000),
  index: z.union([z.string().max(1_000), z.number()]).optional(),
  deposed: z.string().max(200).optional(),
  change: z.object({
    actions: z.array(z.string().max(20)).min(1).max(4),
    before: record.nullable().optional(),
    after: record.nullable().optional(),
    after_unknown: z.union([record, z.boolean()]).optional()
  })
})
const planSchema = z.object({
  format_version: z.string().max(20),
  terraform_version: z.string().max(100).optional(),
  errored: z.boolean().optional(),
  complete: z.boolean().optional(),
  resource_changes: z.array(change).max(PLAN_LIMITS.resourceChanges).optional(),
  configuration: z.unknown().optional()
})

export async function readTerraformPlan(file: string, displayPath = file): Promise<TerraformPlan> {
  const text = await readCapped(file, displayPath)
  return parseTerraformPlan(text, displayPath)
}

/** Parses the text of `terraform show -json PLAN`; every problem is a UserError naming the file and where. */
export function parseTerraformPlan(text: string, file: string): TerraformPlan {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new UserError(
      `${file}: ${jsonErrorAt(text, error)} (is it the output of terraform show -json PLAN?)`
    )
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError(
      `${file}: not a Terraform plan (expected a JSON object from terraform show -json PLAN).`
    )
  }
  const version = (data as { format_version?: unknown }).format_version
  if (typeof version !== 'string') {
    throw new UserError(
      `${file}: format_version is missing: not the JSON of a plan (terraform show -json PLAN writes it).`
    )
  }
  const major = /^(\d+)\.\d+/.exec(version)?.[1]
  if (major === undefined || !SUPPORTED_MAJORS.has(major)) {
    throw new UserError(
      `${file}: format_version "${version.slice(0, 20)}" is not supported (this vpce-proof reads 0.x and 1.x); ` +
        'Terraform changes the major version only for incompatible formats.'
    )
  }
  if ('values' in data && !('resource_changes' in data) && !('planned_values' in data)) {
    throw new UserError(
      `${file}: this is a state, not a plan: run terraform plan -out=tfplan, then terraform show -json tfplan.`
    )
  }
  const parsed = planSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') ?? ''
    throw new UserError(
      `${file}: ${where.replace(/^\./, '') || '(root)'}: ${(issue?.message ?? 'invalid').slice(0, 200)}.`
    )
  }
  const plan = parsed.data
  if (plan.errored) {
    throw new UserError(
      `${file}: the plan errored (errored: true): its changes are incomplete, so nothing can be predicted from it. Fix terraform plan first.`
    )
  }
  const references = configReferences(plan.configuration)
  const changes: ResourceChange[] = (plan.resource_changes ?? [])
    .filter(rc => (rc.mode ?? 'managed') === 'managed')
    .map(rc => {
      const moduleAddress = rc.module_address ?? ''
      return {
        address: rc.address,
        moduleAddress,
        type: rc.type,
        name: rc.name,
        ...(rc.index !== undefined ? { index: rc.index } : {}),
        actions: rc.change.actions,
        before: rc.change.before ?? null,
        after: rc.change.after ?? null,
        afterUnknown: typeof rc.change.after_unknown === 'object' ? rc.change.after_unknown : {},
        references: references.get(configKey(moduleAddress, rc.type, rc.name)) ?? {}
      }
    })
  return {
    file,
    formatVersion: version,
    ...(plan.terraform_version ? { terraformVersion: plan.terraform_version } : {}),
    changes,
    complete: plan.complete ?? true
  }
}

async function readCapped(file: string, displayPath: string): Promise<string> {
  let handle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    throw new UserError(
      `${displayPath}: cannot read the Terraform plan (${(error as NodeJS.ErrnoException).code ?? 'error'}). Write it with terraform show -json tfplan > ${displayPath}.`
    )
  }
  try {
    const stat = await handle.stat()
    // A FIFO or a device would block the read or never end.
    if (!stat.isFile()) throw new UserError(`${displayPath}: not a regular file; give the plan JSON's path.`)
    if (stat.size > PLAN_LIMITS.bytes) {
      throw new UserError(
        `${displayPath}: the plan JSON is ${(stat.size / 1024 / 1024).toFixed(1)} MiB, more than the ${PLAN_LIMITS.bytes / 1024 / 1024} MiB vpce-proof reads; refused without reading it. Plan only the VPC's module (terraform plan -target=...) or split the configuration.`
      )
    }
    return await handle.readFile({ encoding: 'utf8' })
  } finally {
    await handle.close()
  }
}

/** "line 3, column 7: not valid JSON: unexpected ','", found by our own scan (V8's wording varies by version). */
function jsonErrorAt(text: string, error: unknown): string {
  if (error instanceof RangeError) return 'not valid JSON: nested too deeply'
  const offset = jsonErrorOffset(text)
  if (offset < 0) return 'not valid JSON'
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1
      lineStart = i + 1
    }
  }
  const what =
    offset >= text.length
      ? 'the text ends early'
      : `unexpected ${JSON.stringify(text.slice(offset, offset + 1))}`
  return `line ${line}, column ${offset - lineStart + 1}: not valid JSON: ${what}`
}
