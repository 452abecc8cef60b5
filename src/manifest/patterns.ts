/**
 * Shapes of the AWS identifiers a manifest names. They live apart from the schema because the service-name
 * rules and the emitted JSON Schema use them too. No flags: they go into JSON Schema `pattern` as written.
 */

/** `vpc-`, `vpce-`, `subnet-`, `rtb-`: AWS resource ids are the prefix and 8 (older) or 17 hex digits. */
export function resourceIdPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`)
}

export const VPC_ID = resourceIdPattern('vpc')
export const ENDPOINT_ID = resourceIdPattern('vpce')
export const SUBNET_ID = resourceIdPattern('subnet')
export const ROUTE_TABLE_ID = resourceIdPattern('rtb')

/** Where Reachability Analyzer paths start: a network interface or an instance. */
export const REACHABILITY_SOURCE = /^(eni|i)-([0-9a-f]{8}|[0-9a-f]{17})$/

/** us-east-1, ap-northeast-1, us-gov-west-1, cn-north-1, us-isob-east-1, eusc-de-east-1 … */
export const REGION = /^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$/

export const ACCOUNT_ID = /^[0-9]{12}$/

/** IAM role ARN in any partition (aws, aws-cn, aws-us-gov …); a role may sit under a path. */
export const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_/-]{1,512}$/

/** A short name (`sns`, `ecr.api`) or a full one (`com.amazonaws.eu-west-1.sns`): dot-separated lower-case words. */
export const SERVICE_NAME = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$/

/** `service:Operation` as IAM spells actions, e.g. `sns:ListTopics`, `cloudwatch:DescribeAlarms`. */
export const PROBE = /^[a-z0-9-]+:[A-Z][A-Za-z0-9]*$/

/**
 * Services that offer both a Gateway and an Interface endpoint, so a manifest must say which one it means.
 * They are also the only services with Gateway endpoints.
 */
export const GATEWAY_SERVICES = ['s3', 'dynamodb'] as const

/** Matches a gateway-capable service by short or full name, for the JSON Schema's conditional rules. */
export const GATEWAY_SERVICE_NAME = /^((cn\.)?com\.amazonaws\.[a-z0-9-]+\.)?(s3|dynamodb)$/
