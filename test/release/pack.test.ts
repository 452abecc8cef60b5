import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { VERSION } from '../../src/core/version.js'
import { runProcess, type ProcessRun } from '../e2e/run-cli.js'

/**
 * The CLI as a user gets it from a release: `npm pack` of this project, installed into an empty directory
 * with npm's offline mode (no registry, no network: the package has no dependencies to fetch), then run by
 * its installed `vpce-proof` command, against the simulated AWS. Uses the committed dist/ (bundle first).
 */
const ROOT = path.resolve(import.meta.dirname, '../..')
// npm's own script when the tests run under `npm test`, else where Node's installers put it beside node.
const NPM_CLI =
  process.env.npm_execpath ??
  path.join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js')

type Run = ProcessRun

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return runProcess(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env }
  })
}

const npm = (args: string[], cwd: string) => run(process.execPath, [NPM_CLI, ...args], cwd)

let dir: string
let files: string[]
let bin: string
let sim: SimulatedAws

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-pack-'))
  const packed = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT)
  expect(packed.code, packed.stderr).toBe(0)
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[]
  files = info!.files.map(f => f.path).sort()
  await writeFile(path.join(dir, 'package.json'), '{"private":true}\n')
  const installed = await npm(
    ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', path.join(dir, info!.filename)],
    dir
  )
  expect(installed.code, installed.stderr).toBe(0)
  bin = path.join(dir, 'node_modules/.bin/vpce-proof')
  sim = await startSimulatedAws(structuredClone(demoScenario))
}, 120_000)

afterAll(async () => {
  await sim?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('the packed CLI', () => {
  it('holds the bundle, its licences and the docs, and nothing stray', () => {
    // ncc puts a lazily imported module (the opt-in CloudWatch client) in a numbered chunk beside index.js.
    const chunks = files.filter(f => /^dist\/cli\/\d+\.index\.js$/.test(f))
    expect(chunks.length).toBeLessThanOrEqual(1)
    expect(files.filter(f => !chunks.includes(f))).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin/vpce-proof.js',
      'dist/cli/index.js',
      'dist/cli/licenses.txt',
      'dist/cli/package.json',
      'package.json'
    ])
  })

  it('installs with nothing else: no dependencies to fetch', async () => {
    expect(await readdir(path.join(dir, 'node_modules'))).toEqual([
      '.bin',
      '.package-lock.json',
      'vpce-proof'
    ])
  })

  it('prints its version, the one in package.json', async () => {
    const version = await run(bin, ['--version'], dir)
    const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string
    }
    expect(VERSION).toBe(manifest.version)
    expect(version).toMatchObject({ code: 0, stdout: `${manifest.version}\n`, stderr: '' })
  })

  it('checks the demo manifest against the simulated AWS, with no AWS SDK Node notice', async () => {
    const check = await run(bin, ['check', '--manifest', path.join(ROOT, 'demo/vpc-endpoints.yml')], dir, {
      AWS_ENDPOINT_URL: sim.url,
      AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_EC2_METADATA_DISABLED: 'true'
    })
    expect(check.code, check.stderr).toBe(1)
    expect(check.stdout).toMatch(/vpc-endpoints\.yml:14:9: FAIL +private-dns-enabled \[kms\]/)
    // Passes are counted on one line; failures are listed first.
    expect(check.stdout).toMatch(/\n\d+ passed \(--verbose lists them\)\n/)
    expect(check.stderr).not.toContain('NodeVersionSupportWarning')
    expect(check.stderr).not.toMatch(/\(node:\d+\) Warning/)
  })
})
