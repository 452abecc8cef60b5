import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src/manifest/load.js'
import { awsRegions } from '../../src/manifest/aws-regions.js'
import { checkServiceName, isKnownRegion } from '../../src/manifest/known-values.js'
import { sdkRegions } from '../../scripts/sdk-regions.js'
import { FILE, lines, oneVpcWithEndpoints, problemsOf } from './helpers.js'

describe('regions come from the AWS SDK', () => {
  it('the suggestion list is the SDK partition data as installed (run `npm run regions` after an SDK update)', async () => {
    expect(awsRegions).toEqual(await sdkRegions())
  })

  it('knows every listed region, in every partition, and nothing merely shaped like one', () => {
    for (const region of awsRegions) expect(isKnownRegion(region), region).toBe(true)
    expect(awsRegions).toEqual(expect.arrayContaining(['cn-north-1', 'us-gov-west-1', 'eu-central-1']))
    for (const typo of ['eu-centrl-1', 'us-east-9', 'ap-northest-1']) expect(isKnownRegion(typo)).toBe(false)
  })

  it('rejects a default region from the environment the SDK does not know, once, with a suggestion', () => {
    const text = lines('version: 1', 'vpcs:', '  - id: vpc-0123456789abcdef0', '    endpoints: []')
    const problems = problemsOf(text, { defaultRegion: 'us-est-1' })
    expect(problems).toHaveLength(1)
    expect(problems[0]?.message).toContain('default region from the environment: "us-est-1"')
    expect(problems[0]?.message).toContain('did you mean `us-east-1`')
  })
})

describe('service names against the known service table', () => {
  it('is an error for a known name spelt with other separators', () => {
    expect(checkServiceName('ecr-api')).toMatchObject({
      level: 'error',
      message: expect.stringContaining('`ecr.api`')
    })
    const [problem] = problemsOf(oneVpcWithEndpoints('      - service: secrets-manager'))
    expect(problem).toMatchObject({ line: 6, column: 18, path: 'vpcs[0].endpoints[0].service' })
  })

  it('is a located warning, not an error, for a name it does not know (AWS adds services)', () => {
    const manifest = parseManifest(
      oneVpcWithEndpoints('      - service: sns', '      - service: cloudwatchlogs'),
      FILE
    )
    expect(manifest.vpcs[0]?.endpoints.map(e => e.service)).toEqual(['sns', 'cloudwatchlogs'])
    expect(manifest.warnings).toHaveLength(1)
    expect(manifest.warnings?.[0]).toMatchObject({ line: 7, column: 18 })
    expect(manifest.warnings?.[0]?.message).toContain('is not in vpce-proof')
  })

  it('has no warnings for known short and full names', () => {
    const manifest = parseManifest(
      oneVpcWithEndpoints('      - service: sns', '      - service: com.amazonaws.ap-northeast-1.kms'),
      FILE
    )
    expect(manifest.warnings).toBeUndefined()
  })
})

describe('probe values at load, in every mode', () => {
  it('rejects a probe the table does not offer, naming the closest', () => {
    const [problem] = problemsOf(oneVpcWithEndpoints('      - service: sqs', '        probe: sqs:ListQueue'))
    expect(problem).toMatchObject({ line: 7, column: 16, path: 'vpcs[0].endpoints[0].probe' })
    expect(problem?.message).toMatch(/cannot be used|not in vpce-proof's probe table/)
  })

  it('rejects an explicit probe for a service vpce-proof has no probe for', () => {
    const [problem] = problemsOf(
      oneVpcWithEndpoints('      - service: ecr.dkr', '        probe: ecr:ListImages')
    )
    expect(problem?.message).toContain('has no probe for service "ecr.dkr"')
  })

  it('accepts an offered probe in any letter case of the operation, and false', () => {
    const manifest = parseManifest(
      oneVpcWithEndpoints(
        '      - service: sns',
        '        probe: sns:ListTopics',
        '      - service: kms',
        '        probe: false'
      ),
      FILE
    )
    expect(manifest.vpcs[0]?.endpoints.map(e => e.probe)).toEqual(['sns:ListTopics', false])
  })
})
