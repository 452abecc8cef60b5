import type { VpcDeclaration } from '../../manifest/types.js'
import { finding } from '../finding-builder.js'
import { defineRule } from '../rule-declaration.js'

/** Private DNS for interface endpoints needs both VPC attributes, so they matter only when one relies on it. */
export function reliesOnPrivateDns(vpc: VpcDeclaration): boolean {
  return vpc.endpoints.some(e => e.type === 'Interface' && e.privateDns)
}

function verdictOn(rule: 'vpc-dns-support-enabled' | 'vpc-dns-hostnames-enabled', name: string) {
  return (on: boolean, vpc: VpcDeclaration) => [
    on
      ? finding(rule, 'pass', { vpc }, `${name} is on for ${vpc.id}.`)
      : finding(
          rule,
          'fail',
          { vpc },
          `${name} is off for ${vpc.id}, so private DNS names of its interface endpoints do not resolve to them.`,
          { attribute: name }
        )
  ]
}

const support = verdictOn('vpc-dns-support-enabled', 'enableDnsSupport')
const hostnames = verdictOn('vpc-dns-hostnames-enabled', 'enableDnsHostnames')

export const vpcDnsSupport = defineRule({
  id: 'vpc-dns-support-enabled',
  kind: 'configuration',
  title: 'VPC DNS support is on',
  family: 'DNS / routes',
  found: { fail: 'VPC DNS support is off' },
  severity: 7.0,
  checks:
    'DescribeVpcAttribute `enableDnsSupport` is true (checked when the VPC declares an Interface endpoint with private DNS).',
  why: 'Without the Amazon-provided resolver, private DNS names of interface endpoints never resolve to the endpoint.',
  fix: 'aws ec2 modify-vpc-attribute --vpc-id <vpc> --enable-dns-support "{\\"Value\\":true}"',
  scope: 'vpc',
  reads: ['enableDnsSupport'],
  applies: ({ vpc }) => reliesOnPrivateDns(vpc),
  decide: ({ enableDnsSupport }, { vpc }) => support(enableDnsSupport, vpc)
})

export const vpcDnsHostnames = defineRule({
  id: 'vpc-dns-hostnames-enabled',
  kind: 'configuration',
  title: 'VPC DNS hostnames are on',
  family: 'DNS / routes',
  found: { fail: 'VPC DNS hostnames are off' },
  severity: 7.0,
  checks:
    'DescribeVpcAttribute `enableDnsHostnames` is true (checked when the VPC declares an Interface endpoint with private DNS).',
  why: 'Private DNS for interface endpoints requires both DNS attributes; with hostnames off the service name keeps resolving to public IPs.',
  fix: 'aws ec2 modify-vpc-attribute --vpc-id <vpc> --enable-dns-hostnames "{\\"Value\\":true}"',
  scope: 'vpc',
  reads: ['enableDnsHostnames'],
  applies: ({ vpc }) => reliesOnPrivateDns(vpc),
  decide: ({ enableDnsHostnames }, { vpc }) => hostnames(enableDnsHostnames, vpc)
})
