import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { runInNewContext } from 'node:vm'
import { Ajv, type ValidateFunction } from 'ajv'

/**
 * The OASIS SARIF 2.1.0 JSON schema ("sarif-schema-2.1.0.json", draft-07). No npm package ships it as
 * a file; `@datadog/datadog-ci-plugin-sarif` (pinned, dev only) bundles it as an object literal to
 * validate uploads, between `var sarif_schema_2_1_0_default = {` and the closing `};`. It is read from
 * there as data (evaluated in an empty context, not imported), and checked to be that schema.
 */

const require = createRequire(import.meta.url)
const MARKER = 'var sarif_schema_2_1_0_default = {'

export function sarifSchema(): Record<string, unknown> {
  const bundle = readFileSync(require.resolve('@datadog/datadog-ci-plugin-sarif'), 'utf8')
  const start = bundle.indexOf(MARKER)
  if (start < 0)
    throw new Error('SARIF schema not found in @datadog/datadog-ci-plugin-sarif (version changed?)')
  const open = start + MARKER.length - 1
  const end = bundle.indexOf('\n};\n', open)
  const schema = runInNewContext(`(${bundle.slice(open, end + 2)})`, Object.create(null)) as Record<
    string,
    unknown
  >
  if (
    schema['$id'] !==
      'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json' ||
    schema['$schema'] !== 'http://json-schema.org/draft-07/schema#'
  ) {
    throw new Error('the bundled object is not the SARIF 2.1.0 schema')
  }
  return schema
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

/** A validator for the schema; `uri`, `uri-reference` and `date-time` formats are checked too. */
export function sarifValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false })
  ajv.addFormat('date-time', RFC3339)
  ajv.addFormat('uri', (v: string) => URL.canParse(v))
  ajv.addFormat('uri-reference', (v: string) => URL.canParse(v, 'file:///base/') && !/\s/.test(v))
  return ajv.compile(sarifSchema())
}
