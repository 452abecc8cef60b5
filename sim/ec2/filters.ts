import { SimError } from '../core/response.js'
import type { Ec2Filter } from './params.js'

/** Filter name → the item's values for it (an item matches when any value matches any filter value). */
export type FilterFields<T> = Record<
  string,
  (item: T) => ReadonlyArray<string | undefined> | string | undefined
>

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${escaped}$`)
}

/** EC2 filter semantics: filters AND together, values of one filter OR; `*` and `?` are wildcards. */
export function applyFilters<T>(items: T[], filters: Ec2Filter[], fields: FilterFields<T>): T[] {
  for (const f of filters) {
    if (!Object.hasOwn(fields, f.name)) {
      throw new SimError('InvalidParameterValue', `The filter '${f.name}' is invalid`)
    }
  }
  return items.filter(item =>
    filters.every(f => {
      const raw = fields[f.name]?.(item)
      const have = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string')
      const patterns = f.values.map(wildcard)
      return have.some(v => patterns.some(p => p.test(v)))
    })
  )
}
