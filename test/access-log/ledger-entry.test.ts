import { describe, expect, it } from 'vitest'
import { parseLedger, serializeLedger, type Ledger } from '../../src/evidence/ledger.js'
import type { AccessLogProbe } from '../../src/access-log/ledger-entry.js'

/** The ledger is the build step's to rewrite: its access-log entries are held to S3's shapes when read back. */
const entry: AccessLogProbe = {
  link: {
    vpcId: 'vpc-0123456789abcdef0',
    region: 'ap-northeast-1',
    service: 's3',
    serviceName: 'com.amazonaws.ap-northeast-1.s3',
    type: 'Gateway',
    privateDns: false,
    location: { file: 'm.yml', line: 7, column: 9 }
  },
  bucket: 'probe-bucket',
  logBucket: 'log-bucket',
  logPrefix: 'logs/',
  marker: 'run-7001-1.0123456789abcdef',
  sentAt: '2026-12-03T10:00:00.000Z',
  durationMs: 40,
  httpStatus: 200,
  requestId: '3E57427F33A59F07',
  hostId: 'aGVsbG8='
}

const ledger = (accessLogProbes: unknown[]): Ledger =>
  ({
    version: 1,
    startedAt: '2026-12-03T09:55:00.000Z',
    finishedAt: '2026-12-03T10:00:01.000Z',
    manifestFile: 'm.yml',
    callers: [],
    probes: [],
    unprobed: [],
    accessLogProbes
  }) as Ledger

describe('access-log entries in the ledger', () => {
  it('round-trip, with the error text left out', () => {
    const text = serializeLedger(
      ledger([{ ...entry, networkError: { code: 'TIMEOUT', message: 'secret echo' } }])
    )
    expect(text).not.toContain('secret echo')
    expect(parseLedger(text, 'l.json').accessLogProbes?.[0]).toMatchObject({ requestId: '3E57427F33A59F07' })
  })

  it.each([
    ['a request id with markup', { requestId: '[click](https://x)' }],
    ['an error code with a line break', { errorCode: 'Forbidden\n::error::x' }],
    ['a marker with spaces', { marker: 'run 1' }]
  ])('refuses %s', (_what, over) => {
    expect(() => parseLedger(JSON.stringify(ledger([{ ...entry, ...over }])), 'l.json')).toThrow(
      /not a vpce-proof ledger/
    )
  })

  it('an older ledger without access-log entries still reads', () => {
    const { accessLogProbes: _none, ...old } = ledger([])
    expect(parseLedger(JSON.stringify(old), 'l.json').accessLogProbes).toBeUndefined()
  })
})
