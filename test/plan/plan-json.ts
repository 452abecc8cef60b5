/**
 * Plan JSON as `terraform show -json PLAN` writes it, from the documented format
 * (/work/shared/reference/aws/terraform-plan-json-format.json): format_version "1.2", resource_changes with
 * change.actions / before / after / after_unknown (+ the sensitive masks), module instances addressed as
 * `module.NAME.TYPE.NAME`, and configuration.root_module(.module_calls.NAME.module).resources[].expressions
 * carrying the references that let a "known after apply" id be matched to the resource it will be.
 */
export type Action = 'create' | 'update' | 'delete' | 'replace' | 'no-op'

export interface ChangeSpec {
  address: string
  actions: Action
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  /** Leaves known only after apply (`true`), as after_unknown shows them. */
  unknown?: Record<string, unknown>
  /** Argument → references in its configuration expression. */
  references?: Record<string, string[]>
}

function parse(address: string) {
  const parts = address.split('.')
  const modules: string[] = []
  let i = 0
  while (parts[i] === 'module') {
    modules.push(`module.${parts[i + 1]}`)
    i += 2
  }
  const type = parts[i] as string
  const rest = parts.slice(i + 1).join('.')
  const m = /^([^[]+)(?:\[(.+)\])?$/.exec(rest) as RegExpExecArray
  const index = m[2] === undefined ? undefined : /^\d+$/.test(m[2]) ? Number(m[2]) : JSON.parse(m[2])
  return { moduleAddress: modules.join('.'), type, name: m[1] as string, index }
}

const ACTIONS: Record<Action, string[]> = {
  create: ['create'],
  update: ['update'],
  delete: ['delete'],
  replace: ['delete', 'create'],
  'no-op': ['no-op']
}

export function resourceChange(spec: ChangeSpec) {
  const { moduleAddress, type, name, index } = parse(spec.address)
  const actions = ACTIONS[spec.actions]
  const before =
    actions.includes('delete') || spec.actions === 'update' || spec.actions === 'no-op'
      ? (spec.before ?? {})
      : null
  const after = spec.actions === 'delete' ? null : (spec.after ?? {})
  return {
    address: spec.address,
    ...(moduleAddress ? { module_address: moduleAddress } : {}),
    mode: 'managed',
    type,
    name,
    ...(index !== undefined ? { index } : {}),
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions,
      before,
      after,
      after_unknown: spec.unknown ?? {},
      before_sensitive: before ? {} : false,
      after_sensitive: after ? {} : false,
      ...(spec.actions === 'replace' ? { replace_paths: [['vpc_id']] } : {})
    },
    ...(spec.actions === 'replace' ? { action_reason: 'replace_because_cannot_update' } : {})
  }
}

/** The configuration block: resources per module, each argument's references. */
function configuration(specs: readonly ChangeSpec[]) {
  const root: Record<string, unknown> = { resources: [] }
  for (const spec of specs) {
    const { moduleAddress, type, name } = parse(spec.address)
    let module = root
    for (const m of moduleAddress ? moduleAddress.split('.').filter((_, i) => i % 2 === 1) : []) {
      const calls = (module['module_calls'] ??= {}) as Record<string, { module: Record<string, unknown> }>
      calls[m] ??= { module: { resources: [] } }
      module = calls[m].module
    }
    const resources = module['resources'] as Record<string, unknown>[]
    if (resources.some(r => r['type'] === type && r['name'] === name)) continue
    const expressions: Record<string, unknown> = {}
    for (const [arg, refs] of Object.entries(spec.references ?? {})) expressions[arg] = { references: refs }
    resources.push({
      address: `${type}.${name}`,
      mode: 'managed',
      type,
      name,
      provider_config_key: 'aws',
      expressions,
      schema_version: 0
    })
  }
  return {
    provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
    root_module: root
  }
}

export function planJson(specs: readonly ChangeSpec[], more: Record<string, unknown> = {}) {
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: {} },
    resource_changes: specs.map(resourceChange),
    configuration: configuration(specs),
    applyable: true,
    complete: true,
    errored: false,
    ...more
  }
}
