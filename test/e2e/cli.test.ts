import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoScenario } from '../../demo/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { runCli, runCliBatchInProcess, runCliInProcess, type ProcessRun } from './run-cli.js'

/**
 * The CLI's entry (src/cli.ts's main) in the test process, as bin/vpce-proof.js runs it (cli-parity.test.ts
 * shows the two give the same results).
 */
const cli = runCliInProcess

const DIR = 'test/e2e/fixtures/malformed'
/** Each malformed manifest, where its (first) problem is, and what the message must say. */
const MALFORMED: [string, string, string][] = [
  ['01-version.yml', '1:10', 'expected 1'],
  ['02-no-vpcs.yml', '1:1', 'missing required key `vpcs`'],
  ['03-empty-vpcs.yml', '3:7', 'at least one VPC'],
  ['04-bad-vpc-id.yml', '4:9', 'vpcs[0].id: expected a VPC id'],
  ['05-account-number.yml', '5:14', 'put it in quotes'],
  ['06-unknown-top-key.yml', '2:1', 'did you mean `region`?'],
  ['07-bad-type.yml', '7:15', 'did you mean `Interface`?'],
  ['08-private-dns-on-gateway.yml', '8:9', '`private-dns` applies to Interface endpoints only'],
  ['09-route-tables-on-interface.yml', '7:9', '`route-tables` applies to Gateway endpoints only'],
  ['10-duplicate-service.yml', '7:18', 'declared twice in this VPC'],
  ['11-bad-probe.yml', '7:16', 'expected `service:Operation`'],
  ['12-yaml-syntax.yml', '8:1', 'invalid YAML'],
  ['13-duplicate-key.yml', '3:1', 'duplicate key `region`'],
  ['14-no-region.yml', '3:5', 'no region for this VPC'],
  ['15-bad-role-arn.yml', '5:15', 'expected an IAM role ARN'],
  ['16-not-a-mapping.yml', '1:1', 'got a list'],
  ['17-service-other-region.yml', '6:18', 'for region eu-west-1'],
  ['18-unknown-endpoint-key.yml', '7:9', 'did you mean `subnets`?'],
  ['19-json-bad-type.json', '1:126', 'got the number 3'],
  ['20-empty.yml', '1:1', 'the manifest is empty'],
  // Right shape, wrong value: caught at load in every mode (here config only), with the value meant.
  [
    '21-unknown-region.yml',
    '2:9',
    '"eu-centrl-1" is not an AWS region the AWS SDK knows (did you mean `eu-central-1`?)'
  ],
  ['22-service-typo.yml', '6:18', 'unknown service "secrets-manager" (did you mean `secretsmanager`?)'],
  ['23-service-case.yml', '6:18', 'got "S3" (mind the letter case: did you mean `s3`?)'],
  [
    '24-probe-not-offered.yml',
    '7:16',
    'probe "sns:ListTopic" is not in vpce-proof\'s probe table (did you mean `sns:ListTopics`?)'
  ],
  [
    '25-probe-other-service.yml',
    '7:16',
    "calls another service than the endpoint's (kms); a probe must go to the endpoint's own service; choose one of: kms:ListKeys"
  ],
  ['26-vpc-region-typo.yml', '4:13', 'did you mean `ap-northeast-1`?']
]

const DNS_NOT_AN_ADDRESS = [
  'check',
  '--manifest',
  'demo/vpc-endpoints.yml',
  '--dns-servers',
  '10.0.0.2,dns.corp'
]
const SUGGESTIONS = [['check', '--manfest', 'demo/vpc-endpoints.yml'], ['chek'], ['--version']]
const USAGE_ERRORS = [['check', '--format', 'xml'], ['frobnicate'], ['check', '--manifest', 'nope.yml']]

describe('the CLI on malformed manifests', () => {
  /**
   * Every case of this block through one fresh copy of the CLI's modules in the test process (each run's
   * output apart). The first test shows bin/vpce-proof.js, a process per run, says the same.
   */
  const argvs = [
    ...MALFORMED.map(([file]) => ['check', '--manifest', `${DIR}/${file}`]),
    ...USAGE_ERRORS,
    ...SUGGESTIONS,
    DNS_NOT_AN_ADDRESS
  ]
  let runs: Map<string, ProcessRun>
  const cli = (argv: string[]): ProcessRun => runs.get(JSON.stringify(argv))!
  beforeAll(async () => {
    const results = await runCliBatchInProcess(argvs)
    runs = new Map(argvs.map((argv, i) => [JSON.stringify(argv), results[i]!]))
  })

  it('bin/vpce-proof.js, one process per run, says exactly what the batched entry says', async () => {
    // A usage error's witness is in cli-parity.test.ts.
    expect(await runCli(argvs[0]!)).toEqual(cli(argvs[0]!))
  })

  it.each(MALFORMED)('%s: exit 2 with the problem at %s and no stack trace', (file, at, fragment) => {
    const run = cli(['check', '--manifest', `${DIR}/${file}`])
    expect(run.code).toBe(2)
    const line = run.stderr.split('\n').find(l => l.includes(`${DIR}/${file}:${at}:`))
    expect(line, run.stderr).toBeDefined()
    expect(line).toContain(fragment)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(run.stdout).toBe('')
  })

  it('exits 2 on a usage error and on a missing file', () => {
    const [format, unknown, missing] = USAGE_ERRORS.map(cli) as [ProcessRun, ProcessRun, ProcessRun]
    expect(format.code).toBe(2)
    expect(unknown.code).toBe(2)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('nope.yml')
  })

  it('suggests the flag or command meant, in one line, exit 2', () => {
    const [flag, command, version] = SUGGESTIONS.map(cli) as [ProcessRun, ProcessRun, ProcessRun]
    expect(flag.code).toBe(2)
    expect(flag.stderr.trim().split('\n')).toEqual([
      "vpce-proof: unknown option '--manfest' (did you mean --manifest?). Run vpce-proof check --help."
    ])
    expect(command.code).toBe(2)
    expect(command.stderr).toContain("unknown command 'chek' (did you mean check?)")
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) })
  })

  it('exits 2 on a DNS server that is not an address, in config mode too, before calling AWS', () => {
    const run = cli(DNS_NOT_AN_ADDRESS)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('dns-servers: "dns.corp" is not an IP address')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('the CLI against the simulated AWS', () => {
  let sim: SimulatedAws
  const env = () => ({
    AWS_ENDPOINT_URL: sim.url,
    AWS_REGION: 'ap-northeast-1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
  })
  beforeAll(async () => {
    sim = await startSimulatedAws(structuredClone(demoScenario))
  })
  afterAll(async () => sim?.close())

  it('exits 1 when a check fails, with file:line findings in text', async () => {
    const run = await cli(['check', '--manifest', 'demo/vpc-endpoints.yml'], env())
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/demo\/vpc-endpoints\.yml:14:9: FAIL +private-dns-enabled \[kms\]/)
    expect(run.stdout).toMatch(/FAILED: \d+ passed, 2 failed, 1 warning,/)
  })

  it('warns about a service it does not know, at its line, and still checks that endpoint', async () => {
    const file = 'test/e2e/fixtures/warnings/unknown-service.yml'
    const run = await cli(['check', '--manifest', file, '--format', 'json'], env())
    expect(run.code).toBe(1)
    const warning = run.stderr.split('\n').find(l => l.startsWith('warning:'))
    expect(warning).toContain(`${file}:7:18: vpcs[0].endpoints[1].service: service "ecr.dkr" is not in`)
    expect(warning).toContain('it is checked in EC2 as declared, with no probe')
    const report = JSON.parse(run.stdout) as { findings: { service?: string; verdict: string }[] }
    expect(report.findings.filter(f => f.service === 'ecr.dkr').map(f => f.verdict)).toContain('fail')
  })

  it('stops with one line, exit 2, when there are no credentials, and calls nothing', async () => {
    const before = sim.callCount()
    // No keys, no profile files (HOME is the process default of an empty env), no instance metadata.
    const run = await cli(['check', '--manifest', 'demo/vpc-endpoints.yml'], {
      AWS_ENDPOINT_URL: sim.url,
      AWS_REGION: 'ap-northeast-1',
      HOME: '/nonexistent',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials'
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('AWS credentials are missing or were rejected')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(sim.callCount()).toBe(before)
  })

  it('prints the JSON report with --format json, and exits 0 when fail-on is none', async () => {
    const run = await cli(
      ['check', '--manifest', 'demo/vpc-endpoints.yml', '--format', 'json', '--fail-on', 'none'],
      env()
    )
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report).toMatchObject({ schemaVersion: 1, result: 'pass', counts: { fail: 2, warn: 1 } })
  })
})
