import { finding } from '../finding-builder.js'
import { defineRule, endpointSubject } from '../rule-declaration.js'

/**
 * `private-dns-enabled`: with it off, the standard hostname resolves to public IPs and SDKs go around.
 * The endpoint's own flag is not enough: with the VPC's DNS attributes off its names do not resolve
 * either, and the endpoint's line must say so rather than pass.
 */
export const interfacePrivateDns = defineRule({
  id: 'private-dns-enabled',
  kind: 'configuration',
  title: 'Private DNS is on',
  family: 'DNS / routes',
  found: { pass: 'Private DNS is on', fail: 'Private DNS is off' },
  severity: 7.0,
  checks:
    "An Interface endpoint declared with `private-dns: true` (the default) has PrivateDnsEnabled, and its VPC's `enableDnsSupport` and `enableDnsHostnames` are on.",
  why: 'With private DNS off, the standard service hostname still resolves to public IPs and SDKs bypass the endpoint.',
  fix: 'aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce> --private-dns-enabled (or set `private-dns: false` if you call the endpoint-specific name); turn on both VPC DNS attributes.',
  scope: 'endpoint',
  forType: 'Interface',
  reads: ['endpoints', 'enableDnsSupport', 'enableDnsHostnames'],
  applies: ({ decl }) =>
    decl.privateDns || 'private-dns: false is declared; clients must call the endpoint-specific DNS name.',
  decide: ({ enableDnsSupport, enableDnsHostnames }, ctx) => {
    const { endpoint, decl, vpc } = ctx
    const subject = endpointSubject(ctx)
    if (!endpoint.privateDnsEnabled) {
      return [
        finding(
          'private-dns-enabled',
          'fail',
          subject,
          `Private DNS is off for ${endpoint.id}: ${decl.service}'s standard hostname resolves to public IPs, so SDK calls bypass the endpoint.`,
          { privateDnsEnabled: 'false' }
        )
      ]
    }
    const off = [
      ...(enableDnsSupport ? [] : ['enableDnsSupport']),
      ...(enableDnsHostnames ? [] : ['enableDnsHostnames'])
    ]
    if (off.length > 0) {
      return [
        {
          ...finding(
            'private-dns-enabled',
            'fail',
            subject,
            `Private DNS is on for ${endpoint.id}, but ${vpc.id} has ${off.join(' and ')} off: ${decl.service}'s standard hostname does not resolve to the endpoint, so SDK calls bypass it.`,
            { privateDnsEnabled: 'true', 'vpc-attributes-off': off.join(', ') }
          ),
          title: 'Private DNS names do not resolve (VPC DNS off)'
        }
      ]
    }
    return [finding('private-dns-enabled', 'pass', subject, `Private DNS is on for ${endpoint.id}.`)]
  }
})
