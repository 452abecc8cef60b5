import { SimError } from '../core/response.js'

export interface Ec2Filter {
  name: string
  values: string[]
}

/** `Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-a&Filter.1.Value.2=vpc-b` → [{ name: 'vpc-id', values: [...] }]. */
export function filtersOf(params: URLSearchParams): Ec2Filter[] {
  const byIndex = new Map<number, Ec2Filter>()
  for (const [key, value] of params) {
    const m = /^Filter\.(\d+)\.(Name|Value\.(\d+))$/.exec(key)
    if (!m) continue
    const index = Number(m[1])
    const filter = byIndex.get(index) ?? { name: '', values: [] }
    if (m[2] === 'Name') filter.name = value
    else filter.values[Number(m[3]) - 1] = value
    byIndex.set(index, filter)
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, f]) => ({ name: f.name, values: f.values.filter(v => v !== undefined) }))
}

/** `VpcEndpointId.1=..&VpcEndpointId.2=..` → the values in index order. */
export function listParam(params: URLSearchParams, name: string): string[] {
  const found: Array<[number, string]> = []
  const pattern = new RegExp(`^${name}\\.(\\d+)$`)
  for (const [key, value] of params) {
    const m = pattern.exec(key)
    if (m) found.push([Number(m[1]), value])
  }
  return found.sort(([a], [b]) => a - b).map(([, v]) => v)
}

export function intParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name)
  if (raw === null) return undefined
  const n = Number(raw)
  if (!Number.isInteger(n)) {
    throw new SimError('InvalidParameterValue', `Value (${raw}) for parameter ${name} is invalid.`)
  }
  return n
}

export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name)
  if (value === null || value === '') {
    throw new SimError('MissingParameter', `The request must contain the parameter ${name}`)
  }
  return value
}
