import { describe, expect, it } from 'vitest'
import {
  LEDGER_MAX_AGE_MS,
  ledgerTrustProblems,
  recordIdentityProblem,
  untrustedLedgerFindings,
  type VerifierKnowledge
} from '../../src/evidence/ledger-trust.js'
import type { Ledger } from '../../src/evidence/ledger.js'
import { parseManifest } from '../../src/manifest/load.js'
import { link, probe, record, REGION, VPC } from './fixtures.js'

const manifest = (roleArn?: string) =>
  parseManifest(
    [
      'version: 1',
      `region: ${REGION}`,
      'vpcs:',
      `  - id: ${VPC}`,
      ...(roleArn ? [`    role-arn: ${roleArn}`] : []),
      '    endpoints:',
      '      - service: sns',
      '        type: Interface',
      ''
    ].join('\n'),
    'vpc-endpoints.yml'
  )

const NOW = new Date('2024-06-04T23:20:00.000Z')
const KEY = 'ASIAEXAMPLEPROBE0001'

const ledger = (over: Partial<Ledger> = {}): Ledger => ({
  version: 1,
  startedAt: '2024-06-04T23:07:49.000Z',
  finishedAt: '2024-06-04T23:12:51.000Z',
  manifestFile: 'vpc-endpoints.yml',
  run: { id: '7001', attempt: '1' },
  callers: [{ vpcId: VPC, region: REGION, accessKeyId: KEY }],
  probes: [probe({ link: link({ location: { file: 'vpc-endpoints.yml', line: 6, column: 9 } }) })],
  unprobed: [],
  ...over
})

const know = (over: Partial<VerifierKnowledge> = {}): VerifierKnowledge => ({
  manifest: manifest(),
  now: NOW,
  run: { id: '7001', attempt: '1' },
  sessionName: 'vpce-proof-7001-1',
  ownAccessKeys: new Map([[`${REGION}|${VPC}`, KEY]]),
  ...over
})

describe('ledgerTrustProblems', () => {
  it('accepts the ledger this run wrote with its own credentials', () => {
    expect(ledgerTrustProblems(ledger(), know())).toEqual([])
  })

  it('rejects another run, another access key, and a start longer ago than a job runs', () => {
    expect(ledgerTrustProblems(ledger({ run: { id: '6999', attempt: '1' } }), know())).toEqual([
      'it names run 6999 attempt 1, not this run (7001 attempt 1)'
    ])
    expect(ledgerTrustProblems(ledger({ run: undefined }), know())[0]).toMatch(/names no run/)
    const forgedKey = ledger({ probes: [probe({ accessKeyId: 'AKIAOTHERKEY00000001' })] })
    expect(ledgerTrustProblems(forgedKey, know())).toEqual([
      `probe sns:ListTopics of ${VPC} was signed by access key AKIAOTHERKEY00000001, not by this job's credentials`
    ])
    const old = new Date(NOW.getTime() - LEDGER_MAX_AGE_MS - 6 * 60_000).toISOString()
    expect(ledgerTrustProblems(ledger({ startedAt: old }), know())).toContain(
      `it starts at ${old}, longer ago than a job runs`
    )
    expect(ledgerTrustProblems(ledger({ startedAt: '2024-06-04T23:13:00.000Z' }), know())[0]).toMatch(
      /was sent at .*, outside the ledger's run/
    )
  })

  it('rejects a ledger that drops a declared probe or adds an undeclared one', () => {
    expect(ledgerTrustProblems(ledger({ probes: [] }), know())).toEqual([
      `it holds 0 entries for sns (${VPC}), declared once`
    ])
    const extra = probe({ link: link({ service: 'kms', serviceName: `com.amazonaws.${REGION}.kms` }) })
    expect(ledgerTrustProblems(ledger({ probes: [probe(), extra] }), know())).toEqual([
      'it holds 1 entries for endpoints the manifest does not declare'
    ])
    const relaxed = probe({ link: link({ privateDns: false }) })
    expect(ledgerTrustProblems(ledger({ probes: [relaxed] }), know())).toEqual([
      `it holds 0 entries for sns (${VPC}), declared once`,
      'it holds 1 entries for endpoints the manifest does not declare'
    ])
  })
})

describe('recordIdentityProblem', () => {
  const opts = { manifest: manifest(), now: NOW, sessionName: 'vpce-proof-7001-1' }

  it("accepts the probe's own record and rejects another key's or one from before the run", () => {
    const mine = record({ userIdentity: { accessKeyId: KEY } })
    expect(recordIdentityProblem(probe(), mine, ledger(), opts)).toBeUndefined()
    expect(
      recordIdentityProblem(probe(), record({ userIdentity: { accessKeyId: 'AKIAOTHER' } }), ledger(), opts)
    ).toMatch(/access key AKIAOTHER, not the probe's/)
    expect(
      recordIdentityProblem(probe(), record({ eventTime: '2024-06-03T10:00:00Z' }), ledger(), opts)
    ).toMatch(/outside this run/)
  })

  it("through a role, accepts only this run's role session", () => {
    const withRole = { ...opts, manifest: manifest('arn:aws:iam::123456789012:role/ops/vpce-proof') }
    const arn = (session: string) => `arn:aws:sts::123456789012:assumed-role/vpce-proof/${session}`
    const as = (session: string) => record({ userIdentity: { accessKeyId: KEY, arn: arn(session) } })
    expect(recordIdentityProblem(probe(), as('vpce-proof-7001-1'), ledger(), withRole)).toBeUndefined()
    expect(recordIdentityProblem(probe(), as('vpce-proof-6999-1'), ledger(), withRole)).toMatch(
      /is not this run's role session .*vpce-proof-7001-1$/
    )
  })
})

describe('untrustedLedgerFindings', () => {
  it('makes every declared endpoint inconclusive on the manifest line, never a pass', () => {
    const found = untrustedLedgerFindings(manifest(), ['it names run 6999 attempt 1'], '/tmp/ledger.json')
    expect(found.map(f => [f.ruleId, f.verdict, f.service, f.location.line])).toEqual([
      ['cloudtrail-record-found', 'inconclusive', 'sns', 6],
      ['dns-resolves-to-endpoint', 'inconclusive', 'sns', 6]
    ])
    expect(found[0]!.message).toMatch(/not this run's \(it names run 6999 attempt 1\)/)
  })
})

describe('withOwnDnsAnswers', () => {
  it("replaces the ledger's DNS answers with the verify step's own, asking once per host", async () => {
    const { withOwnDnsAnswers } = await import('../../src/evidence/ledger-trust.js')
    const asked: string[] = []
    const forged = ledger({ probes: [probe(), probe({ requestId: 'req-sns-2' })] })
    const fresh = await withOwnDnsAnswers(forged, async host => {
      asked.push(host)
      return { host, servers: ['127.0.0.1'], ipv4: ['52.94.0.1'], ipv6: [] }
    })
    expect(asked).toEqual([`sns.${REGION}.amazonaws.com`])
    expect(fresh.probes.map(p => p.dns.ipv4)).toEqual([['52.94.0.1'], ['52.94.0.1']])
  })
})
