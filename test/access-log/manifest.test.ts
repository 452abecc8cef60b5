import { readFile } from 'node:fs/promises'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src/manifest/load.js'
import { grantedActions, leastPrivilegePolicy, needsOf } from '../../src/iam/least-privilege.js'
import { lines, problemsOf } from '../manifest/helpers.js'

const head = [
  'version: 1',
  'region: ap-northeast-1',
  'vpcs:',
  '  - id: vpc-0123456789abcdef0',
  '    endpoints:'
]
const s3 = (...accessLog: string[]) =>
  lines(...head, '      - service: s3', '        type: Gateway', '        access-log:', ...accessLog)

describe('manifest access-log', () => {
  it('is read into the declaration with its defaults', () => {
    const m = parseManifest(s3('          bucket: probe-bucket', '          log-bucket: log-bucket'), 'm.yml')
    expect(m.vpcs[0]!.endpoints[0]!.accessLog).toEqual({
      bucket: 'probe-bucket',
      logBucket: 'log-bucket',
      logPrefix: '',
      keyFormat: 'simple'
    })
  })

  it('names file, line and field of a bad value', () => {
    const problems = problemsOf(
      s3('          bucket: Not_A_Bucket', '          log-bucket: log-bucket', '          key-format: daily')
    )
    expect(problems.map(p => [p.line, p.message])).toEqual([
      [9, expect.stringContaining("an S3 bucket name (3 to 63 of a-z, 0-9, '.', '-')")],
      [11, expect.stringContaining('expected simple or partitioned')]
    ])
  })

  it('requires log-bucket and refuses unknown keys', () => {
    const problems = problemsOf(s3('          bucket: probe-bucket', '          log-bucket-name: x'))
    expect(problems.map(p => p.message).join('\n')).toMatch(/log-bucket/)
  })

  it('applies to S3 endpoints only', () => {
    const problems = problemsOf(
      lines(
        ...head,
        '      - service: sns',
        '        access-log:',
        '          bucket: a-bucket',
        '          log-bucket: b-bucket'
      )
    )
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({
      line: 7,
      message: expect.stringContaining('applies to S3 endpoints only')
    })
  })

  it('the JSON Schema agrees with the loader', async () => {
    const schema: unknown = JSON.parse(
      await readFile(new URL('../../schema/manifest.schema.json', import.meta.url), 'utf8')
    )
    const validate = new Ajv({ strict: true, strictRequired: false, allErrors: true }).compile(
      schema as object
    )
    const doc = (endpoint: object) => ({
      version: 1,
      region: 'eu-west-1',
      vpcs: [{ id: 'vpc-01234567', endpoints: [endpoint] }]
    })
    const log = { bucket: 'probe-bucket', 'log-bucket': 'log-bucket' }
    expect(validate(doc({ service: 's3', type: 'Interface', 'access-log': log }))).toBe(true)
    expect(validate(doc({ service: 'sns', 'access-log': log }))).toBe(false)
    expect(validate(doc({ service: 's3', type: 'Gateway', 'access-log': { bucket: 'probe-bucket' } }))).toBe(
      false
    )
  })
})

describe('iam-policy with access-log', () => {
  it('adds the S3 reads, scoped to the buckets, only when access-log is declared and evidence is on', () => {
    const withLog = parseManifest(
      s3('          bucket: probe-bucket', '          log-bucket: log-bucket', '          log-prefix: logs/'),
      'm.yml'
    )
    const policy = leastPrivilegePolicy(needsOf(withLog, true))
    expect(policy.Statement.filter(s => s.Sid.startsWith('VpceProofAccessLog'))).toEqual([
      expect.objectContaining({
        Action: 's3:ListBucket',
        Resource: ['arn:aws:s3:::probe-bucket', 'arn:aws:s3:::log-bucket']
      }),
      expect.objectContaining({ Action: 's3:GetObject', Resource: ['arn:aws:s3:::log-bucket/logs/*'] })
    ])
    expect(grantedActions(leastPrivilegePolicy(needsOf(withLog, false)))).not.toContain('s3:GetObject')
    const without = parseManifest(lines(...head, '      - service: s3', '        type: Gateway'), 'm.yml')
    const actions = grantedActions(leastPrivilegePolicy(needsOf(without, true)))
    expect(actions).not.toContain('s3:GetObject')
    expect(actions).not.toContain('s3:ListBucket')
  })
})
