/**
 * Writes schema/manifest.schema.json from the zod schema in src/manifest/schema.ts.
 *   npx tsx scripts/emit-schema.ts          write it
 *   npx tsx scripts/emit-schema.ts --check  exit 1 if the committed file is not what the schema gives
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { manifestJsonSchemaText } from '../src/manifest/json-schema.js'

const target = fileURLToPath(new URL('../schema/manifest.schema.json', import.meta.url))
const displayName = 'schema/manifest.schema.json'

async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter(arg => arg !== '--check')
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown.join(' ')}; usage: emit-schema.ts [--check]`)
    return 2
  }
  const expected = manifestJsonSchemaText()
  if (args.includes('--check')) {
    const committed = await readFile(target, 'utf8').catch(() => undefined)
    if (committed === expected) {
      console.log(`${displayName} is up to date`)
      return 0
    }
    console.error(
      `${displayName} is ${committed === undefined ? 'missing' : 'out of date'}: ` +
        'run `npx tsx scripts/emit-schema.ts` (or `npm run schema`) and commit the result'
    )
    return 1
  }
  await writeFile(target, expected)
  console.log(`wrote ${displayName}`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
