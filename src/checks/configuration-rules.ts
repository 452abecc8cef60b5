import type { Rule } from '../model/rule.js'

/** Rules about the live EC2 configuration of a declared VPC and its endpoints. */
export const configurationRules = [
  {
    id: 'vpc-missing',
    kind: 'configuration',
    title: 'VPC exists',
    checks: 'The declared VPC is returned by DescribeVpcs in the declared region and account.',
    why: 'Every other check is about this VPC; a typo or the wrong region/account makes them meaningless.',
    fix: 'Correct the VPC id, `region` or credentials (or `role-arn`) in the manifest.'
  },
  {
    id: 'account-mismatch',
    kind: 'configuration',
    title: 'Caller is in the declared account',
    checks: "STS GetCallerIdentity returns the manifest's `account` for this VPC.",
    why: "Checking the right VPC id in the wrong account would report on somebody else's network.",
    fix: 'Use credentials (or `role-arn`) for the declared account, or correct `account`.'
  },
  {
    id: 'vpc-dns-support',
    kind: 'configuration',
    title: 'VPC DNS support is on',
    checks:
      'DescribeVpcAttribute `enableDnsSupport` is true (checked when the VPC declares an Interface endpoint with private DNS).',
    why: 'Without the Amazon-provided resolver, private DNS names of interface endpoints never resolve to the endpoint.',
    fix: 'aws ec2 modify-vpc-attribute --vpc-id <vpc> --enable-dns-support "{\\"Value\\":true}"'
  },
  {
    id: 'vpc-dns-hostnames',
    kind: 'configuration',
    title: 'VPC DNS hostnames are on',
    checks:
      'DescribeVpcAttribute `enableDnsHostnames` is true (checked when the VPC declares an Interface endpoint with private DNS).',
    why: 'Private DNS for interface endpoints requires both DNS attributes; with hostnames off the service name keeps resolving to public IPs.',
    fix: 'aws ec2 modify-vpc-attribute --vpc-id <vpc> --enable-dns-hostnames "{\\"Value\\":true}"'
  },
  {
    id: 'endpoint-missing',
    kind: 'configuration',
    title: 'Declared endpoint exists',
    checks:
      'An endpoint with the pinned `id` (or, without one, with the declared service name) exists in the VPC.',
    why: 'Without the endpoint, traffic to the service leaves through a NAT or internet gateway, or fails.',
    fix: 'Create the endpoint (Terraform aws_vpc_endpoint, CloudFormation AWS::EC2::VPCEndpoint) or correct the `id`/`service`.'
  },
  {
    id: 'endpoint-available',
    kind: 'configuration',
    title: 'Endpoint is available',
    checks:
      'The endpoint state is `available` (not pendingAcceptance, pending, rejected, failed, expired, deleting).',
    why: 'An endpoint in any other state carries no traffic.',
    fix: 'Accept the connection on the service side, or recreate a failed/rejected endpoint; wait for pending ones.'
  },
  {
    id: 'endpoint-type',
    kind: 'configuration',
    title: 'Endpoint type matches',
    checks: 'The endpoint found is of the declared `type` (Interface or Gateway).',
    why: 'S3 has both kinds, and they behave differently: gateway endpoints route by prefix list, interface endpoints by DNS.',
    fix: 'Change `type` in the manifest to what you meant, or replace the endpoint.'
  },
  {
    id: 'interface-private-dns',
    kind: 'configuration',
    title: 'Interface endpoint has private DNS on',
    checks: 'An Interface endpoint declared with `private-dns: true` (the default) has PrivateDnsEnabled.',
    why: 'With private DNS off, the standard service hostname still resolves to public IPs and SDKs bypass the endpoint.',
    fix: 'aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce> --private-dns-enabled (or set `private-dns: false` if you call the endpoint-specific name).'
  },
  {
    id: 'interface-subnet-eni',
    kind: 'configuration',
    title: 'Endpoint has an ENI in each declared subnet',
    checks: 'For every declared subnet of an Interface endpoint, the endpoint has a network interface in it.',
    why: 'Workloads reach the endpoint in their own Availability Zone; a missing subnet means cross-AZ traffic or no endpoint in that AZ.',
    fix: 'aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce> --add-subnet-ids <subnet>'
  },
  {
    id: 'gateway-route',
    kind: 'configuration',
    title: 'Gateway endpoint route is in the route table',
    checks:
      "Each declared route table, and the table each declared subnet really uses (its explicit association, else the VPC's main table), has an active route from the service's prefix list to the endpoint.",
    why: 'A subnet whose table lacks the prefix-list route sends S3/DynamoDB traffic through NAT or the internet gateway.',
    fix: 'aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce> --add-route-table-ids <rtb>'
  },
  {
    id: 'gateway-route-blackhole',
    kind: 'configuration',
    title: 'Gateway endpoint route is not a blackhole',
    checks: 'The prefix-list route in the route tables checked is `active`, not `blackhole`.',
    why: 'A blackhole route drops the traffic it matches.',
    fix: 'Recreate the endpoint or its route table association; a blackhole route points at an endpoint that no longer exists.'
  },
  {
    id: 'gateway-route-shadowed',
    kind: 'configuration',
    title: 'No more specific route takes gateway endpoint traffic',
    checks:
      "No active CIDR route in the checked tables is at least as specific as one of the service prefix list's CIDRs and inside it.",
    why: 'Routing picks the longest prefix (and a CIDR route beats a prefix-list route of the same length), so such a route sends part of the service traffic to NAT or the internet gateway although the endpoint route is present.',
    fix: 'Remove the more specific route, or point it at the endpoint by removing it and relying on the prefix-list route.'
  },
  {
    id: 'endpoint-undeclared',
    kind: 'configuration',
    title: 'No undeclared endpoints (drift)',
    checks: 'Every endpoint in the VPC is declared in the manifest.',
    why: 'An undeclared endpoint is drift: it may change traffic paths (and costs) without review.',
    fix: 'Declare the endpoint in the manifest, or delete it if nobody needs it.'
  }
] as const satisfies readonly Rule[]

export type RuleId = (typeof configurationRules)[number]['id']
