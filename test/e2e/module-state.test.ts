import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLEARED_MODULE_STATE } from './process-state.js'

/**
 * In-process Action and CLI runs share the product's modules (process-state.ts): that is sound only while
 * no module of src/ keeps state from one run to the next other than what freshProcessState clears. This
 * lists every top-level binding that can change after import: a `let`, or a Map/Set/array that the file
 * mutates (WeakMaps are caches keyed by a run's own objects and die with them).
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

function moduleState(file: string, text: string): string[] {
  const found: string[] = []
  for (const m of text.matchAll(/^(?:export )?let ([A-Za-z_$][\w$]*)/gm)) found.push(`${file} ${m[1]}`)
  const containers = /^(?:export )?const ([A-Za-z_$][\w$]*)(?:: [^=]+)? = (?:new (?:Map|Set)\b|\[)/gm
  for (const m of text.matchAll(containers)) {
    const name = m[1]!
    const mutated = new RegExp(`\\b${name}\\.(?:add|set|delete|clear|push|pop|shift|unshift|splice)\\(`)
    if (mutated.test(text)) found.push(`${file} ${name}`)
  }
  return found
}

describe('module state across in-process runs', () => {
  it('src/ keeps none but what freshProcessState clears', () => {
    const found = sourceFiles('src').flatMap(f =>
      moduleState(f.split(path.sep).join('/'), readFileSync(path.join(ROOT, f), 'utf8'))
    )
    expect(found.sort()).toEqual([...CLEARED_MODULE_STATE].sort())
  })

  it('sees a mutable top-level binding (the check above can fail)', () => {
    const text = [
      'const cache = new Map<string, number>()',
      'export let count = 0',
      'const fixed = new Set([1, 2])',
      'const queue: string[] = []',
      'export function f() { cache.set("a", 1); queue.push("b"); return fixed.has(1) }'
    ].join('\n')
    expect(moduleState('x.ts', text)).toEqual(['x.ts count', 'x.ts cache', 'x.ts queue'])
  })
})
