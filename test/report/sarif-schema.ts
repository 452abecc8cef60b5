import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'

/**
 * The OASIS SARIF 2.1.0 JSON schema ("sarif-schema-2.1.0.json", draft-07), kept beside this file
 * (schemas/, see its README). Checked to be that schema by its `$id`, so a swapped file fails loudly.
 */
const SCHEMA_FILE = path.join(import.meta.dirname, 'schemas', 'sarif-schema-2.1.0.json')
const OASIS_ID =
  'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json'

export function sarifSchema(): Record<string, unknown> {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>
  if (schema['$id'] !== OASIS_ID || schema['$schema'] !== 'http://json-schema.org/draft-07/schema#') {
    throw new Error(`${SCHEMA_FILE} is not the OASIS SARIF 2.1.0 schema`)
  }
  return schema
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

let compiled: ValidateFunction | undefined

/**
 * A validator for the schema; `uri`, `uri-reference` and `date-time` formats are checked too. Compiled once
 * per worker (about 0.2 s each time): callers read `errors` right after their own call.
 */
export function sarifValidator(): ValidateFunction {
  if (compiled) return compiled
  const ajv = new Ajv({ allErrors: true, strict: false })
  ajv.addFormat('date-time', RFC3339)
  ajv.addFormat('uri', (v: string) => URL.canParse(v))
  ajv.addFormat('uri-reference', (v: string) => URL.canParse(v, 'file:///base/') && !/\s/.test(v))
  compiled = ajv.compile(sarifSchema())
  return compiled
}
