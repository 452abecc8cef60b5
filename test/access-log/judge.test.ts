import { describe, expect, it } from 'vitest'
import { judgeAccessLog, type AccessLogJudgement } from '../../src/access-log/judge.js'
import type { AccessLogRecord } from '../../src/access-log/log-line.js'
import type { AccessLogProbe } from '../../src/access-log/ledger-entry.js'

/** The judgement as a table: facts in, verdict out (the simulator tests cover the reads). */
const link = {
  vpcId: 'vpc-0123456789abcdef0',
  region: 'ap-northeast-1',
  service: 's3',
  serviceName: 'com.amazonaws.ap-northeast-1.s3',
  type: 'Gateway' as const,
  privateDns: false,
  location: { file: 'm.yml', line: 7, column: 9 }
}
const declaration = {
  bucket: 'probe-bucket',
  logBucket: 'log-bucket',
  logPrefix: 'logs/',
  keyFormat: 'simple' as const
}
const probe: AccessLogProbe = {
  link,
  bucket: 'probe-bucket',
  logBucket: 'log-bucket',
  logPrefix: 'logs/',
  marker: 'run-7001-1.0123456789abcdef',
  sentAt: '2026-12-03T10:00:00.000Z',
  durationMs: 40,
  httpStatus: 200,
  requestId: '3E57427F33A59F07',
  hostId: 'host-id'
}
const record = (over: Partial<AccessLogRecord> = {}): AccessLogRecord => ({
  bucket: 'probe-bucket',
  time: '2026-12-03T10:00:00.000Z',
  remoteIp: '10.0.1.25',
  requestId: '3E57427F33A59F07',
  operation: 'REST.HEAD.BUCKET',
  requestUri: 'HEAD /probe-bucket/?x-vpce-proof-probe=run-7001-1.0123456789abcdef HTTP/1.1',
  hostId: 'host-id',
  fields: [],
  ...over
})
const judge = (records: AccessLogRecord[], over: Partial<AccessLogJudgement> = {}) =>
  judgeAccessLog({
    link,
    declaration,
    probe,
    search: {
      matches: records.map(r => ({ record: r, key: 'logs/k' })),
      objectsRead: 1,
      bytesRead: 300,
      malformedLines: 0
    },
    vpcCidrs: ['10.0.1.0/24'],
    now: Date.parse('2026-12-03T12:00:00Z'),
    caps: { maxObjects: 500, maxBytes: 64 << 20, maxPages: 10 },
    ...over
  })

describe('judging the access log line', () => {
  it.each([
    ['10.0.1.25', 'pass'],
    ['203.0.113.10', 'fail'],
    ['172.16.0.9', 'fail'],
    ['2600:1f18::1', 'inconclusive'],
    ['-', 'inconclusive']
  ])('Remote IP %s → %s', (ip, verdict) => {
    expect(judge([record({ remoteIp: ip })]).verdict).toBe(verdict)
  })

  it('a private address is inconclusive when the VPC subnets are unknown', () => {
    expect(judge([record()], { vpcCidrs: { problem: 'denied' } }).verdict).toBe('inconclusive')
  })

  it('duplicates that agree decide; lines that disagree do not', () => {
    expect(judge([record(), record()]).verdict).toBe('pass')
    expect(judge([record(), record({ remoteIp: '203.0.113.10' })]).verdict).toBe('inconclusive')
  })

  it.each([
    ['another bucket', { bucket: 'other-bucket' }],
    ['another operation', { operation: 'REST.GET.BUCKET' }],
    ['no marker', { requestUri: 'HEAD /probe-bucket/ HTTP/1.1' }],
    ['another Host Id', { hostId: 'other' }],
    ['another time', { time: '2026-12-03T11:00:00.000Z' }]
  ])('a line with the request id but %s is not judged', (_what, over) => {
    const f = judge([record(over)])
    expect(f.verdict).toBe('inconclusive')
    expect(f.message).toContain("is not this probe's")
  })

  it('a denied probe that is not in the log says an endpoint policy denial is never logged', () => {
    const f = judge([], { probe: { ...probe, httpStatus: 403, errorCode: 'Forbidden' } })
    expect(f.verdict).toBe('inconclusive')
    expect(f.message).toContain('S3 writes no access log record for it at all')
  })
})
