import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { validateXML } from 'xmllint-wasm'

const XSD = readFileSync(path.join(import.meta.dirname, 'schemas/junit-4.xsd'), 'utf8')

/** Validates with libxml2 (compiled to wasm, no native build) against the kept JUnit schema; returns its errors. */
export async function junitErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit-4.xsd', contents: XSD }]
  })
  return result.errors.map(e => e.rawMessage)
}
