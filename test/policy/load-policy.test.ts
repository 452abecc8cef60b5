import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseActionInputs } from '../../src/action/inputs.js'
import { isUserError } from '../../src/core/errors.js'
import { ManifestError } from '../../src/manifest/errors.js'
import { parseManifest } from '../../src/manifest/load.js'
import type { Finding } from '../../src/model/finding.js'
import { contentsApiReader } from '../../src/policy/base-manifest.js'
import { loadPolicy, type PolicyInput } from '../../src/policy/load-policy.js'
import { relocateToHead } from '../../src/policy/relocate.js'
import { startFakeGitHub, type FakeGitHub } from '../fake-github/server.js'
import { collectingLog } from '../report/collecting-log.js'

const TOKEN = 'ghs_policyUnitToken0123456789ABCDEFGH'
const FILE = '.github/vpc-endpoints.yml'
const SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e'
const text = (...lines: string[]) => `${lines.join('\n')}\n`
const MANIFEST = text(
  'version: 1',
  'region: ap-northeast-1',
  'vpcs:',
  '  - id: vpc-0123456789abcdef0',
  "    account: '123456789012'",
  '    role-arn: arn:aws:iam::123456789012:role/vpce-proof',
  '    endpoints:',
  '      - service: sns',
  '        type: Interface'
)

let fake: FakeGitHub | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function policyFor(
  head: string,
  over: Partial<PolicyInput> & { base?: string; failWith?: number } = {}
) {
  fake = await startFakeGitHub({
    token: TOKEN,
    ...(over.failWith ? { failOperations: { 'repos/get-content': over.failWith } } : {})
  })
  if (over.base !== undefined) fake.addFile('o', 'r', SHA, FILE, over.base)
  const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-policy-unit-'))
  await writeFile(path.join(dir, 'head.yml'), head)
  const log = collectingLog()
  return loadPolicy({
    manifestPath: path.join(dir, 'head.yml'),
    displayPath: FILE,
    manifestRef: 'base',
    allowedAccounts: [],
    pullRequestBase: contentsApiReader({
      token: TOKEN,
      apiUrl: fake.apiUrl,
      owner: 'o',
      repo: 'r',
      sha: SHA,
      log
    }),
    log,
    ...over
  })
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

describe('loadPolicy on a pull request', () => {
  it("suppresses only with the base's ignore entries: one the PR adds is a weakening, not a suppression", async () => {
    const entry = text(
      'ignore:',
      '  - rule: private-dns-enabled',
      '    service: sns',
      '    reason: the PR author says so'
    )
    const policy = await policyFor(MANIFEST + entry, { base: MANIFEST })
    expect(policy.suppressions).toEqual([])
    expect(policy.findings.map(f => [f.ruleId, f.location.line])).toEqual([['policy-not-weakened', 11]])
    const kept = await policyFor(MANIFEST + entry, { base: MANIFEST + entry })
    expect(kept.suppressions.map(e => [e.reason, e.location.line])).toEqual([['the PR author says so', 11]])
    expect(kept.findings).toEqual([])
  })

  it('decides with the base manifest, read through the contents API at the base SHA', async () => {
    const head = MANIFEST.replace(
      '        type: Interface\n',
      '        type: Interface\n        private-dns: false\n'
    )
    const policy = await policyFor(head, { base: MANIFEST })
    expect(policy.manifest.vpcs[0]!.endpoints[0]!.privateDns).toBe(true)
    expect(policy.findings.map(f => [f.ruleId, f.location.line])).toEqual([['policy-not-weakened', 10]])
    expect(fake!.requestsFor('repos/get-content').map(r => [r.path, r.query])).toEqual([
      [`/repos/o/r/contents/${encodeURIComponent(FILE)}`, { ref: SHA }]
    ])
  })

  it('fails closed when the base cannot be read, rather than trusting the PR', async () => {
    const error = await rejection(policyFor(MANIFEST, { base: MANIFEST, failWith: 403 }))
    expect(isUserError(error)).toBe(true)
    expect(error.message).toMatch(
      /Could not read \.github\/vpc-endpoints\.yml at the base commit f95f852bd8fc \(HTTP 403/
    )
  })

  it('stops on an invalid base manifest, naming the base commit', async () => {
    const error = await rejection(policyFor(MANIFEST, { base: 'version: 2\n' }))
    expect(error).not.toBeInstanceOf(ManifestError)
    expect(error.message).toMatch(
      /base commit f95f852bd8fc's \.github\/vpc-endpoints\.yml is not a valid manifest/
    )
  })

  it('with manifest-ref: head, accepts roles the base already has and refuses new ones at their line', async () => {
    const policy = await policyFor(MANIFEST, { base: MANIFEST, manifestRef: 'head' })
    expect(policy.notes[0]).toMatch(/checks the pull request's own manifest/)
    const other = MANIFEST.replace('123456789012:role', '999999999999:role')
    const error = await rejection(policyFor(other, { base: MANIFEST, manifestRef: 'head' }))
    expect(error).toBeInstanceOf(ManifestError)
    expect((error as ManifestError).problems.map(p => [p.line, p.column, p.path])).toEqual([
      [6, 15, 'vpcs[0].role-arn']
    ])
  })
})

describe('loadPolicy outside pull requests', () => {
  it('uses the checked-out manifest and applies allowed-accounts at the account line', async () => {
    const error = await rejection(
      policyFor(MANIFEST, { pullRequestBase: undefined, allowedAccounts: ['111111111111'] })
    )
    expect((error as ManifestError).problems.map(p => [p.line, p.path])).toEqual([
      [5, 'vpcs[0].account'],
      [6, 'vpcs[0].role-arn']
    ])
    expect(fake!.requests).toEqual([])
  })
})

describe('relocateToHead', () => {
  it('moves base findings to the same declaration in head, and removed ones to the head endpoint list', () => {
    const base = parseManifest(
      MANIFEST.replace('    endpoints:\n', '    endpoints:\n      - service: kms\n        type: Interface\n'),
      FILE
    )
    // One comment line moves every head line down; kms is gone from head, so its finding goes to the list (line 9).
    const head = parseManifest(text('# a comment moves every line', MANIFEST), FILE)
    const finding = (line: number): Finding => ({
      ruleId: 'x',
      verdict: 'fail',
      message: '',
      location: { file: FILE, line, column: 9 },
      vpcId: '',
      region: '',
      evidence: {}
    })
    const kms = base.vpcs[0]!.endpoints[0]!.location.line
    const sns = base.vpcs[0]!.endpoints[1]!.location.line
    expect(relocateToHead([finding(kms), finding(sns)], base, head).map(f => f.location.line)).toEqual([9, 9])
  })
})

describe('inputs', () => {
  const read = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ''
  it('parses manifest-ref and allowed-accounts, and names a bad value', () => {
    const parsed = parseActionInputs(read({ 'allowed-accounts': '123456789012, 210987654321' }), {})
    expect([parsed.manifestRef, parsed.allowedAccounts]).toEqual(['base', ['123456789012', '210987654321']])
    expect(() => parseActionInputs(read({ 'manifest-ref': 'merge' }), {})).toThrow(
      /Input manifest-ref: "merge"/
    )
    expect(() => parseActionInputs(read({ 'allowed-accounts': '12345' }), {})).toThrow(
      /Input allowed-accounts: "12345" is not a 12-digit AWS account id/
    )
  })
})
