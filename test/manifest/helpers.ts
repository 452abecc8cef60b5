import { ManifestError } from '../../src/manifest/errors.js'
import type { ManifestProblem } from '../../src/manifest/errors.js'
import { parseManifest } from '../../src/manifest/load.js'
import type { ParseOptions } from '../../src/manifest/load.js'

export const FILE = '.github/vpc-endpoints.yml'

/** The error parseManifest throws for `text`; fails the test when it throws nothing or something else. */
export function manifestError(text: string, opts: ParseOptions = {}): ManifestError {
  try {
    parseManifest(text, FILE, opts)
  } catch (error) {
    if (error instanceof ManifestError) return error
    throw error
  }
  throw new Error('expected the manifest to be rejected, but it was accepted')
}

export function problemsOf(text: string, opts: ParseOptions = {}): readonly ManifestProblem[] {
  return manifestError(text, opts).problems
}

/** Joins lines, so a manifest in a test reads as it would in the file, line numbers included. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`
}

/**
 * A manifest with one VPC in ap-northeast-1 whose `endpoints:` list is `endpointLines`; they start on
 * line 6, so a case shows only what is wrong with it.
 */
export function oneVpcWithEndpoints(...endpointLines: string[]): string {
  return lines(
    'version: 1',
    'region: ap-northeast-1',
    'vpcs:',
    '  - id: vpc-0123456789abcdef0',
    '    endpoints:',
    ...endpointLines
  )
}
