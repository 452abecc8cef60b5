import { isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import type { Document, Node, Pair, YAMLError } from 'yaml'
import type { ManifestProblem } from './errors.js'

export type PathSegment = string | number

/** A parsed manifest with what it takes to point back at its lines. */
export interface YamlSource {
  file: string
  text: string
  doc: Document.Parsed
  lineCounter: LineCounter
}

/** What a path leads to: the node (and its key, in a mapping), or the closest mapping that lacks the key. */
export type Lookup =
  | { found: true; node: Node | null; key?: Node }
  | { found: false; parent: Node | null; missingKey: PathSegment }

export interface Position {
  line: number
  column: number
}

/**
 * Parses YAML (JSON too: it is a subset) keeping every node's position. Syntax problems, duplicate keys and
 * tabs come back as located problems; a file that has any is not worth validating further.
 */
export function parseYaml(text: string, file: string): { source: YamlSource; problems: ManifestProblem[] } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true })
  const source: YamlSource = { file, text, doc, lineCounter }
  // Warnings too: an unresolved tag (`!Ref`) silently turns into a string, which is not what its author meant.
  const problems = [...doc.errors, ...doc.warnings].map(error => yamlProblem(source, error))
  return { source, problems }
}

function yamlProblem(source: YamlSource, error: YAMLError): ManifestProblem {
  const [start] = error.pos
  const { line, column } = positionAt(source, start)
  return {
    file: source.file,
    line,
    column,
    path: formatPath(pathAtOffset(source, start)),
    message: yamlMessage(source, error)
  }
}

function yamlMessage(source: YamlSource, error: YAMLError): string {
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = keyTextAt(source.text, error.pos[0])
      return `duplicate key${key === undefined ? '' : ` \`${key}\``}: a key may appear only once in a mapping`
    }
    case 'TAB_AS_INDENT':
      return 'tab used for indentation; YAML indents with spaces only'
    default: {
      // The library's message repeats the position and quotes the source over several lines; the first is enough.
      const firstLine = error.message.split('\n')[0] ?? error.message
      return `invalid YAML: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`
    }
  }
}

function keyTextAt(text: string, offset: number): string | undefined {
  const match = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:#\n]+?)\s*:/.exec(text.slice(offset))
  const raw = match?.[1]
  if (raw === undefined) return undefined
  return raw.startsWith('"') || raw.startsWith("'") ? raw.slice(1, -1) : raw
}

export function positionAt(source: YamlSource, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(offset)
  return { line, column: col }
}

/** Where a node starts; an absent node (an empty document) is the start of the file. */
export function nodePosition(source: YamlSource, node: Node | null | undefined): Position {
  const offset = node?.range?.[0]
  return offset === undefined ? { line: 1, column: 1 } : positionAt(source, offset)
}

/** Follows a validation path (`['vpcs', 0, 'id']`) through the document. */
export function lookup(source: YamlSource, path: readonly PathSegment[]): Lookup {
  let node: Node | null = source.doc.contents
  let key: Node | undefined
  for (const segment of path) {
    const container = resolve(source, node)
    if (typeof segment === 'number' && isSeq(container)) {
      const item = container.items[segment]
      if (item === undefined) return { found: false, parent: container, missingKey: segment }
      node = item as Node
      key = undefined
      continue
    }
    const pair = isMap(container) ? findPair(container.items, segment) : undefined
    if (pair === undefined) return { found: false, parent: container, missingKey: segment }
    node = (pair.value as Node | null) ?? null
    key = pair.key as Node
  }
  return key === undefined ? { found: true, node } : { found: true, node, key }
}

function findPair(pairs: readonly Pair[], segment: PathSegment): Pair | undefined {
  return pairs.find(pair => isScalar(pair.key) && String(pair.key.value) === String(segment))
}

function resolve(source: YamlSource, node: Node | null): Node | null {
  return isAlias(node) ? ((node.resolve(source.doc) as Node | undefined) ?? null) : node
}

/** The path of the deepest node containing an offset, so even a syntax error can say where in the manifest. */
export function pathAtOffset(source: YamlSource, offset: number): PathSegment[] {
  const path: PathSegment[] = []
  let node: Node | null = source.doc.contents
  for (;;) {
    if (isMap(node)) {
      // A pair spans from its key to the end of its value, so a tag or anchor between them still counts.
      const pair = node.items.find(item => within(offset, start(item.key), end(item.value) ?? end(item.key)))
      if (pair === undefined || !isScalar(pair.key)) return path
      path.push(String(pair.key.value))
      const value = pair.value as Node | null
      if (!within(offset, start(value), end(value))) return path
      node = value
    } else if (isSeq(node)) {
      const index = node.items.findIndex(item => within(offset, start(item), end(item)))
      if (index < 0) return path
      path.push(index)
      node = node.items[index] as Node | null
    } else {
      return path
    }
  }
}

function start(node: unknown): number | undefined {
  return rangeOf(node)?.[0]
}

function end(node: unknown): number | undefined {
  const range = rangeOf(node)
  return range === undefined ? undefined : Math.max(range[1], range[0] + 1)
}

function rangeOf(node: unknown): readonly [number, number, number] | undefined {
  if (!isScalar(node) && !isCollection(node) && !isAlias(node)) return undefined
  return node.range ?? undefined
}

function within(offset: number, from: number | undefined, to: number | undefined): boolean {
  return from !== undefined && to !== undefined && from <= offset && offset < to
}

/**
 * A problem placed on the node a path leads to: on its value, or on its key when the key itself is the problem;
 * a missing key is placed on the mapping that lacks it.
 */
export function problemAt(
  source: YamlSource,
  path: readonly PathSegment[],
  message: string,
  at: 'key' | 'value' = 'value'
): ManifestProblem {
  const found = lookup(source, path)
  const node = !found.found
    ? found.parent
    : at === 'key'
      ? (found.key ?? found.node)
      : (found.node ?? found.key)
  return { file: source.file, ...nodePosition(source, node), path: formatPath(path), message }
}

/** `vpcs[0].endpoints[1].private-dns` */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : text === '' ? segment : `${text}.${segment}`,
    ''
  )
}
