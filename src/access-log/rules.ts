import type { Rule } from '../model/rule.js'

/** The S3 server access log method of the article (S3アクセスログ): opt-in per S3 endpoint with `access-log`. */
export const accessLogRules = [
  {
    id: 's3-access-log-remote-ip-private',
    family: 'S3 log',
    found: { fail: 'S3 request logged from outside the VPC', inconclusive: 'S3 access log not read' },
    severity: 6.0,
    kind: 'evidence',
    title: "S3 access log shows the probe's request from inside the VPC",
    checks:
      "The probe's HeadBucket on the declared `access-log.bucket` is found in that bucket's server access log (by S3's request id, with this run's marker in its Request-URI), and the line's Remote IP is a private address inside the VPC's subnets. Only for S3 endpoints that declare `access-log`.",
    why: "A request that went through a Gateway or Interface endpoint reaches S3 from the runner's private address; through a NAT or internet gateway S3 sees a public one. The access log records data-plane requests CloudTrail's Event history does not show, and it is written by S3, not by the runner.",
    fix: "A public Remote IP: the runner subnet's route table lacks the S3 prefix-list route to the Gateway endpoint, or (Interface) the hostname does not resolve to the endpoint. Not delivered yet: S3 delivers access logs best effort, usually within a few hours; verify the kept ledger in a later run (docs/workflows/vpce-proof-access-log-nightly.yml). Denied: grant s3:ListBucket on the log bucket and s3:GetObject on its log objects; the probe itself needs s3:ListBucket on the probed bucket. A request denied by a VPC endpoint policy is never logged.",
    permissions: ['s3:ListBucket', 's3:GetObject']
  }
] as const satisfies readonly Rule[]

export type AccessLogRuleId = (typeof accessLogRules)[number]['id']
export const ACCESS_LOG_RULE: AccessLogRuleId = 's3-access-log-remote-ip-private'
