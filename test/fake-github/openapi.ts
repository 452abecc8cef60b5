import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'

/**
 * GitHub's published OpenAPI description (`@octokit/openapi`, api.github.com) used as the contract the
 * fake enforces: every request must hit a documented route with documented path and query parameters
 * and a request body valid against the operation's schema; the fake's own responses are checked too.
 */

const require = createRequire(import.meta.url)
const SPEC_ID = 'https://openapi.invalid/api.github.com'

interface ParameterObject {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: { type?: string }
}
type Ref = { $ref: string }
interface OperationObject {
  operationId: string
  parameters?: (ParameterObject | Ref)[]
  requestBody?: { required?: boolean; content?: Record<string, unknown> }
  responses?: Record<string, { content?: Record<string, unknown> }>
}
interface Spec {
  paths: Record<string, Record<string, OperationObject | unknown>>
  components: { parameters: Record<string, ParameterObject>; examples: Record<string, { value: unknown }> }
}

export interface Route {
  method: string
  template: string
  operationId: string
  /** Path parameter values, decoded. */
  params: Record<string, string>
}

interface CompiledOperation {
  method: string
  template: string
  operation: OperationObject
  regex: RegExp
  names: string[]
}

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options']

/** `/repos/{owner}` → `~1repos~1%7Bowner%7D`: a JSON pointer segment inside a URI fragment. */
function pointerSegment(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))
}

/**
 * OpenAPI 3.0 `nullable: true` next to an `enum` without `null` means "or null" (3.0.3 clarified that
 * the enum should list it; GitHub's description does not). Ajv follows the letter, so add the null.
 */
function allowNullInNullableEnums(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) allowNullInNullableEnums(item)
    return
  }
  if (typeof node !== 'object' || node === null) return
  const schema = node as Record<string, unknown>
  if (schema['nullable'] === true && Array.isArray(schema['enum']) && !schema['enum'].includes(null)) {
    schema['enum'] = [...(schema['enum'] as unknown[]), null]
  }
  for (const value of Object.values(schema)) allowNullInNullableEnums(value)
}

export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true })
  private readonly operations: CompiledOperation[] = []
  private readonly validators = new Map<string, ValidateFunction>()

  constructor(private readonly spec: Spec) {
    // Body and response schemas refer to #/components/...: adding the whole description once lets Ajv
    // resolve those references from pointers into it.
    allowNullInNullableEnums(spec.components)
    allowNullInNullableEnums(spec.paths)
    this.ajv.addSchema({ ...spec, $id: SPEC_ID } as object)
    for (const [template, item] of Object.entries(spec.paths)) {
      const names: string[] = []
      const pattern = template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
        names.push(name)
        return '([^/]+)'
      })
      for (const method of HTTP_METHODS) {
        const operation = item[method] as OperationObject | undefined
        if (!operation) continue
        this.operations.push({ method, template, operation, regex: new RegExp(`^${pattern}$`), names })
      }
    }
    // Literal segments win over parameters (`/issues/comments` before `/issues/{issue_number}`).
    this.operations.sort((a, b) => a.names.length - b.names.length)
  }

  /** A documented example value, e.g. `issue-comment`, as a fresh copy. */
  example<T>(name: string): T {
    const example = this.spec.components.examples[name]
    if (!example) throw new Error(`no example ${name} in the OpenAPI description`)
    return structuredClone(example.value) as T
  }

  match(method: string, pathname: string): Route | undefined {
    const m = method.toLowerCase()
    for (const op of this.operations) {
      if (op.method !== m) continue
      const found = op.regex.exec(pathname)
      if (!found) continue
      const params = Object.fromEntries(op.names.map((n, i) => [n, decodeURIComponent(found[i + 1] ?? '')]))
      return { method: m, template: op.template, operationId: op.operation.operationId, params }
    }
    return undefined
  }

  private compiled(route: Route): CompiledOperation {
    const op = this.operations.find(o => o.method === route.method && o.template === route.template)
    if (!op) throw new Error(`unknown route ${route.method} ${route.template}`)
    return op
  }

  private validator(pointer: string): ValidateFunction {
    let v = this.validators.get(pointer)
    if (!v) {
      v = this.ajv.compile({ $ref: `${SPEC_ID}#${pointer}` })
      this.validators.set(pointer, v)
    }
    return v
  }

  private errors(pointer: string, value: unknown, what: string): string[] {
    const validate = this.validator(pointer)
    if (validate(value)) return []
    return (validate.errors ?? []).map(e => `${what}${e.instancePath || ''} ${e.message ?? 'is invalid'}`)
  }

  private operationPointer(op: CompiledOperation): string {
    return `/paths/${pointerSegment(op.template)}/${op.method}`
  }

  /** Resolves a parameter (inline or a `#/components/parameters/...` reference) and its schema pointer. */
  private parameters(op: CompiledOperation): { param: ParameterObject; schemaPointer: string }[] {
    return (op.operation.parameters ?? []).map((p, i) => {
      if ('$ref' in p) {
        const name = p.$ref.replace('#/components/parameters/', '')
        const param = this.spec.components.parameters[name]
        if (!param) throw new Error(`unresolved parameter ${p.$ref}`)
        return { param, schemaPointer: `/components/parameters/${pointerSegment(name)}/schema` }
      }
      return { param: p, schemaPointer: `${this.operationPointer(op)}/parameters/${i}/schema` }
    })
  }

  private coerce(value: string, type: string | undefined): unknown {
    if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value
    if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value
    return value
  }

  /** Violations of the documented parameters and request body (empty when the request conforms). */
  validateRequest(route: Route, query: URLSearchParams, body: unknown): string[] {
    const op = this.compiled(route)
    const violations: string[] = []
    const params = this.parameters(op)
    for (const { param, schemaPointer } of params) {
      if (param.in === 'path') {
        const value = route.params[param.name]
        if (value === undefined) violations.push(`path parameter ${param.name} missing`)
        else
          violations.push(
            ...this.errors(schemaPointer, this.coerce(value, param.schema?.type), `path ${param.name}`)
          )
      }
      if (param.in === 'query') {
        const value = query.get(param.name)
        if (value === null) {
          if (param.required) violations.push(`query parameter ${param.name} missing`)
        } else {
          violations.push(
            ...this.errors(schemaPointer, this.coerce(value, param.schema?.type), `query ${param.name}`)
          )
        }
      }
    }
    const documented = new Set(params.filter(p => p.param.in === 'query').map(p => p.param.name))
    for (const name of query.keys()) {
      if (!documented.has(name))
        violations.push(`query parameter ${name} is not documented for ${op.operation.operationId}`)
    }
    const requestBody = op.operation.requestBody
    if (!requestBody) {
      if (body !== undefined) violations.push(`${op.operation.operationId} takes no request body`)
    } else if (body === undefined) {
      if (requestBody.required) violations.push(`${op.operation.operationId} requires a request body`)
    } else if (requestBody.content?.['application/json']) {
      const pointer = `${this.operationPointer(op)}/requestBody/content/${pointerSegment('application/json')}/schema`
      violations.push(...this.errors(pointer, body, 'body'))
    }
    return violations
  }

  /** Violations of the documented response for this status (the fake checking itself). */
  validateResponse(route: Route, status: number, body: unknown): string[] {
    const op = this.compiled(route)
    const response = op.operation.responses?.[String(status)]
    if (!response) return [`status ${status} is not documented for ${op.operation.operationId}`]
    if (!response.content?.['application/json'] || body === undefined) return []
    const pointer = `${this.operationPointer(op)}/responses/${status}/content/${pointerSegment('application/json')}/schema`
    return this.errors(pointer, body, `response ${status}`)
  }
}

let loaded: OpenApiContract | undefined

/** Parsing the 13 MB description takes a moment: once per test file. */
export function githubOpenApi(): OpenApiContract {
  loaded ??= new OpenApiContract(
    JSON.parse(
      readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')
    ) as Spec
  )
  return loaded
}
