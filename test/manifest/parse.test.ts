import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src/manifest/load.js'
import type { EndpointDeclaration, Manifest } from '../../src/manifest/types.js'
import { lines, problemsOf } from './helpers.js'

const YAML_MANIFEST = lines(
  '# yaml-language-server: $schema=../schema/manifest.schema.json', //  1
  'version: 1', //                                                      2
  'region: ap-northeast-1', //                                          3
  'vpcs:', //                                                           4
  '  - id: vpc-0123456789abcdef0', //                                   5
  "    account: '123456789012'", //                                     6
  '    role-arn: arn:aws:iam::123456789012:role/vpce-proof', //         7
  '    endpoints:', //                                                  8
  '      - service: sns', //                                            9
  '        id: vpce-01251def6b627a209', //                              10
  '        subnets: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]', // 11
  '        probe: sns:ListTopics', //                                   12
  '      - service: s3', //                                             13
  '        type: Gateway', //                                           14
  '        route-tables: [rtb-0123456789abcdef0]', //                   15
  '      - service: ecr.api', //                                        16
  '        private-dns: false', //                                      17
  '        probe: false', //                                            18
  '  - id: vpc-0fedcba9', //                                            19
  '    region: eu-west-1', //                                           20
  '    endpoints:', //                                                  21
  '      - service: com.amazonaws.eu-west-1.dynamodb', //               22
  '        type: Gateway', //                                           23
  '        subnets: [subnet-01234567]' //                               24
)

const JSON_MANIFEST = lines(
  '{', //                                                               1
  '  "version": 1,', //                                                 2
  '  "region": "ap-northeast-1",', //                                   3
  '  "vpcs": [', //                                                     4
  '    {', //                                                           5
  '      "id": "vpc-0123456789abcdef0",', //                            6
  '      "account": "123456789012",', //                                7
  '      "role-arn": "arn:aws:iam::123456789012:role/vpce-proof",', //  8
  '      "endpoints": [', //                                            9
  '        {', //                                                       10
  '          "service": "sns",', //                                     11
  '          "id": "vpce-01251def6b627a209",', //                       12
  '          "subnets": ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],', // 13
  '          "probe": "sns:ListTopics"', //                             14
  '        },', //                                                      15
  '        { "service": "s3", "type": "Gateway", "route-tables": ["rtb-0123456789abcdef0"] },', // 16
  '        { "service": "ecr.api", "private-dns": false, "probe": false }', // 17
  '      ]', //                                                         18
  '    },', //                                                          19
  '    {', //                                                           20
  '      "id": "vpc-0fedcba9",', //                                     21
  '      "region": "eu-west-1",', //                                    22
  '      "endpoints": [', //                                            23
  '        { "service": "com.amazonaws.eu-west-1.dynamodb", "type": "Gateway", "subnets": ["subnet-01234567"] }', // 24
  '      ]', //                                                         25
  '    }', //                                                           26
  '  ]', //                                                             27
  '}' //                                                                28
)

const at = (line: number, column: number) => ({ file: 'vpc-endpoints.yml', line, column })

/** The manifest without anything that depends on how the file was written. */
function content(manifest: Manifest): unknown {
  return manifest.vpcs.map(({ location: _l, fieldLocations: _f, endpoints, ...vpc }) => ({
    ...vpc,
    endpoints: endpoints.map(({ location: _el, fieldLocations: _ef, ...endpoint }) => endpoint)
  }))
}

describe('a valid manifest', () => {
  const manifest = parseManifest(YAML_MANIFEST, 'vpc-endpoints.yml')

  it('is normalised: full service names, regions per VPC, defaults applied', () => {
    expect(manifest).toMatchObject({ file: 'vpc-endpoints.yml', version: 1 })
    expect(content(manifest)).toEqual([
      {
        id: 'vpc-0123456789abcdef0',
        region: 'ap-northeast-1',
        account: '123456789012',
        roleArn: 'arn:aws:iam::123456789012:role/vpce-proof',
        endpoints: [
          {
            serviceName: 'com.amazonaws.ap-northeast-1.sns',
            service: 'sns',
            type: 'Interface',
            id: 'vpce-01251def6b627a209',
            privateDns: true,
            subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
            routeTables: [],
            probe: 'sns:ListTopics'
          },
          {
            serviceName: 'com.amazonaws.ap-northeast-1.s3',
            service: 's3',
            type: 'Gateway',
            privateDns: false,
            subnets: [],
            routeTables: ['rtb-0123456789abcdef0']
          },
          {
            serviceName: 'com.amazonaws.ap-northeast-1.ecr.api',
            service: 'ecr.api',
            type: 'Interface',
            privateDns: false,
            subnets: [],
            routeTables: [],
            probe: false
          }
        ]
      },
      {
        id: 'vpc-0fedcba9',
        region: 'eu-west-1',
        endpoints: [
          {
            serviceName: 'com.amazonaws.eu-west-1.dynamodb',
            service: 'dynamodb',
            type: 'Gateway',
            privateDns: false,
            subnets: ['subnet-01234567'],
            routeTables: []
          }
        ]
      }
    ])
  })

  it('places each VPC and endpoint on the first line of its item', () => {
    expect(manifest.vpcs.map(vpc => vpc.location)).toEqual([at(5, 5), at(19, 5)])
    expect(manifest.vpcs.flatMap(vpc => vpc.endpoints.map(endpoint => endpoint.location))).toEqual([
      at(9, 9),
      at(13, 9),
      at(16, 9),
      at(22, 9)
    ])
  })

  it('knows where each field and list item is', () => {
    const sns = manifest.vpcs[0]?.endpoints[0]
    expect(sns?.fieldLocations).toMatchObject({
      service: at(9, 18),
      id: at(10, 13),
      subnets: at(11, 18),
      'subnets[0]': at(11, 19),
      'subnets[1]': at(11, 45),
      probe: at(12, 16)
    })
    expect(manifest.vpcs[0]?.fieldLocations).toMatchObject({ account: at(6, 14), 'role-arn': at(7, 15) })
  })

  it('is the same manifest when written as JSON, with the JSON lines', () => {
    const fromJson = parseManifest(JSON_MANIFEST, 'vpc-endpoints.json')
    expect(content(fromJson)).toEqual(content(manifest))
    expect(fromJson.vpcs.map(vpc => vpc.location.line)).toEqual([5, 20])
    expect(fromJson.vpcs.flatMap(vpc => vpc.endpoints.map(endpoint => endpoint.location))).toEqual([
      { file: 'vpc-endpoints.json', line: 10, column: 9 },
      { file: 'vpc-endpoints.json', line: 16, column: 9 },
      { file: 'vpc-endpoints.json', line: 17, column: 9 },
      { file: 'vpc-endpoints.json', line: 24, column: 9 }
    ])
  })
})

function onlyEndpoint(manifest: Manifest): EndpointDeclaration | undefined {
  return manifest.vpcs[0]?.endpoints[0]
}

function withEndpoint(...endpoint: string[]): string {
  return lines(
    'version: 1',
    'region: eu-west-1',
    'vpcs:',
    '  - id: vpc-0123456789abcdef0',
    '    endpoints:',
    ...endpoint.map(line => `      ${line}`)
  )
}

describe('defaults', () => {
  it('makes an endpoint Interface with private DNS on, no pin, no lists and the default probe', () => {
    const endpoint = onlyEndpoint(parseManifest(withEndpoint('- service: kms'), 'm.yml'))
    expect(endpoint).toMatchObject({ type: 'Interface', privateDns: true, subnets: [], routeTables: [] })
    expect(endpoint).not.toHaveProperty('id')
    expect(endpoint).not.toHaveProperty('probe')
  })

  it('needs `type` for dynamodb, which has both kinds, as for s3', () => {
    const problems = problemsOf(withEndpoint('- service: dynamodb'))
    expect(problems).toMatchObject([{ line: 6, column: 9, path: 'vpcs[0].endpoints[0].type' }])
    expect(problems[0]?.message).toContain('dynamodb has both Gateway and Interface endpoints')
  })

  it('accepts an Interface endpoint for s3 when it is asked for', () => {
    const endpoint = onlyEndpoint(
      parseManifest(withEndpoint('- service: s3', '  type: Interface', '  private-dns: false'), 'm.yml')
    )
    expect(endpoint).toMatchObject({
      serviceName: 'com.amazonaws.eu-west-1.s3',
      type: 'Interface',
      privateDns: false
    })
  })

  it('allows a VPC with no endpoints (drift and DNS checks only)', () => {
    const manifest = parseManifest(withEndpoint().replace('endpoints:', 'endpoints: []'), 'm.yml')
    expect(manifest.vpcs[0]?.endpoints).toEqual([])
  })

  it('ignores a `$schema` key, so JSON manifests can name their schema', () => {
    const text = JSON.stringify({
      $schema: 'https://example.invalid/manifest.schema.json',
      version: 1,
      region: 'eu-west-1',
      vpcs: [{ id: 'vpc-01234567', endpoints: [] }]
    })
    expect(parseManifest(text, 'm.json').vpcs).toHaveLength(1)
  })

  it('follows YAML anchors and aliases', () => {
    const text = lines(
      'version: 1',
      'region: eu-west-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    endpoints:',
      '      - service: sns',
      '        subnets: &private [subnet-0123456789abcdef0]',
      '      - service: sqs',
      '        subnets: *private'
    )
    expect(parseManifest(text, 'm.yml').vpcs[0]?.endpoints[1]?.subnets).toEqual(['subnet-0123456789abcdef0'])
  })
})

describe('service names', () => {
  it.each([
    ['sns', 'com.amazonaws.eu-west-1.sns', 'sns'],
    ['ecr.api', 'com.amazonaws.eu-west-1.ecr.api', 'ecr.api'],
    ['com.amazonaws.eu-west-1.ecr.dkr', 'com.amazonaws.eu-west-1.ecr.dkr', 'ecr.dkr'],
    [
      'aws.sagemaker.eu-west-1.notebook',
      'aws.sagemaker.eu-west-1.notebook',
      'aws.sagemaker.eu-west-1.notebook'
    ],
    [
      'com.amazonaws.s3-global.accesspoint',
      'com.amazonaws.s3-global.accesspoint',
      'com.amazonaws.s3-global.accesspoint'
    ],
    [
      'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0',
      'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0',
      'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0'
    ]
  ])('%s → %s (short name %s)', (written, serviceName, service) => {
    const endpoint = onlyEndpoint(parseManifest(withEndpoint(`- service: ${written}`), 'm.yml'))
    expect(endpoint).toMatchObject({ serviceName, service })
  })

  it('takes the short name from a China-region full name', () => {
    const text = withEndpoint('- service: cn.com.amazonaws.cn-north-1.sagemaker.api').replace(
      'region: eu-west-1',
      'region: cn-north-1'
    )
    expect(onlyEndpoint(parseManifest(text, 'm.yml'))).toMatchObject({
      serviceName: 'cn.com.amazonaws.cn-north-1.sagemaker.api',
      service: 'sagemaker.api'
    })
  })

  it('rejects a full name in another region, whatever its prefix', () => {
    const problems = problemsOf(withEndpoint('- service: aws.sagemaker.us-east-1.notebook'))
    expect(problems).toMatchObject([{ line: 6, column: 18, path: 'vpcs[0].endpoints[0].service' }])
    expect(problems[0]?.message).toContain('for region us-east-1, but this VPC is in eu-west-1')
  })

  it('rejects a service name in capitals', () => {
    const problems = problemsOf(withEndpoint('- service: SNS'))
    expect(problems).toMatchObject([{ line: 6, column: 18, path: 'vpcs[0].endpoints[0].service' }])
    expect(problems[0]?.message).toContain('expected a service name')
  })

  it('treats the same service as two endpoints when the types differ', () => {
    const manifest = parseManifest(
      withEndpoint('- service: s3', '  type: Gateway', '- service: s3', '  type: Interface'),
      'm.yml'
    )
    expect(manifest.vpcs[0]?.endpoints.map(endpoint => endpoint.type)).toEqual(['Gateway', 'Interface'])
  })
})

describe('region', () => {
  const vpcs = lines(
    'vpcs:',
    '  - id: vpc-0123456789abcdef0',
    '    region: eu-west-1',
    '    endpoints: [{ service: sns }]',
    '  - id: vpc-0fedcba9876543210',
    '    endpoints: [{ service: sns }]'
  )
  const regions = (manifest: Manifest) => manifest.vpcs.map(vpc => vpc.region)
  const serviceNames = (manifest: Manifest) => manifest.vpcs.map(vpc => vpc.endpoints[0]?.serviceName)

  it("uses the VPC's own region, then the manifest's", () => {
    const manifest = parseManifest(`version: 1\nregion: ap-northeast-1\n${vpcs}`, 'm.yml', {
      defaultRegion: 'us-east-1'
    })
    expect(regions(manifest)).toEqual(['eu-west-1', 'ap-northeast-1'])
    expect(serviceNames(manifest)).toEqual([
      'com.amazonaws.eu-west-1.sns',
      'com.amazonaws.ap-northeast-1.sns'
    ])
  })

  it("falls back to the caller's default region (AWS_REGION)", () => {
    const manifest = parseManifest(`version: 1\n${vpcs}`, 'm.yml', { defaultRegion: 'us-east-1' })
    expect(regions(manifest)).toEqual(['eu-west-1', 'us-east-1'])
    expect(serviceNames(manifest)).toEqual(['com.amazonaws.eu-west-1.sns', 'com.amazonaws.us-east-1.sns'])
  })

  it('does not look at the default region when every VPC has one', () => {
    const manifest = parseManifest(`version: 1\nregion: ap-northeast-1\n${vpcs}`, 'm.yml', {
      defaultRegion: 'bogus'
    })
    expect(regions(manifest)).toEqual(['eu-west-1', 'ap-northeast-1'])
  })

  it('treats an empty default region as none', () => {
    const problems = problemsOf(`version: 1\n${vpcs}`, { defaultRegion: '' })
    expect(problems).toMatchObject([{ line: 6, column: 5, path: 'vpcs[1].region' }])
    expect(problems[0]?.message).toContain('no region for this VPC')
  })

  it('reports only the VPC that has no region', () => {
    const problems = problemsOf(`version: 1\n${vpcs}`)
    expect(problems).toMatchObject([{ line: 6, column: 5, path: 'vpcs[1].region' }])
  })
})
