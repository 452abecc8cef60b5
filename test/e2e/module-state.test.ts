import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLEARED_MODULE_STATE } from './process-state.js'

/**
 * In-process Action and CLI runs share the product's modules (process-state.ts): that is sound only while
 * no module of src/ keeps state from one run to the next other than what freshProcessState clears. This
 * lists every top-level binding that can change after import: a `let`, or a `const` holding an object, an
 * array or a `new` container that any file of src/ mutates (a method like `.set(`/`.push(`, an assignment
 * to a property or an element, `++`/`--`, `delete`, `Object.assign`). WeakMaps and WeakSets are caches
 * keyed by a run's own objects and die with them. A heuristic over the text, not a type check: a name it
 * flags wrongly can be renamed; one it misses is a bug to mend here.
 */
const ROOT = path.resolve(import.meta.dirname, '../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap(e =>
    e.isDirectory()
      ? sourceFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : []
  )
}

const CONTAINER =
  /^(?:export )?const ([A-Za-z_$][\w$]*)(?:: [^=]+)? = (?:\{|\[|new (?!Weak(?:Map|Set)\b|RegExp\b|Error\b)[A-Z])/gm

function mutates(name: string, text: string): boolean {
  const n = name.replace(/\$/g, '\\$')
  return [
    `\\b${n}\\.(?:add|set|delete|clear|push|pop|shift|unshift|splice|sort|reverse|fill)\\(`,
    `(?<![\\w$.])${n}(?:\\.[\\w$]+|\\[[^\\]]*\\])+\\s*(?:[-+*/%&|^]?=(?!=)|\\+\\+|--)`,
    `(?:\\+\\+|--)\\s*${n}(?:\\.|\\[)`,
    `\\bdelete\\s+${n}(?:\\.|\\[)`,
    `Object\\.assign\\(\\s*${n}\\b`
  ].some(p => new RegExp(p).test(text))
}

/** The file that defines `name` and every file that imports it by that name. */
function filesSeeing(name: string, file: string, files: Record<string, string>): string {
  const imports = new RegExp(
    `import\\s*(?:type\\s*)?\\{[^}]*\\b${name.replace(/\$/g, '\\$')}\\b[^}]*\\}\\s*from`
  )
  return Object.entries(files)
    .filter(([f, text]) => f === file || imports.test(text))
    .map(([, text]) => text)
    .join('\n')
}

/** `files`: path → text. The state it finds, as "path name". */
function moduleState(files: Record<string, string>): string[] {
  const found: string[] = []
  for (const [file, text] of Object.entries(files)) {
    for (const m of text.matchAll(/^(?:export )?let ([A-Za-z_$][\w$]*)/gm)) found.push(`${file} ${m[1]}`)
    for (const m of text.matchAll(CONTAINER))
      if (mutates(m[1]!, filesSeeing(m[1]!, file, files))) found.push(`${file} ${m[1]}`)
  }
  return found
}

describe('module state across in-process runs', () => {
  it('src/ keeps none but what freshProcessState clears', () => {
    const files = Object.fromEntries(
      sourceFiles('src').map(f => [f.split(path.sep).join('/'), readFileSync(path.join(ROOT, f), 'utf8')])
    )
    expect(moduleState(files).sort()).toEqual([...CLEARED_MODULE_STATE].sort())
  })

  it('sees each form of mutable top-level state (the check above can fail)', () => {
    const a = [
      'const cache = new Map<string, number>()',
      'export let count = 0',
      'const fixed = new Set([1, 2])',
      'const queue: string[] = []',
      'const seen: Record<string, number> = {}',
      'const counter = { n: 0 }',
      'export const shared = new Set<string>()',
      'const weak = new WeakMap<object, number>()',
      'const pattern = new RegExp("x")',
      'export function f(v: string) { cache.set(v, 1); queue.push(v); seen[v] = 1; ++counter.n; weak.set({}, 1); return fixed.has(1) }'
    ].join('\n')
    const b = 'import { shared } from "./a.js"\nexport function g() { shared.add("x") }'
    // Another file's local of the same name is not a.ts's state.
    const c = 'export function h() { const fixed = new Set<number>(); fixed.add(1); return fixed }'
    expect(moduleState({ 'a.ts': a, 'b.ts': b, 'c.ts': c }).sort()).toEqual(
      ['a.ts cache', 'a.ts count', 'a.ts counter', 'a.ts queue', 'a.ts seen', 'a.ts shared'].sort()
    )
  })
})
