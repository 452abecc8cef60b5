/**
 * Runs the simulated AWS until SIGTERM/SIGINT:
 *   npx tsx sim/cli.ts --scenario <module.ts | file.json | folder | healthy | bypass> [--port N]
 * Prints `AWS_ENDPOINT_URL=http://127.0.0.1:PORT` on one line once it listens (loopback only).
 * A module exports the scenario (or a function returning it) as `default` or `scenario`.
 */
import { existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { SimScenario } from './scenario.js'
import { startSimulatedAws } from './server.js'

const NAMED_DIR = join(dirname(fileURLToPath(import.meta.url)), 'scenarios')

/** A file; a folder holding `scenario.ts` or `scenario.json` (`--scenario demo`); or a name in sim/scenarios/. */
function scenarioPath(spec: string): string | undefined {
  if (existsSync(spec) && statSync(spec).isDirectory()) {
    return ['scenario.ts', 'scenario.json'].map(f => resolve(spec, f)).find(f => existsSync(f))
  }
  if (existsSync(spec)) return resolve(spec)
  const named = join(NAMED_DIR, `${spec}.ts`)
  return existsSync(named) ? named : undefined
}

async function loadScenario(spec: string): Promise<SimScenario> {
  const path = scenarioPath(spec)
  if (!path) throw new Error(`no scenario file, folder with scenario.ts or named scenario '${spec}'`)
  if (path.endsWith('.json')) return JSON.parse(await readFile(path, 'utf8')) as SimScenario
  const mod = (await import(pathToFileURL(path).href)) as { default?: unknown; scenario?: unknown }
  const exported = mod.default ?? mod.scenario
  const value = typeof exported === 'function' ? await (exported as () => unknown)() : exported
  if (typeof value !== 'object' || value === null || !Array.isArray((value as SimScenario).vpcs)) {
    throw new Error(`${path} does not export a scenario (default or 'scenario')`)
  }
  return value as SimScenario
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scenario: { type: 'string' }, port: { type: 'string' } } })
  if (!values.scenario) throw new Error('usage: sim/cli.ts --scenario <module-or-json-file> [--port N]')
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`)
  const sim = await startSimulatedAws(await loadScenario(values.scenario), { port })
  process.stdout.write(`AWS_ENDPOINT_URL=${sim.url}\n`)
  const stop = () => {
    void sim.close().then(() => process.exit(0))
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch((e: unknown) => {
  process.stderr.write(`simulated AWS: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(2)
})
