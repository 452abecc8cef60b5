import { z } from 'zod'
import { ignoreListSchema } from './ignore-schema.js'
import {
  ACCOUNT_ID,
  ENDPOINT_ID,
  GATEWAY_SERVICE_NAME,
  GATEWAY_SERVICES,
  PROBE,
  REACHABILITY_SOURCE,
  REGION,
  ROLE_ARN,
  ROUTE_TABLE_ID,
  SERVICE_NAME,
  SUBNET_ID,
  VPC_ID
} from './patterns.js'
import { accessLogSchema, S3_SERVICE_NAME } from './access-log-schema.js'

/**
 * The manifest's shape: the single source of truth for the loader (through zod) and for editors (through the
 * emitted JSON Schema). Every message here says what was expected; the loader adds what was found and where.
 * Rules that need the region or the whole file (service names, duplicates) live in resolve.ts.
 */

/** Carried by custom issues whose problem is the key being there at all, so the error points at the key. */
export interface IssueParams {
  at?: 'key'
}
const AT_KEY: IssueParams = { at: 'key' }

function matching(pattern: RegExp, expected: string) {
  return z.string({ error: expected }).regex(pattern, { error: expected })
}

/** Runs object-level rules even when a field failed, so one pass reports every problem it can. */
const whenObject = { when: (payload: { value: unknown }) => isRecord(payload.value) }
const whenArray = { when: (payload: { value: unknown }) => Array.isArray(payload.value) }

function uniqueList(item: z.ZodString, expected: string, what: string) {
  return z
    .array(item, { error: expected })
    .superRefine((list, ctx) => {
      list.forEach((value, index) => {
        if (list.indexOf(value) !== index) {
          ctx.addIssue({ code: 'custom', path: [index], message: `${what} ${String(value)} is listed twice` })
        }
      })
    }, whenArray)
    .meta({ uniqueItems: true })
}

export const regionSchema = matching(REGION, 'expected an AWS region such as ap-northeast-1').meta({
  description:
    'AWS region, e.g. ap-northeast-1. At the top level it is the default for every VPC; when no region is set ' +
    'anywhere, AWS_REGION (or AWS_DEFAULT_REGION) is used.',
  examples: ['ap-northeast-1']
})

const gatewayServiceList = GATEWAY_SERVICES.join(' and ')

export const endpointSchema = z
  .strictObject(
    {
      service: matching(
        SERVICE_NAME,
        'expected a service name: a short one such as sns or ecr.api, or a full one such as com.amazonaws.ap-northeast-1.sns'
      ).meta({
        description:
          "The AWS service. A short name (sns, ecr.api, s3) means com.amazonaws.<region>.<name> in the VPC's " +
          'region; a full service name (com.amazonaws.eu-west-1.sns, aws.sagemaker.eu-west-1.notebook) is used ' +
          "as written and must name the VPC's region.",
        examples: ['sns', 'ecr.api', 's3', 'com.amazonaws.ap-northeast-1.sns']
      }),
      type: z
        .enum(['Interface', 'Gateway'], { error: 'expected one of Interface, Gateway' })
        .optional()
        .meta({
          description:
            `Endpoint type, spelled as AWS spells it. Defaults to Interface, except for ${gatewayServiceList}, ` +
            'which have both kinds and must say which one is meant. Gateway endpoints exist only for ' +
            `${gatewayServiceList}.`
        }),
      id: matching(ENDPOINT_ID, 'expected a VPC endpoint id: vpce- and 8 or 17 hex digits')
        .optional()
        .meta({
          description:
            'Pins the endpoint: this exact endpoint must serve the service. Without it the endpoint is found by ' +
            'service name and type in the VPC.',
          examples: ['vpce-01251def6b627a209']
        }),
      'private-dns': z
        .boolean({ error: 'expected true or false' })
        .optional()
        .meta({
          description:
            "Interface endpoints only: whether private DNS names must be enabled, so the service's regular " +
            'hostname resolves to the endpoint. Defaults to true.',
          default: true
        }),
      subnets: uniqueList(
        matching(SUBNET_ID, 'expected a subnet id: subnet- and 8 or 17 hex digits').meta({
          description: 'A subnet id.'
        }),
        'expected a list of subnet ids',
        'subnet'
      )
        .optional()
        .meta({
          description:
            'Interface: an endpoint network interface must sit in each of these subnets. Gateway: the route to ' +
            'the endpoint must be in the route table each subnet uses (its explicit association, else the main ' +
            'table).',
          examples: [['subnet-0123456789abcdef0']]
        }),
      'route-tables': uniqueList(
        matching(ROUTE_TABLE_ID, 'expected a route table id: rtb- and 8 or 17 hex digits').meta({
          description: 'A route table id.'
        }),
        'expected a list of route table ids',
        'route table'
      )
        .optional()
        .meta({
          description:
            'Gateway endpoints only: the route to the endpoint must be in each of these route tables.',
          examples: [['rtb-0123456789abcdef0']]
        }),
      probe: z
        .union(
          [
            matching(PROBE, 'expected `service:Operation` such as sns:ListTopics, or false for no probe'),
            z.literal(false)
          ],
          { error: 'expected `service:Operation` such as sns:ListTopics, or false for no probe' }
        )
        .optional()
        .meta({
          description:
            'The harmless read-only call sent through the endpoint and looked up in CloudTrail, as ' +
            '`service:Operation`. Leave it out for the built-in default of the service; false sends no probe ' +
            '(configuration and DNS checks only).',
          examples: ['sns:ListTopics', false]
        }),
      'access-log': accessLogSchema.optional()
    },
    { error: 'expected an endpoint: a mapping with at least `service`' }
  )
  .superRefine((endpoint, ctx) => {
    const fields: Record<string, unknown> = endpoint
    const { service, type } = fields
    const gatewayCapable = typeof service === 'string' && GATEWAY_SERVICE_NAME.test(service)
    if (type === undefined && gatewayCapable) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message:
          `missing \`type\`: ${service} has both Gateway and Interface endpoints, ` +
          'so say which one this is (type: Gateway or type: Interface)'
      })
    }
    if (type === 'Gateway' && typeof service === 'string' && SERVICE_NAME.test(service) && !gatewayCapable) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `Gateway endpoints exist only for ${gatewayServiceList}; ${service} has Interface endpoints`
      })
    }
    if (type === 'Gateway' && 'private-dns' in fields) {
      ctx.addIssue({
        code: 'custom',
        path: ['private-dns'],
        params: AT_KEY,
        message: '`private-dns` applies to Interface endpoints only; remove it from this Gateway endpoint'
      })
    }
    if ('access-log' in fields && typeof service === 'string' && !S3_SERVICE_NAME.test(service)) {
      ctx.addIssue({
        code: 'custom',
        path: ['access-log'],
        params: AT_KEY,
        message: `\`access-log\` applies to S3 endpoints only (server access logs are S3's); ${service} has none`
      })
    }
    if ((type === undefined || type === 'Interface') && 'route-tables' in fields) {
      const which = type === undefined ? 'an Interface endpoint (the default type)' : 'an Interface endpoint'
      ctx.addIssue({
        code: 'custom',
        path: ['route-tables'],
        params: AT_KEY,
        message: `\`route-tables\` applies to Gateway endpoints only, and this is ${which}; use \`subnets\``
      })
    }
  }, whenObject)
  .meta({
    title: 'Endpoint',
    description: 'One VPC endpoint the VPC must have, and through which its traffic to the service must go.',
    // The cross-field rules above, restated for editors; the loader's messages come from the refinement.
    allOf: [
      {
        if: { properties: { type: { type: 'string', const: 'Gateway' } }, required: ['type'] },
        then: {
          not: { required: ['private-dns'] },
          properties: { service: { type: 'string', pattern: GATEWAY_SERVICE_NAME.source } }
        },
        else: { not: { required: ['route-tables'] } }
      },
      {
        if: {
          properties: { service: { type: 'string', pattern: GATEWAY_SERVICE_NAME.source } },
          required: ['service']
        },
        then: { required: ['type'] }
      },
      {
        if: {
          properties: { service: { type: 'string', pattern: S3_SERVICE_NAME.source } },
          required: ['service']
        },
        else: { not: { required: ['access-log'] } }
      }
    ]
  })

/** The article's connectivity test: a subnet without internet egress whose API calls still work (src/connectivity/). */
const egressSchema = z
  .enum(['none', 'allowed'], { error: 'expected none or allowed' })
  .optional()
  .meta({
    description:
      "The internet egress this VPC's runner subnet is expected to have. `none`: the runner must not reach the " +
      'internet (no NAT or internet gateway route); vpce-proof then tries a TCP connection to a public address ' +
      '(`egress-target`) and, when it fails while the probes are answered, proves the calls used endpoints. ' +
      '`allowed`, or left out: not checked.',
    examples: ['none']
  })

export const vpcSchema = z
  .strictObject(
    {
      id: matching(VPC_ID, 'expected a VPC id: vpc- and 8 or 17 hex digits, e.g. vpc-0123456789abcdef0').meta(
        {
          description: 'The VPC id.',
          examples: ['vpc-0123456789abcdef0']
        }
      ),
      region: regionSchema.optional().meta({
        description: "The VPC's region, when it differs from the top-level `region`."
      }),
      account: matching(ACCOUNT_ID, 'expected the 12-digit AWS account id as a string, e.g. "123456789012"')
        .optional()
        .meta({
          description:
            'The account that owns the VPC, asserted against the caller identity. Quote it: YAML reads bare ' +
            'digits as a number.',
          examples: ['123456789012']
        }),
      'role-arn': matching(
        ROLE_ARN,
        'expected an IAM role ARN such as arn:aws:iam::123456789012:role/vpce-proof'
      )
        .optional()
        .meta({
          description: 'A role to assume for this VPC, e.g. when it lives in another account.',
          examples: ['arn:aws:iam::123456789012:role/vpce-proof']
        }),
      'reachability-source': matching(
        REACHABILITY_SOURCE,
        'expected a network interface id (eni-…) or an instance id (i-…), 8 or 17 hex digits'
      )
        .optional()
        .meta({
          description:
            'Only with reachability on (input `reachability`, flag `--reachability`): where the Reachability ' +
            "Analyzer paths to this VPC's endpoints start. Default: the runner's own network interface (from " +
            'instance metadata), which needs the runner to be an EC2 instance in this VPC.',
          examples: ['eni-0123456789abcdef0', 'i-0123456789abcdef0']
        }),
      egress: egressSchema,
      endpoints: z
        .array(endpointSchema, { error: 'expected a list of endpoints (`endpoints: []` declares none)' })
        .meta({
          description:
            'The endpoints this VPC must have. An empty list is allowed: the VPC is then checked for undeclared ' +
            'endpoints (drift) and DNS settings only.'
        })
    },
    { error: 'expected a VPC: a mapping with `id` and `endpoints`' }
  )
  .meta({ title: 'VPC', description: 'A VPC and the endpoints it must have.' })

export const manifestSchema = z
  .strictObject(
    {
      $schema: z.string({ error: 'expected the URL or path of the JSON Schema' }).optional().meta({
        description: 'The JSON Schema for this file, for editors. Ignored by vpce-proof.'
      }),
      version: z.literal(1, { error: 'expected 1, the only manifest version so far' }).meta({
        description: 'Manifest format version. Always 1.'
      }),
      region: regionSchema.optional(),
      vpcs: z
        .array(vpcSchema, { error: 'expected a list of VPCs' })
        .min(1, { error: 'expected at least one VPC' })
        .meta({ description: 'The VPCs to check, at least one.' }),
      ignore: ignoreListSchema
    },
    { error: 'expected a mapping with the keys `version`, `region` and `vpcs`' }
  )
  .meta({
    title: 'vpce-proof manifest',
    description:
      'The VPC endpoints a VPC must have and use, checked by vpce-proof: configuration in EC2, DNS answers ' +
      'and CloudTrail evidence of probe calls.'
  })

export type ParsedManifest = z.output<typeof manifestSchema>
export type ParsedVpc = z.output<typeof vpcSchema>
export type ParsedEndpoint = z.output<typeof endpointSchema>

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
