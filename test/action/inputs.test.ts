import { describe, expect, it } from 'vitest'
import { parseActionInputs } from '../../src/action/inputs.js'

const env = { GITHUB_WORKSPACE: '/w', RUNNER_TEMP: '/t', AWS_REGION: 'eu-west-1' }
const parse = (inputs: Record<string, string>, more: Record<string, string> = {}) =>
  parseActionInputs(name => inputs[name] ?? '', { ...env, ...more })

describe('action inputs', () => {
  it('gives the documented defaults, with files under the workspace and RUNNER_TEMP', () => {
    expect(parse({})).toMatchObject({
      manifestPath: '/w/.github/vpc-endpoints.yml',
      manifestDisplayPath: '.github/vpc-endpoints.yml',
      defaultRegion: 'eu-west-1',
      mode: 'full',
      failOn: ['fail', 'inconclusive'],
      evidence: true,
      evidenceTimeoutMs: 600_000,
      timeoutMs: 1_200_000,
      dnsServers: [],
      ledgerPath: '/t/vpce-proof-ledger.json',
      reportPath: '/t/vpce-proof-report.json',
      comment: 'auto',
      checkRun: false,
      checkName: 'vpce-proof'
    })
    expect(parse({})).not.toHaveProperty('sarifPath')
    expect(parse({})).not.toHaveProperty('terraformPlan')
  })

  it('terraform-plan: resolved against the workspace, shown as given', () => {
    expect(parse({ 'terraform-plan': 'infra/tfplan.json' }).terraformPlan).toEqual({
      path: '/w/infra/tfplan.json',
      displayPath: 'infra/tfplan.json'
    })
    expect(parse({ 'terraform-plan': '/t/tfplan.json' }).terraformPlan?.path).toBe('/t/tfplan.json')
  })

  it('reads durations, lists and booleans the way workflow authors write them', () => {
    const inputs = parse({
      'evidence-timeout': '1m30s',
      'dns-servers': '10.0.0.2, 127.0.0.1:5353',
      comment: 'false',
      'check-run': 'True',
      'fail-on': 'fail',
      'sarif-path': 'out/vpce.sarif',
      timeout: '5m'
    })
    expect(inputs).toMatchObject({
      evidenceTimeoutMs: 90_000,
      dnsServers: ['10.0.0.2', '127.0.0.1:5353'],
      comment: false,
      checkRun: true,
      failOn: ['fail'],
      timeoutMs: 300_000,
      sarifPath: '/w/out/vpce.sarif'
    })
    expect(parse({ 'evidence-timeout': '600' }).evidenceTimeoutMs).toBe(600_000)
    expect(parse({}).lookupRate).toBe(2)
    expect(parse({}).ec2Limits).toEqual({ burst: 100, refillPerSecond: 20 })
    expect(parse({ 'ec2-rate': '50/10' }).ec2Limits).toEqual({ burst: 50, refillPerSecond: 10 })
    expect(() => parse({ 'ec2-rate': '100' })).toThrow('Input ec2-rate: "100" is not BURST/REFILL')
    expect(parse({ 'lookup-rate': '1' }).lookupRate).toBe(1)
    expect(() => parse({ 'lookup-rate': '4' })).toThrow('Input lookup-rate: "4" is not a number')
    expect(parse({}, { AWS_REGION: '', AWS_DEFAULT_REGION: 'us-east-1' }).defaultRegion).toBe('us-east-1')
  })

  it('rejects bad values with one line naming the input', () => {
    expect(() => parse({ mode: 'fast' })).toThrow(
      'Input mode: "fast" is not one of full, config, probe, verify, publish, merge.'
    )
    expect(() => parse({ evidence: 'yes' })).toThrow('Input evidence: "yes" is not a boolean')
    expect(() => parse({ 'evidence-timeout': 'soon' })).toThrow(
      'Input evidence-timeout: "soon" is not a duration'
    )
    expect(() => parse({ 'fail-on': 'pass' })).toThrow('fail-on: unknown verdict "pass"')
    expect(() => parse({ timeout: '0s' })).toThrow('Input timeout: must be longer than 0')
  })
})
