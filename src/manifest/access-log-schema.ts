import { z } from 'zod'

/**
 * `access-log:` on an S3 endpoint: the bucket the probe asks about and where S3 delivers that bucket's server
 * access logs. Opt-in: without it no S3 client is loaded, no request is added and no S3 permission is needed.
 */

/** S3 general purpose bucket names: 3 to 63 lower-case letters, digits, dots and hyphens, a letter or digit at each end. */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/** `s3` or its full service name, the only service with server access logs. */
export const S3_SERVICE_NAME = /^((cn\.)?com\.amazonaws\.[a-z0-9-]+\.)?s3$/

/** A key prefix: printable characters, no control characters (it is shown in reports). */
// eslint-disable-next-line no-control-regex -- keeping control characters out is the point
const LOG_PREFIX = /^[^\u0000-\u001f\u007f]{0,512}$/

const bucket = (what: string) =>
  z
    .string({ error: `expected ${what}: an S3 bucket name such as my-probe-bucket` })
    .regex(BUCKET_NAME, { error: `expected ${what}: an S3 bucket name (3 to 63 of a-z, 0-9, '.', '-')` })

export const accessLogSchema = z
  .strictObject(
    {
      bucket: bucket('the bucket the probe asks about').meta({
        description:
          'The bucket the probe sends one HeadBucket to (through this endpoint). Its server access logging ' +
          'must be on. A bucket with little other traffic keeps the log small to search.',
        examples: ['my-vpce-probe-bucket']
      }),
      'log-bucket': bucket('the log bucket').meta({
        description: "The target bucket of the bucket's server access logging (same account and region).",
        examples: ['my-access-logs']
      }),
      'log-prefix': z
        .string({ error: 'expected the target prefix of the logging configuration, e.g. logs/' })
        .regex(LOG_PREFIX, {
          error: 'expected a key prefix without control characters, at most 512 characters'
        })
        .optional()
        .meta({
          description: 'The target prefix of the logging configuration (default: none).',
          default: ''
        }),
      'key-format': z
        .enum(['simple', 'partitioned'], { error: 'expected simple or partitioned' })
        .optional()
        .meta({
          description:
            'How S3 names the log objects: `simple` (SimplePrefix: [prefix]YYYY-mm-DD-HH-MM-SS-UniqueString, the ' +
            'default) or `partitioned` (PartitionedPrefix: [prefix][account]/[region]/[bucket]/YYYY/MM/DD/…; ' +
            "the account is the VPC's `account`, else the VPC owner).",
          default: 'simple'
        })
    },
    { error: 'expected a mapping with `bucket` and `log-bucket` (and optionally `log-prefix`, `key-format`)' }
  )
  .meta({
    title: 'S3 server access log',
    description:
      'Opt-in evidence for S3 endpoints: the probe adds one HeadBucket to `bucket`, and the verify step finds ' +
      "that request's line in the server access log and reads its Remote IP (private and inside the VPC = the " +
      'request came from the VPC). S3 delivers these logs best effort, usually within a few hours: verify in ' +
      'a later run from the kept ledger (docs/workflows/vpce-proof-access-log-nightly.yml).'
  })

export type ParsedAccessLog = z.output<typeof accessLogSchema>
