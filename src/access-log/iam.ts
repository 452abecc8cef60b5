import { partition } from '@aws-sdk/core/client'
import type { Manifest } from '../manifest/types.js'

/**
 * The S3 permissions of the access-log method, only for manifests that declare `access-log`, scoped to the
 * declared buckets: s3:ListBucket authorises the probe's HeadBucket on `bucket` and the listing of
 * `log-bucket`; s3:GetObject the reading of the log objects under `log-prefix`.
 */
export interface AccessLogNeed {
  bucket: string
  logBucket: string
  logPrefix: string
  region: string
}

export function accessLogsOf(manifest: Manifest): AccessLogNeed[] {
  return manifest.vpcs.flatMap(vpc =>
    vpc.endpoints.flatMap(d => (d.accessLog ? [{ ...d.accessLog, region: vpc.region }] : []))
  )
}

export function accessLogStatements(needs: readonly AccessLogNeed[]) {
  if (needs.length === 0) return []
  const arn = (n: AccessLogNeed, resource: string) => `arn:${partition(n.region).name}:s3:::${resource}`
  const unique = (xs: string[]) => [...new Set(xs)]
  return [
    {
      Sid: 'VpceProofAccessLogList',
      Effect: 'Allow' as const,
      Action: 's3:ListBucket',
      Resource: unique(needs.flatMap(n => [arn(n, n.bucket), arn(n, n.logBucket)]))
    },
    {
      Sid: 'VpceProofAccessLogRead',
      Effect: 'Allow' as const,
      Action: 's3:GetObject',
      Resource: unique(needs.map(n => arn(n, `${n.logBucket}/${n.logPrefix}*`)))
    }
  ]
}
