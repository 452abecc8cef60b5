import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  FIELD_ORDER,
  parseLogLine,
  parseLogTime,
  requestUriParam,
  tokenize
} from '../../src/access-log/log-line.js'

const aws = JSON.parse(readFileSync(new URL('./fixtures/aws-log-lines.json', import.meta.url), 'utf8')) as {
  field_order: string[]
  example_log_lines: string[]
}

describe("the S3 User Guide's example log records", () => {
  it('splits every example into exactly the 26 documented fields', () => {
    expect([...FIELD_ORDER]).toEqual(aws.field_order)
    for (const line of aws.example_log_lines) expect(tokenize(line)).toHaveLength(26)
  })

  it('reads the fields the check uses from the first example', () => {
    const parsed = parseLogLine(aws.example_log_lines[0]!)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.record).toMatchObject({
      bucket: 'DOC-EXAMPLE-BUCKET1',
      time: '2019-02-06T00:00:38.000Z',
      remoteIp: '192.0.2.3',
      requestId: '3E57427F3EXAMPLE',
      operation: 'REST.GET.VERSIONING',
      requestUri: 'GET /DOC-EXAMPLE-BUCKET1?versioning HTTP/1.1',
      httpStatus: 200,
      hostId: 's9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234='
    })
    expect(parsed.record.fields[16]).toBe('S3Console/0.4')
    expect(parsed.record.fields[24]).toBe('arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP')
  })

  it('keeps the error code, a trailing space and the object key of the other examples', () => {
    const [, , policy, , put] = aws.example_log_lines.map(l => parseLogLine(l))
    expect(policy).toMatchObject({ ok: true, record: { httpStatus: 404, errorCode: 'NoSuchBucketPolicy' } })
    expect(put).toMatchObject({
      ok: true,
      record: { operation: 'REST.PUT.OBJECT', requestId: 'DD6CC733AEXAMPLE' }
    })
    if (put?.ok) expect(put.record.fields[7]).toBe('s3-dg.pdf')
  })

  it('ignores fields AWS appends after aclRequired', () => {
    const parsed = parseLogLine(`${aws.example_log_lines[1]!} NewField "another one"`)
    expect(parsed).toMatchObject({ ok: true, record: { requestId: '891CE47D2EXAMPLE' } })
  })
})

describe('hostile lines', () => {
  const good = aws.example_log_lines[1]!

  it('refuses control characters anywhere in the line (a forged line break, a terminal escape)', () => {
    expect(parseLogLine(good.replace('S3Console/0.4', 'S3Console\u001b[31m'))).toEqual({
      ok: false,
      reason: 'control character'
    })
    expect(parseLogLine(good.replace('S3Console/0.4', 'x\r1 b'))).toMatchObject({ ok: false })
  })

  it('refuses an unbalanced quote instead of shifting the fields', () => {
    expect(parseLogLine(good.replace('"S3Console/0.4"', '"S3Console/0.4'))).toMatchObject({ ok: false })
    expect(parseLogLine(good.replace('"-" "S3Console', '"a"b" "S3Console'))).toMatchObject({ ok: false })
  })

  it('refuses fields that do not have their documented shape', () => {
    expect(parseLogLine(good.replace('192.0.2.3', 'not-an-ip!'))).toMatchObject({
      ok: false,
      reason: 'remote ip'
    })
    expect(parseLogLine(good.replace('891CE47D2EXAMPLE', '891ce47d"x'))).toMatchObject({ ok: false })
    expect(
      parseLogLine(good.replace('[06/Feb/2019:00:00:38 +0000]', '[31/Feb/2019:00:00:38 +0000]'))
    ).toMatchObject({ ok: false, reason: 'time' })
    expect(parseLogLine('a b c')).toMatchObject({ ok: false })
  })

  it('reads a 10 MB user agent as one field without trouble', () => {
    const huge = good.replace('S3Console/0.4', 'A'.repeat(10 * 1024 * 1024))
    const parsed = parseLogLine(huge)
    expect(parsed).toMatchObject({ ok: true, record: { requestId: '891CE47D2EXAMPLE' } })
  })
})

describe('fields', () => {
  it('reads the time with an offset and the full month name', () => {
    expect(parseLogTime('06/Feb/2019:09:00:38 +0900')).toBe('2019-02-06T00:00:38.000Z')
    expect(parseLogTime('06/February/2019:00:00:38 +0000')).toBe('2019-02-06T00:00:38.000Z')
    expect(parseLogTime('06/Foo/2019:00:00:38 +0000')).toBeUndefined()
  })

  it('finds a query parameter in the Request-URI', () => {
    expect(requestUriParam('HEAD /b/?x-vpce-proof-probe=run-1-1.ab HTTP/1.1', 'x-vpce-proof-probe')).toBe(
      'run-1-1.ab'
    )
    expect(requestUriParam('HEAD /b/ HTTP/1.1', 'x-vpce-proof-probe')).toBeUndefined()
  })
})
