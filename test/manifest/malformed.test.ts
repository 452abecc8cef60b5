import { describe, expect, it } from 'vitest'
import { isUserError } from '../../src/core/errors.js'
import { FILE, lines, manifestError, oneVpcWithEndpoints, problemsOf } from './helpers.js'

interface Case {
  name: string
  text: string
  defaultRegion?: string
  line: number
  column: number
  path: string
  message: string[]
}

/** Each manifest has exactly one thing wrong, and the problem must say where and what. */
const cases: Case[] = [
  {
    name: 'wrong version',
    text: lines(
      'version: 2',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    endpoints: []'
    ),
    line: 1,
    column: 10,
    path: 'version',
    message: ['expected 1', 'got the number 2']
  },
  {
    name: 'version given as a string',
    text: lines(
      'version: "1"',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    endpoints: []'
    ),
    line: 1,
    column: 10,
    path: 'version',
    message: ['expected 1', 'got "1"']
  },
  {
    name: 'missing vpcs',
    text: lines('version: 1', 'region: ap-northeast-1'),
    line: 1,
    column: 1,
    path: 'vpcs',
    message: ['missing required key `vpcs`']
  },
  {
    name: 'empty vpcs',
    text: lines('version: 1', 'region: ap-northeast-1', 'vpcs: []'),
    line: 3,
    column: 7,
    path: 'vpcs',
    message: ['expected at least one VPC', 'got an empty list']
  },
  {
    name: 'bad VPC id',
    text: lines('version: 1', 'region: ap-northeast-1', 'vpcs:', '  - id: vpc-12345', '    endpoints: []'),
    line: 4,
    column: 9,
    path: 'vpcs[0].id',
    message: ['expected a VPC id: vpc- and 8 or 17 hex digits', 'got "vpc-12345"']
  },
  {
    name: 'account as a YAML number keeps its leading zero in the hint',
    text: lines(
      'version: 1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    account: 012345678901',
      '    endpoints: []'
    ),
    line: 5,
    column: 14,
    path: 'vpcs[0].account',
    message: [
      '12-digit AWS account id as a string',
      'got the number 012345678901',
      'put it in quotes: "012345678901"'
    ]
  },
  {
    name: 'unknown key at the top, with did-you-mean',
    text: lines(
      'version: 1',
      'regoin: ap-northeast-1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    endpoints: []'
    ),
    line: 2,
    column: 1,
    path: 'regoin',
    message: ['unknown key `regoin`', 'did you mean `region`?']
  },
  {
    name: 'unknown key on a VPC, with did-you-mean',
    text: lines(
      'version: 1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    role_arn: arn:aws:iam::123456789012:role/x',
      '    endpoints: []'
    ),
    line: 5,
    column: 5,
    path: 'vpcs[0].role_arn',
    message: ['unknown key `role_arn`', 'did you mean `role-arn`?']
  },
  {
    name: 'unknown key on an endpoint, with did-you-mean',
    text: oneVpcWithEndpoints(
      '      - service: s3',
      '        type: Gateway',
      '        route-table: [rtb-0123456789abcdef0]'
    ),
    line: 8,
    column: 9,
    path: 'vpcs[0].endpoints[0].route-table',
    message: ['unknown key `route-table`', 'did you mean `route-tables`?']
  },
  {
    name: 'unknown key with nothing close lists the allowed keys',
    text: oneVpcWithEndpoints('      - service: sns', '        colour: blue'),
    line: 7,
    column: 9,
    path: 'vpcs[0].endpoints[0].colour',
    message: [
      'unknown key `colour`',
      'expected one of service, type, id, private-dns, subnets, route-tables, probe'
    ]
  },
  {
    name: 'misspelt type',
    text: oneVpcWithEndpoints('      - service: sns', '        type: Interfase'),
    line: 7,
    column: 15,
    path: 'vpcs[0].endpoints[0].type',
    message: ['expected one of Interface, Gateway, got "Interfase"', 'did you mean `Interface`?']
  },
  {
    name: 'type in the wrong case',
    text: oneVpcWithEndpoints('      - service: s3', '        type: gateway'),
    line: 7,
    column: 15,
    path: 'vpcs[0].endpoints[0].type',
    message: ['got "gateway"', 'did you mean `Gateway`?']
  },
  {
    name: 'private-dns on a Gateway endpoint points at the key',
    text: oneVpcWithEndpoints('      - service: s3', '        type: Gateway', '        private-dns: true'),
    line: 8,
    column: 9,
    path: 'vpcs[0].endpoints[0].private-dns',
    message: ['`private-dns` applies to Interface endpoints only']
  },
  {
    name: 'route-tables on an Interface endpoint points at the key',
    text: oneVpcWithEndpoints('      - service: sns', '        route-tables: [rtb-0123456789abcdef0]'),
    line: 7,
    column: 9,
    path: 'vpcs[0].endpoints[0].route-tables',
    message: ['`route-tables` applies to Gateway endpoints only', 'the default type', 'use `subnets`']
  },
  {
    name: 's3 without a type points at the endpoint',
    text: oneVpcWithEndpoints('      - service: s3', '        subnets: [subnet-0123456789abcdef0]'),
    line: 6,
    column: 9,
    path: 'vpcs[0].endpoints[0].type',
    message: ['missing `type`', 's3 has both Gateway and Interface endpoints']
  },
  {
    name: 'Gateway for a service that has none',
    text: oneVpcWithEndpoints('      - service: sns', '        type: Gateway'),
    line: 7,
    column: 15,
    path: 'vpcs[0].endpoints[0].type',
    message: ['Gateway endpoints exist only for s3 and dynamodb', 'sns has Interface endpoints']
  },
  {
    name: 'the same service twice in a VPC, once by its full name',
    text: oneVpcWithEndpoints('      - service: sns', '      - service: com.amazonaws.ap-northeast-1.sns'),
    line: 7,
    column: 18,
    path: 'vpcs[0].endpoints[1].service',
    message: ['sns (Interface) is declared twice in this VPC', 'first declared on line 6']
  },
  {
    name: 'the same VPC twice',
    text: lines(
      'version: 1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    endpoints: []',
      '  - id: vpc-0123456789abcdef0',
      '    region: eu-west-1',
      '    endpoints: []'
    ),
    line: 6,
    column: 9,
    path: 'vpcs[1].id',
    message: ['VPC vpc-0123456789abcdef0 is declared twice', 'first declared on line 4']
  },
  {
    name: 'the same endpoint pinned twice',
    text: oneVpcWithEndpoints(
      '      - service: sns',
      '        id: vpce-01251def6b627a209',
      '      - service: sqs',
      '        id: vpce-01251def6b627a209'
    ),
    line: 9,
    column: 13,
    path: 'vpcs[0].endpoints[1].id',
    message: ['endpoint vpce-01251def6b627a209 is pinned twice', 'first declared on line 6']
  },
  {
    name: 'probe without a service prefix',
    text: oneVpcWithEndpoints('      - service: sns', '        probe: ListTopics'),
    line: 7,
    column: 16,
    path: 'vpcs[0].endpoints[0].probe',
    message: ['expected `service:Operation` such as sns:ListTopics, or false', 'got "ListTopics"']
  },
  {
    name: 'probe: true (leaving it out is how to get the default)',
    text: oneVpcWithEndpoints('      - service: sns', '        probe: true'),
    line: 7,
    column: 16,
    path: 'vpcs[0].endpoints[0].probe',
    message: ['expected `service:Operation`', 'got true']
  },
  {
    name: 'YAML syntax error: an unclosed flow list',
    text: oneVpcWithEndpoints(
      '      - service: sns',
      '        subnets: [subnet-0123456789abcdef0',
      '        probe: false'
    ),
    line: 8,
    column: 9,
    path: 'vpcs[0].endpoints[0].probe',
    message: ['invalid YAML', 'must be sufficiently indented and end with a ]']
  },
  {
    name: 'duplicate key',
    text: oneVpcWithEndpoints('      - service: sns', '        service: sqs'),
    line: 7,
    column: 9,
    path: 'vpcs[0].endpoints[0].service',
    message: ['duplicate key `service`']
  },
  {
    name: 'tab indentation',
    text: lines('version: 1', 'region: ap-northeast-1', 'vpcs:', '\t- id: vpc-0123456789abcdef0'),
    line: 4,
    column: 1,
    path: 'vpcs',
    message: ['tab used for indentation']
  },
  {
    name: 'a list at the root',
    text: lines('- id: vpc-0123456789abcdef0', '  endpoints: []'),
    line: 1,
    column: 1,
    path: '',
    message: ['expected a mapping with the keys `version`, `region` and `vpcs`', 'got a list']
  },
  {
    name: 'no region anywhere points at the VPC',
    text: lines('version: 1', 'vpcs:', '  - id: vpc-0123456789abcdef0', '    endpoints: []'),
    line: 3,
    column: 5,
    path: 'vpcs[0].region',
    message: ['no region for this VPC', 'set `region`', 'AWS_REGION']
  },
  {
    name: 'a default region from the environment that is not a region',
    text: lines('version: 1', 'vpcs:', '  - id: vpc-0123456789abcdef0', '    endpoints: []'),
    defaultRegion: 'Tokyo',
    line: 1,
    column: 1,
    path: 'region',
    message: ['default region from the environment ("Tokyo") is not an AWS region']
  },
  {
    name: 'bad region',
    text: lines('version: 1', 'region: tokyo', 'vpcs:', '  - id: vpc-0123456789abcdef0', '    endpoints: []'),
    line: 2,
    column: 9,
    path: 'region',
    message: ['expected an AWS region such as ap-northeast-1', 'got "tokyo"']
  },
  {
    name: 'bad role ARN',
    text: lines(
      'version: 1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    role-arn: arn:aws:iam::123456789012:user/alice',
      '    endpoints: []'
    ),
    line: 5,
    column: 15,
    path: 'vpcs[0].role-arn',
    message: ['expected an IAM role ARN', 'got "arn:aws:iam::123456789012:user/alice"']
  },
  {
    name: 'full service name in another region',
    text: oneVpcWithEndpoints('      - service: com.amazonaws.us-east-1.ecr.api'),
    line: 6,
    column: 18,
    path: 'vpcs[0].endpoints[0].service',
    message: ['for region us-east-1, but this VPC is in ap-northeast-1', 'write the short name `ecr.api`']
  },
  {
    name: 'empty file',
    text: '',
    line: 1,
    column: 1,
    path: '',
    message: ['the manifest is empty']
  },
  {
    name: 'a file of comments only',
    text: lines('# vpc endpoints', '# todo'),
    line: 1,
    column: 1,
    path: '',
    message: ['the manifest is empty']
  },
  {
    name: 'subnet ids as in a hurried example',
    text: oneVpcWithEndpoints(
      '      - service: sns',
      '        subnets: [subnet-0123456789abcdef0, subnet-0aaa]'
    ),
    line: 7,
    column: 45,
    path: 'vpcs[0].endpoints[0].subnets[1]',
    message: ['expected a subnet id: subnet- and 8 or 17 hex digits', 'got "subnet-0aaa"']
  },
  {
    name: 'a subnet listed twice',
    text: oneVpcWithEndpoints(
      '      - service: sns',
      '        subnets:',
      '          - subnet-0123456789abcdef0',
      '          - subnet-0123456789abcdef0'
    ),
    line: 9,
    column: 13,
    path: 'vpcs[0].endpoints[0].subnets[1]',
    message: ['subnet subnet-0123456789abcdef0 is listed twice']
  },
  {
    name: 'endpoints left empty',
    text: lines(
      'version: 1',
      'region: ap-northeast-1',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    endpoints:'
    ),
    line: 5,
    column: 15,
    path: 'vpcs[0].endpoints',
    message: ['expected a list of endpoints (`endpoints: []` declares none)', 'got an empty value']
  },
  {
    name: 'endpoints missing',
    text: lines('version: 1', 'region: ap-northeast-1', 'vpcs:', '  - id: vpc-0123456789abcdef0'),
    line: 4,
    column: 5,
    path: 'vpcs[0].endpoints',
    message: ['missing required key `endpoints`']
  },
  {
    name: 'a CloudFormation tag',
    text: lines(
      'version: 1',
      'region: !Ref AWS::Region',
      'vpcs:',
      '  - id: vpc-0123456789abcdef0',
      '    endpoints: []'
    ),
    line: 2,
    column: 9,
    path: 'region',
    message: ['invalid YAML', 'Unresolved tag: !Ref']
  },
  {
    name: 'JSON: an error is placed on the JSON text',
    text: lines(
      '{',
      '  "version": 1,',
      '  "region": "ap-northeast-1",',
      '  "vpcs": [',
      '    { "id": "vpc-0123456789abcdef0", "endpoints": [{ "service": "s3", "type": "Gateway", "private-dns": false }] }',
      '  ]',
      '}'
    ),
    line: 5,
    column: 90,
    path: 'vpcs[0].endpoints[0].private-dns',
    message: ['`private-dns` applies to Interface endpoints only']
  },
  {
    name: 'JSON: a duplicate key',
    text: lines('{', '  "version": 1,', '  "version": 1,', '  "vpcs": []', '}'),
    line: 3,
    column: 3,
    path: 'version',
    message: ['duplicate key `version`']
  }
]

describe('malformed manifests', () => {
  it.each(cases)('$name', ({ text, defaultRegion, line, column, path, message }) => {
    const problems = problemsOf(text, defaultRegion === undefined ? {} : { defaultRegion })
    expect(problems).toHaveLength(1)
    const [problem] = problems
    expect(problem).toMatchObject({ file: FILE, line, column, path })
    for (const fragment of message) expect(problem?.message).toContain(fragment)
  })

  it('has a case for at least twenty different mistakes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20)
  })
})

describe('several problems at once', () => {
  const text = lines(
    'version: 2', //                                           1
    'region: ap-northeast-1', //                               2
    'vpcs:', //                                                3
    '  - id: vpc-0123456789abcdef0', //                        4
    '    acount: "123456789012"', //                           5
    '    endpoints:', //                                       6
    '      - service: s3', //                                  7
    '        type: Gateway', //                                8
    '        private-dns: false', //                           9
    '      - service: sns', //                                 10
    '        probe: sns.ListTopics', //                        11
    '      - service: sns', //                                 12
    '  - id: vpc-0123456789abcdef0', //                        13
    '    endpoints: []' //                                     14
  )

  it('reports every problem in the file, in line order, in one error', () => {
    const error = manifestError(text)
    expect(error.problems.map(p => `${p.line}:${p.column} ${p.path}`)).toEqual([
      '1:10 version',
      '5:5 vpcs[0].acount',
      '9:9 vpcs[0].endpoints[0].private-dns',
      '11:16 vpcs[0].endpoints[1].probe',
      '12:18 vpcs[0].endpoints[2].service',
      '13:9 vpcs[1].id'
    ])
  })

  it('is a UserError with a one-line headline and one editor-friendly line per problem', () => {
    const error = manifestError(text)
    expect(isUserError(error)).toBe(true)
    expect(error.message).toBe(`6 problems in ${FILE}`)
    expect(error.details).toHaveLength(6)
    expect(error.details[0]).toBe(
      `${FILE}:1:10: version: expected 1, the only manifest version so far, got the number 2`
    )
    expect(error.details[1]).toBe(
      `${FILE}:5:5: vpcs[0].acount: unknown key \`acount\` (did you mean \`account\`?)`
    )
  })

  it('says "1 problem" for one, and leaves the path out for the whole file', () => {
    const error = manifestError('')
    expect(error.message).toBe(`1 problem in ${FILE}`)
    expect(error.details).toEqual([
      `${FILE}:1:1: the manifest is empty; it needs at least \`version: 1\` and \`vpcs\``
    ])
  })

  it('reports YAML syntax errors alone, since the rest of the file cannot be trusted', () => {
    const problems = problemsOf(
      lines('version: 2', 'vpcs:', '  - id: "vpc-0123456789abcdef0', '    endpoints: []')
    )
    expect(problems.every(problem => problem.message.startsWith('invalid YAML'))).toBe(true)
    expect(problems[0]).toMatchObject({ line: 5, column: 1 })
  })
})
