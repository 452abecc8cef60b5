import { describe, expect, it } from 'vitest'
import type { RunReport } from '../../src/core/run-report.js'
import { parseManifest } from '../../src/manifest/load.js'
import type { VpcDeclaration } from '../../src/manifest/types.js'
import { mergeShardReports, type MergeInput } from '../../src/merge/merge-reports.js'
import type { ShardFile } from '../../src/merge/read-shards.js'
import { parseShard, selectShard, shardOf, shardsOf, stampShard } from '../../src/merge/shard.js'
import { finding, report } from '../report/fixtures.js'

const RUN = '4242'
const SHA = 'a'.repeat(40)
const A = '111111111111/ap-northeast-1'
const B = '222222222222/ap-northeast-1'
const C = '222222222222/eu-west-1'

function shardReport(
  name: string,
  verdicts: Array<'pass' | 'fail' | 'warn' | 'inconclusive'>,
  stamp: Partial<NonNullable<RunReport['shard']>> = {}
): RunReport {
  const vpcId = `vpc-0${name.slice(0, 3)}0000000000000`
  const findings = verdicts.map((verdict, i) =>
    finding({ verdict, vpcId, region: name.split('/')[1]!, message: `check ${i} in ${name}: ${verdict}` })
  )
  return {
    ...report(findings, { failOn: ['fail', 'inconclusive'] }),
    shard: { name, run: { id: RUN, attempt: '1' }, sha: SHA, job: 'check', ...stamp }
  }
}

function files(...reports: RunReport[]): ShardFile[] {
  return reports.map((r, i) => ({ file: `reports/${i}/vpce-proof-report.json`, report: r }))
}

function merge(shardFiles: ShardFile[], overrides: Partial<MergeInput> = {}): RunReport {
  return mergeShardReports({
    files: shardFiles,
    expected: [A, B, C],
    expectedFrom: 'expected-shards',
    failOn: ['fail', 'inconclusive'],
    reference: { runId: RUN, sha: SHA },
    manifestFile: 'm.yml',
    startedAt: new Date('2026-01-01T00:00:00Z'),
    finishedAt: new Date('2026-01-01T00:05:00Z'),
    ...overrides
  })
}

const failures = (r: RunReport) =>
  r.findings.filter(f => f.verdict === 'fail').map(f => [f.ruleId, f.message])

describe('mode: merge folds shard reports into one verdict', () => {
  it('all shards present and passing: passes, every finding tagged with its shard', () => {
    const merged = merge(
      files(shardReport(A, ['pass']), shardReport(B, ['pass', 'pass']), shardReport(C, ['warn']))
    )
    expect(merged.result).toBe('pass')
    expect(merged.undecided).toBeUndefined()
    expect(merged.findings).toHaveLength(4)
    expect(merged.findings.map(f => f.evidence.shard)).toEqual([A, B, B, C])
    expect(merged.notes[0]).toMatch(/^Merged 3 of 3 expected shards/)
    expect(merged.notes.filter(n => n.startsWith('Shard '))).toHaveLength(3)
  })

  it("with all three present the merged verdict is the worst shard's", () => {
    const merged = merge(files(shardReport(A, ['pass']), shardReport(B, ['fail']), shardReport(C, ['pass'])))
    expect(merged.result).toBe('fail')
    expect(failures(merged)).toEqual([['private-dns-enabled', `check 0 in ${B}: fail`]])
    const inconclusive = merge(
      files(shardReport(A, ['pass']), shardReport(B, ['pass', 'inconclusive']), shardReport(C, ['pass']))
    )
    expect(inconclusive.result).toBe('fail')
    const lenient = merge(
      files(shardReport(A, ['pass']), shardReport(B, ['pass', 'inconclusive']), shardReport(C, ['pass'])),
      { failOn: ['fail'] }
    )
    expect(lenient.result).toBe('pass')
  })

  it('a missing shard fails the merge, naming it, even with fail-on: none', () => {
    const merged = merge(files(shardReport(A, ['pass']), shardReport(C, ['pass'])), { failOn: [] })
    expect(merged.result).toBe('fail')
    expect(failures(merged)).toEqual([
      ['shard-reported', `shard ${B} missing: no report names it. The merged verdict cannot speak for it.`]
    ])
    expect(merged.notes).toContain(`Shard ${B}: missing.`)
  })

  it('no report at all: could not check, never a pass', () => {
    const merged = merge([])
    expect(merged.result).toBe('fail')
    expect(merged.undecided).toMatch(/^no shard report counted \(3 expected/)
    expect(failures(merged)).toHaveLength(3)
  })

  it('a forged green shard (stated pass over failing findings) fails as report-consistent', () => {
    const forged = {
      ...shardReport(B, ['fail']),
      result: 'pass' as const,
      counts: { pass: 1, fail: 0, warn: 0, inconclusive: 0, skipped: 0 }
    }
    const merged = merge(files(shardReport(A, ['pass']), forged, shardReport(C, ['pass'])), { failOn: [] })
    expect(merged.result).toBe('fail')
    expect(merged.findings.find(f => f.ruleId === 'report-consistent')).toMatchObject({
      verdict: 'fail',
      evidence: { shard: B }
    })
  })

  it('a shard that dropped its undecided field is still judged undecided and fails', () => {
    const undecided = shardReport(B, ['inconclusive'])
    const merged = merge(files(shardReport(A, ['pass']), undecided, shardReport(C, ['pass'])), {
      failOn: ['fail']
    })
    expect(merged.result).toBe('fail')
    expect(failures(merged).map(f => f[0])).toEqual(['shard-decided'])
  })

  it('a report of another run or commit does not count: its shard is missing', () => {
    const stale = shardReport(B, ['pass'], { run: { id: '4241', attempt: '1' } })
    const otherCommit = shardReport(C, ['pass'], { sha: 'b'.repeat(40) })
    const merged = merge(files(shardReport(A, ['pass']), stale, otherCommit))
    expect(merged.result).toBe('fail')
    const messages = failures(merged).map(f => f[1])
    expect(messages).toContain(
      `reports/1/vpce-proof-report.json was written by run 4241 attempt 1, not this run (4242); not counted.`
    )
    expect(messages).toContain(
      `reports/2/vpce-proof-report.json proves commit bbbbbbbbbbbb, not this run's aaaaaaaaaaaa; not counted.`
    )
    expect(messages.filter(m => m?.endsWith('The merged verdict cannot speak for it.'))).toHaveLength(2)
    expect(merged.findings.filter(f => f.evidence.shard === B && f.ruleId === 'private-dns-enabled')).toEqual(
      []
    )
  })

  it('a duplicated shard does not count, even when one copy passes', () => {
    const merged = merge(
      files(
        shardReport(A, ['pass']),
        shardReport(B, ['pass']),
        shardReport(B, ['fail']),
        shardReport(C, ['pass'])
      )
    )
    expect(merged.result).toBe('fail')
    const rules = failures(merged).map(f => f[0])
    expect(rules.filter(r => r === 'shard-reported')).toHaveLength(3)
    expect(merged.findings.filter(f => f.evidence.shard === B && f.ruleId === 'private-dns-enabled')).toEqual(
      []
    )
  })

  it('an unexpected shard, a report without a shard, and an unreadable file all fail', () => {
    const merged = merge([
      ...files(shardReport(A, ['pass']), shardReport(B, ['pass']), shardReport(C, ['pass'])),
      ...files(shardReport('333333333333/us-east-1', ['fail'])).map(f => ({ ...f, file: 'x.json' })),
      { file: 'plain.json', report: report([finding()]) },
      { file: 'broken.json', problem: 'broken.json: not valid JSON (Unexpected token)' }
    ])
    expect(merged.result).toBe('fail')
    expect(
      failures(merged)
        .map(f => f[0])
        .sort()
    ).toEqual(['shard-expected', 'shard-expected', 'shard-reported'])
    expect(
      merged.findings.filter(
        f => f.evidence.shard === '333333333333/us-east-1' && f.ruleId !== 'shard-expected'
      )
    ).toEqual([])
  })

  it('outside Actions the shards must name one run and commit between them', () => {
    const one = merge(files(shardReport(A, ['pass']), shardReport(B, ['pass']), shardReport(C, ['pass'])), {
      reference: {}
    })
    expect(one.result).toBe('pass')
    const two = merge(
      files(
        shardReport(A, ['pass']),
        shardReport(B, ['pass'], { sha: 'c'.repeat(40) }),
        shardReport(C, ['pass'])
      ),
      { reference: {} }
    )
    expect(two.result).toBe('fail')
    expect(two.undecided).toMatch(/^no shard report counted/)
  })

  it('with the policy known, a shard report that leaves out one of its VPCs fails shard-complete', () => {
    const m = parseManifest(
      `version: 1\nregion: ap-northeast-1\nvpcs:\n  - id: vpc-0111000000000000a\n    account: "111111111111"\n    endpoints: []\n  - id: vpc-0111000000000000b\n    account: "111111111111"\n    endpoints: []\n`,
      'm.yml'
    )
    const policyVpcs = new Map<string, VpcDeclaration[]>([[A, m.vpcs]])
    const onlyFirst = {
      ...shardReport(A, []),
      ...report([finding({ vpcId: 'vpc-0111000000000000a' })]),
      shard: shardReport(A, []).shard!
    }
    const merged = merge(files(onlyFirst), { expected: [A], policyVpcs })
    expect(failures(merged)).toEqual([
      [
        'shard-complete',
        `shard ${A}'s report (reports/0/vpce-proof-report.json) has no finding for vpc-0111000000000000b (ap-northeast-1), which the policy declares in this shard.`
      ]
    ])
    expect(merged.findings.find(f => f.ruleId === 'shard-complete')?.location.line).toBe(7)
  })

  it('a finding every shard reports alike (the policy diff) is shown once, with every shard', () => {
    const diff = finding({ ruleId: 'policy-not-weakened', verdict: 'warn', message: 'weakened' })
    const withDiff = (r: RunReport) => ({
      ...r,
      findings: [diff, ...r.findings],
      counts: { ...r.counts, warn: r.counts.warn + 1 }
    })
    const merged = merge(
      files(
        withDiff(shardReport(A, ['pass'])),
        withDiff(shardReport(B, ['pass'])),
        withDiff(shardReport(C, ['pass']))
      )
    )
    const diffs = merged.findings.filter(f => f.ruleId === 'policy-not-weakened')
    expect(diffs).toHaveLength(1)
    expect(diffs[0]!.evidence.shard).toBe(`${A}, ${B}, ${C}`)
  })
})

describe('shards of a manifest', () => {
  const m = parseManifest(
    [
      'version: 1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0aaa0000000000001',
      '    account: "111111111111"',
      '    endpoints: []',
      '  - id: vpc-0aaa0000000000002',
      '    role-arn: arn:aws:iam::222222222222:role/vpce-proof',
      '    endpoints: []',
      '  - id: vpc-0aaa0000000000003',
      '    region: eu-west-1',
      '    endpoints: []',
      ''
    ].join('\n'),
    'm.yml'
  )

  it('names a VPC by its account (or its role-arn account) and region, else by region alone', () => {
    expect(m.vpcs.map(shardOf)).toEqual([A, B, 'eu-west-1'])
    expect(shardsOf(m)).toEqual([A, B, 'eu-west-1'])
  })

  it('a shard job checks only its VPCs; a shard with none is a usage error naming the shards there are', () => {
    expect(selectShard(m, B).vpcs.map(v => v.id)).toEqual(['vpc-0aaa0000000000002'])
    expect(selectShard(m, undefined)).toBe(m)
    expect(() => selectShard(m, '999999999999/ap-northeast-1')).toThrow(/no VPC in m.yml belongs to it/)
  })

  it('refuses a shard that is not ACCOUNT/REGION or REGION', () => {
    expect(parseShard('', 'shard')).toBeUndefined()
    expect(() => parseShard('prod', 'Input shard')).toThrow(/Input shard: "prod" is not a shard/)
    expect(() => parseShard('1234/ap-northeast-1', 'shard')).toThrow(/is not a shard/)
  })

  it('stamps the report with the run, commit and job from the runner, and only for a shard', () => {
    const r = report([finding()])
    const env = { GITHUB_RUN_ID: RUN, GITHUB_RUN_ATTEMPT: '2', GITHUB_SHA: SHA, GITHUB_JOB: 'check' }
    expect(stampShard(r, A, env).shard).toEqual({
      name: A,
      run: { id: RUN, attempt: '2' },
      sha: SHA,
      job: 'check'
    })
    expect(stampShard(r, undefined, env)).toBe(r)
    expect(stampShard(r, A, {}).shard).toEqual({ name: A })
  })
})

describe('hostile shard reports', () => {
  it('a shard name or file name from a report reaches Markdown escaped, and never counts', async () => {
    const { renderReportMarkdown } = await import('../../src/report/markdown/render.js')
    const hostile = '<img src=x onerror=alert(1)> @admin #1 ::warning::x'
    const merged = merge([
      ...files(shardReport(A, ['pass']), shardReport(B, ['pass']), shardReport(C, ['pass'])),
      { file: `${hostile}.json`, report: { ...shardReport(A, ['pass']), shard: { name: hostile } } }
    ])
    expect(merged.result).toBe('fail')
    const md = renderReportMarkdown(merged)
    expect(md).not.toContain('<img')
    expect(md).not.toContain('@admin')
  })
})
