/**
 * The plan's `configuration` tells, for each argument, which objects its expression refers to
 * (`"route_table_id": {"references": ["aws_route_table.private.id", "aws_route_table.private"]}`). A value
 * that is "known after apply" because it is another planned resource's id is matched through these.
 */

/** `module.net["a"].module.sub[0]` → `module.net.module.sub`: configuration has no instance keys. */
export function withoutInstanceKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '')
}

export function configKey(moduleAddress: string, type: string, name: string): string {
  const module = withoutInstanceKeys(moduleAddress)
  return `${module ? `${module}.` : ''}${type}.${name}`
}

type References = Map<string, Record<string, string[]>>

/** Config key of every managed resource → its top-level arguments' references. Tolerant of any shape. */
export function configReferences(configuration: unknown): References {
  const out: References = new Map()
  const root = (configuration as { root_module?: unknown } | undefined)?.root_module
  walkModule(root, '', out, 0)
  return out
}

function walkModule(module: unknown, path: string, out: References, depth: number): void {
  if (typeof module !== 'object' || module === null || depth > 50) return
  const { resources, module_calls: calls } = module as { resources?: unknown; module_calls?: unknown }
  if (Array.isArray(resources)) {
    for (const r of resources) {
      if (typeof r !== 'object' || r === null) continue
      const { type, name, mode, expressions } = r as Record<string, unknown>
      if (typeof type !== 'string' || typeof name !== 'string' || (mode !== undefined && mode !== 'managed'))
        continue
      out.set(configKey(path, type, name), argumentReferences(expressions))
    }
  }
  if (typeof calls === 'object' && calls !== null) {
    for (const [name, call] of Object.entries(calls as Record<string, unknown>)) {
      const child = (call as { module?: unknown } | null)?.module
      walkModule(child, `${path ? `${path}.` : ''}module.${name}`, out, depth + 1)
    }
  }
}

function argumentReferences(expressions: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  if (typeof expressions !== 'object' || expressions === null) return out
  for (const [arg, expr] of Object.entries(expressions as Record<string, unknown>)) {
    const refs = (expr as { references?: unknown } | null)?.references
    if (Array.isArray(refs)) out[arg] = refs.filter((r): r is string => typeof r === 'string').slice(0, 100)
  }
  return out
}

const NOT_RESOURCES = new Set([
  'var',
  'local',
  'module',
  'data',
  'count',
  'each',
  'path',
  'terraform',
  'self'
])

/**
 * The planned resource instance an argument refers to, by address: only a reference to a managed resource
 * of the same module instance that matches exactly one planned instance. Anything else (a variable, a
 * module output, several count instances) is not resolved: the value stays unknown.
 */
export function resolveReference(
  refs: readonly string[] | undefined,
  moduleAddress: string,
  addresses: AddressIndex
): string | undefined {
  if (!refs) return undefined
  const found = new Set<string>()
  for (const ref of refs) {
    const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?/.exec(ref)
    if (!m || NOT_RESOURCES.has(m[1] as string)) continue
    const base = `${moduleAddress ? `${moduleAddress}.` : ''}${m[1]}.${m[2]}`
    if (m[3]) {
      if (addresses.all.has(base + m[3])) found.add(base + m[3])
      continue
    }
    const instances = addresses.byBase.get(base) ?? []
    if (instances.length === 1) found.add(instances[0] as string)
    else if (instances.length > 1) return undefined
  }
  return found.size === 1 ? [...found][0] : undefined
}

export interface AddressIndex {
  all: ReadonlySet<string>
  /** Address without its last instance key → the planned instances. */
  byBase: ReadonlyMap<string, string[]>
}

export function addressIndex(addresses: readonly string[]): AddressIndex {
  const byBase = new Map<string, string[]>()
  for (const a of addresses) {
    const base = a.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]$/, '')
    const list = byBase.get(base)
    if (list) list.push(a)
    else byBase.set(base, [a])
  }
  return { all: new Set(addresses), byBase }
}
