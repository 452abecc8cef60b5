import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isUserError } from '../../src/core/errors.js'
import { ManifestError } from '../../src/manifest/errors.js'
import { loadManifest } from '../../src/manifest/load.js'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vpce-proof-manifest-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('loadManifest', () => {
  it('reads the example manifests from disk', async () => {
    const examples = new URL('../../examples/', import.meta.url)
    const yaml = await loadManifest(new URL('vpc-endpoints.yml', examples).pathname, {
      displayPath: 'examples/vpc-endpoints.yml'
    })
    const json = await loadManifest(new URL('vpc-endpoints.json', examples).pathname)
    expect(yaml.file).toBe('examples/vpc-endpoints.yml')
    expect(yaml.vpcs[0]?.endpoints[0]?.location.file).toBe('examples/vpc-endpoints.yml')
    expect(yaml.vpcs.map(vpc => vpc.endpoints.length)).toEqual(json.vpcs.map(vpc => vpc.endpoints.length))
  })

  it('names the manifest by its display path in problems', async () => {
    const file = join(dir, 'bad.yml')
    await writeFile(file, 'version: 1\nvpcs: []\n')
    const error = await loadManifest(file, { displayPath: '.github/vpc-endpoints.yml' }).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ManifestError)
    expect((error as ManifestError).message).toBe('1 problem in .github/vpc-endpoints.yml')
    expect((error as ManifestError).details[0]).toMatch(/^\.github\/vpc-endpoints\.yml:2:7: vpcs: /)
  })

  it('uses the default region it is given', async () => {
    const file = join(dir, 'no-region.yml')
    await writeFile(file, 'version: 1\nvpcs:\n  - id: vpc-01234567\n    endpoints: [{ service: sns }]\n')
    const manifest = await loadManifest(file, { defaultRegion: 'sa-east-1' })
    expect(manifest.vpcs[0]?.endpoints[0]?.serviceName).toBe('com.amazonaws.sa-east-1.sns')
  })

  it('says plainly when the file is missing', async () => {
    const error = await loadManifest(join(dir, 'nope.yml'), { displayPath: 'nope.yml' }).catch(
      (e: unknown) => e
    )
    expect(isUserError(error)).toBe(true)
    expect((error as Error).message).toBe('manifest file not found: nope.yml')
  })

  it('says plainly when the path is a directory', async () => {
    const error = await loadManifest(dir, { displayPath: 'somewhere' }).catch((e: unknown) => e)
    expect(isUserError(error)).toBe(true)
    expect((error as Error).message).toContain('is a directory')
  })
})
