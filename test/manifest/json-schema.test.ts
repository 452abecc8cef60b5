import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { manifestJsonSchema, manifestJsonSchemaText } from '../../src/manifest/json-schema.js'
import { parseManifest } from '../../src/manifest/load.js'

const root = new URL('../../', import.meta.url)
const read = (path: string) => readFile(new URL(path, root), 'utf8')

async function compiledSchema() {
  const schema: unknown = JSON.parse(await read('schema/manifest.schema.json'))
  // strictRequired would forbid `not: { required: [...] }`, the usual way to say "this key is not allowed here".
  const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true })
  return ajv.compile(schema as object)
}

const valid = { version: 1, region: 'eu-west-1', vpcs: [{ id: 'vpc-01234567', endpoints: [] as object[] }] }
const withEndpoint = (endpoint: object) => ({ ...valid, vpcs: [{ ...valid.vpcs[0], endpoints: [endpoint] }] })

/** Manifests the loader rejects; the JSON Schema, which editors use, must reject them as well. */
const invalid: Record<string, unknown> = {
  'wrong version': { ...valid, version: 2 },
  'no VPCs': { ...valid, vpcs: [] },
  'bad VPC id': { ...valid, vpcs: [{ id: 'vpc-123', endpoints: [] }] },
  'account as a number': { ...valid, vpcs: [{ ...valid.vpcs[0], account: 123456789012 }] },
  'unknown key': { ...valid, regoin: 'eu-west-1' },
  'bad type': withEndpoint({ service: 'sns', type: 'Interfase' }),
  'private-dns on a Gateway': withEndpoint({ service: 's3', type: 'Gateway', 'private-dns': true }),
  'route-tables on an Interface': withEndpoint({ service: 'sns', 'route-tables': ['rtb-01234567'] }),
  's3 without a type': withEndpoint({ service: 's3' }),
  'Gateway for sns': withEndpoint({ service: 'sns', type: 'Gateway' }),
  'bad probe': withEndpoint({ service: 'sns', probe: 'ListTopics' }),
  'probe: true': withEndpoint({ service: 'sns', probe: true }),
  'a subnet twice': withEndpoint({ service: 'sns', subnets: ['subnet-01234567', 'subnet-01234567'] })
}

describe('the JSON Schema', () => {
  it('is committed as the schema emits it (run `npx tsx scripts/emit-schema.ts`)', async () => {
    expect(await read('schema/manifest.schema.json')).toBe(manifestJsonSchemaText())
  })

  it('names itself and its draft for editors', () => {
    expect(manifestJsonSchema()).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: expect.stringMatching(/^https:\/\/.+\/schema\/manifest\.schema\.json$/),
      title: 'vpce-proof manifest'
    })
  })

  it('describes every field', () => {
    const undescribed: string[] = []
    const visit = (schema: unknown, path: string): void => {
      if (typeof schema !== 'object' || schema === null) return
      const node = schema as { properties?: Record<string, unknown>; items?: unknown }
      for (const [key, property] of Object.entries(node.properties ?? {})) {
        if (typeof (property as { description?: unknown }).description !== 'string')
          undescribed.push(`${path}.${key}`)
        visit(property, `${path}.${key}`)
      }
      visit(node.items, `${path}[]`)
    }
    visit(manifestJsonSchema(), '')
    expect(undescribed).toEqual([])
  })

  it('accepts the example manifests, YAML and JSON', async () => {
    const validate = await compiledSchema()
    for (const document of [
      parseYaml(await read('examples/vpc-endpoints.yml')) as unknown,
      JSON.parse(await read('examples/vpc-endpoints.json')) as unknown
    ]) {
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true)
    }
  })

  it.each(Object.entries(invalid))(
    'rejects a manifest with %s, as the loader does',
    async (_name, document) => {
      const validate = await compiledSchema()
      expect(validate(document)).toBe(false)
      expect(() => parseManifest(JSON.stringify(document), 'm.json')).toThrow(/problem/)
    }
  )

  it('agrees with the loader on a minimal valid manifest', async () => {
    const validate = await compiledSchema()
    const document = withEndpoint({ service: 's3', type: 'Gateway', 'route-tables': ['rtb-01234567'] })
    expect(validate(document)).toBe(true)
    expect(parseManifest(JSON.stringify(document), 'm.json').vpcs).toHaveLength(1)
  })
})

describe('scripts/emit-schema.ts --check', () => {
  it('passes while the committed file is current', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/emit-schema.ts', '--check'],
      { cwd: new URL('.', root).pathname }
    )
    expect(stdout).toContain('schema/manifest.schema.json is up to date')
  })
})
