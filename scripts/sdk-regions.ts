import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** `@aws-sdk/core`'s partition table (the data behind its `partition()`), as it ships in the package. */
const PARTITIONS = 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'

interface PartitionsInfo {
  partitions: { id: string; regions: Record<string, unknown> }[]
}

/** The region names of every partition, sorted; the `aws-global`-style pseudo regions left out. */
export async function sdkRegions(): Promise<string[]> {
  const root = dirname(createRequire(import.meta.url).resolve('@aws-sdk/core/package.json'))
  const text = await readFile(join(root, PARTITIONS), 'utf8')
  const literal = text.replace(/^\s*export const partitionsInfo\s*=\s*/, '').replace(/;\s*$/, '')
  const info = JSON.parse(literal) as PartitionsInfo
  return info.partitions
    .flatMap(p => Object.keys(p.regions))
    .filter(region => /-\d+$/.test(region))
    .sort()
}
