import { z } from 'zod'
import { isAlias, isMap, isScalar, isSeq } from 'yaml'
import type { Node } from 'yaml'
import { didYouMean } from './did-you-mean.js'
import type { ManifestProblem } from './errors.js'
import { caseCorrection } from './known-values.js'
import type { IssueParams } from './schema.js'
import { lookup, problemAt } from './yaml-source.js'
import type { PathSegment, YamlSource } from './yaml-source.js'

/**
 * Turns zod's issues into problems a person can act on: each is placed on the YAML node it is about (a missing
 * key on the mapping that lacks it, an unknown key on the key itself), says what was expected, what was found,
 * and, for a near miss, what was probably meant.
 */
export function problemsFromIssues(
  source: YamlSource,
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[]
): ManifestProblem[] {
  return issues.flatMap(issue => {
    const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol')
    if (issue.code === 'unrecognized_keys') return unknownKeyProblems(source, schema, path, issue.keys)
    return [locatedProblem(source, path, issue)]
  })
}

/** Messages for issues whose schema carries no message of its own; they say what was expected. */
export function genericExpectation(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NOUNS[issue.expected] ?? issue.expected}`
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${formatValue(issue.values[0])}`
        : `expected one of ${issue.values.map(formatValue).join(', ')}`
    case 'too_small':
      return `expected at least ${issue.minimum} ${issue.origin === 'array' ? 'item(s)' : 'character(s)'}`
    case 'too_big':
      return `expected at most ${issue.maximum} ${issue.origin === 'array' ? 'item(s)' : 'character(s)'}`
    case 'invalid_format':
      return issue.pattern === undefined
        ? `expected a valid ${issue.format}`
        : `expected a match for ${issue.pattern}`
    default:
      return 'expected something else'
  }
}

const TYPE_NOUNS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list'
}

function locatedProblem(source: YamlSource, path: PathSegment[], issue: z.core.$ZodIssue): ManifestProblem {
  const found = lookup(source, path)
  if (issue.code === 'custom') {
    const at = (issue.params as IssueParams | undefined)?.at ?? 'value'
    return problemAt(source, path, issue.message, at)
  }
  if (!found.found) return problemAt(source, path, `missing required key \`${String(found.missingKey)}\``)
  const node = resolveAlias(source, found.node)
  if (path.length === 0 && (node === null || (isScalar(node) && node.value === null))) {
    return {
      ...problemAt(source, path, 'the manifest is empty; it needs at least `version: 1` and `vpcs`'),
      line: 1,
      column: 1
    }
  }
  return problemAt(source, path, `${issue.message}, got ${describeNode(node)}${hintFor(issue, node, path)}`)
}

function unknownKeyProblems(
  source: YamlSource,
  schema: z.ZodType,
  path: PathSegment[],
  keys: readonly string[]
): ManifestProblem[] {
  const allowed = objectKeysAt(schema, path) ?? []
  return keys.map(key => {
    const suggestion = didYouMean(key, allowed)
    const advice =
      suggestion !== undefined
        ? ` (did you mean \`${suggestion}\`?)`
        : allowed.length > 0
          ? `; expected one of ${allowed.join(', ')}`
          : ''
    return problemAt(source, [...path, key], `unknown key \`${key}\`${advice}`, 'key')
  })
}

/** The keys an object schema allows at a path, for did-you-mean; follows arrays and optional wrappers. */
function objectKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] | undefined {
  let current: unknown = schema
  for (const segment of path) {
    current = unwrap(current)
    if (typeof segment === 'number' && current instanceof z.ZodArray) current = current.element
    else if (typeof segment === 'string' && current instanceof z.ZodObject) current = current.shape[segment]
    else return undefined
  }
  current = unwrap(current)
  return current instanceof z.ZodObject ? Object.keys(current.shape) : undefined
}

function unwrap(schema: unknown): unknown {
  let current = schema
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodDefault ||
    current instanceof z.ZodNullable
  ) {
    current = current.unwrap()
  }
  return current
}

function hintFor(issue: z.core.$ZodIssue, node: Node | null, path: readonly PathSegment[]): string {
  // YAML reads bare digits and true/false as numbers and booleans; an id or account needs quotes to stay text.
  if (
    issue.code === 'invalid_type' &&
    issue.expected === 'string' &&
    isScalar(node) &&
    typeof node.value === 'number'
  ) {
    return `; put it in quotes: "${node.source ?? String(node.value)}"`
  }
  if (issue.code === 'invalid_value' && isScalar(node) && typeof node.value === 'string') {
    const candidates = issue.values.filter((value): value is string => typeof value === 'string')
    const suggestion = didYouMean(node.value, candidates)
    if (suggestion !== undefined) return ` (did you mean \`${suggestion}\`?)`
  }
  const field = path[path.length - 1]
  if (
    issue.code === 'invalid_format' &&
    typeof field === 'string' &&
    isScalar(node) &&
    typeof node.value === 'string'
  ) {
    const corrected = caseCorrection(field, node.value)
    if (corrected !== undefined) return ` (mind the letter case: did you mean \`${corrected}\`?)`
  }
  return ''
}

function describeNode(node: Node | null): string {
  if (node === null) return 'nothing'
  if (isMap(node)) return node.items.length === 0 ? 'an empty mapping' : 'a mapping'
  if (isSeq(node)) return node.items.length === 0 ? 'an empty list' : 'a list'
  if (!isScalar(node)) return 'something else'
  const { value } = node
  if (value === null) return 'an empty value'
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)
  if (typeof value === 'number' || typeof value === 'bigint')
    return `the number ${node.source ?? String(value)}`
  if (typeof value === 'boolean') return String(value)
  return String(value)
}

function resolveAlias(source: YamlSource, node: Node | null): Node | null {
  return isAlias(node) ? ((node.resolve(source.doc) as Node | undefined) ?? null) : node
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}
