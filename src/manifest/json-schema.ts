import { z } from 'zod'
import { manifestSchema } from './schema.js'

/** Where the committed schema is published; editors fetch it from here through the yaml-language-server line. */
export const MANIFEST_SCHEMA_ID =
  'https://raw.githubusercontent.com/vpce-proof/vpce-proof/main/schema/manifest.schema.json'

/**
 * The manifest's JSON Schema, for editors and other tools. Draft-07, which every editor integration reads.
 * The loader does not use it: it validates with zod, whose rules the conditional parts here restate.
 */
export function manifestJsonSchema(): Record<string, unknown> {
  const {
    $schema: _draft,
    title,
    description,
    ...generated
  } = z.toJSONSchema(manifestSchema, {
    target: 'draft-07',
    io: 'input'
  })
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: MANIFEST_SCHEMA_ID,
    title,
    description,
    ...generated
  }
}

/** The file's exact text: 2-space JSON and a final newline, so a stale copy shows up in `git diff`. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`
}
