import type { Rule } from '../model/rule.js'

/** Rules about the traffic itself: probes found again in CloudTrail, and DNS answers. */
export const evidenceRules = [
  {
    id: 'probe-answered',
    family: 'CloudTrail',
    found: { fail: 'Probe call got no answer', inconclusive: 'Probe call not sent' },
    severity: 5.0,
    kind: 'evidence',
    title: 'Probe call was sent',
    checks:
      "A harmless read-only call (the endpoint's probe) reached the service's standard regional hostname and got an HTTP answer; skipped for `probe: false` and for services without a call that CloudTrail records as a management event (SQS).",
    why: 'Without a probe there is no traffic to find in CloudTrail, so the endpoint keeps only its configuration and DNS checks.',
    fix: "A timeout or refused connection usually means the endpoint's security group does not allow HTTPS (443) from the runner, or the runner has no route to the service. An authentication error (InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken) is not logged by CloudTrail: fix the runner's credentials."
  },
  {
    id: 'cloudtrail-record-found',
    family: 'CloudTrail',
    found: { fail: 'Probe not found in CloudTrail', inconclusive: 'Probe not yet in CloudTrail' },
    severity: 5.0,
    kind: 'evidence',
    title: 'Probe found in CloudTrail',
    checks:
      "The probe's CloudTrail record is returned by LookupEvents (filtered by the probing access key, matched by request id) before `evidence-timeout`.",
    why: 'CloudTrail delivers events about 5 minutes after the call on average, without a guarantee; until the record arrives the path cannot be judged.',
    fix: "Raise `evidence-timeout`, or run `mode: verify` later in the job. Check that CloudTrail Event history is available in the probe's region (it holds management events for 90 days), that trails do not exclude the service's events (e.g. KMS), and that the verifying credentials may call `cloudtrail:LookupEvents`."
  },
  {
    id: 'traffic-via-endpoint',
    family: 'CloudTrail',
    found: { fail: 'Probe bypassed the declared endpoint' },
    severity: 8.0,
    kind: 'evidence',
    title: 'Probe went through the declared endpoint',
    checks: "The probe's CloudTrail record carries `vpcEndpointId` equal to the declared endpoint's id.",
    why: 'AWS writes `vpcEndpointId` into the record of every call that came through a VPC endpoint. Without it the call went around the endpoint (NAT or internet gateway) even if the configuration looks right; with another id it used a different endpoint than the one you reviewed.',
    fix: "Without `vpcEndpointId`: check that the runner's resolver is the VPC's (AmazonProvidedDNS or a Route 53 Resolver with the endpoint's private zone), that private DNS is on for Interface endpoints, and that the runner subnet's route table has the prefix-list route for Gateway endpoints. With another endpoint's id: pin the right `id` in the manifest or remove the duplicate endpoint."
  },
  {
    id: 'endpoint-account-matches',
    family: 'Account',
    found: { fail: 'Endpoint belongs to another account' },
    severity: 8.0,
    kind: 'evidence',
    title: 'Endpoint belongs to the expected account',
    checks:
      "Where the record carries `vpcEndpointAccountId`, it equals the endpoint owner's account (from the inventory, else the manifest's `account`).",
    why: 'An endpoint owned by another account carries your traffic under a policy you do not control.',
    fix: 'Route the traffic through an endpoint in your own account, or correct `account` in the manifest.'
  },
  {
    id: 'source-ip-private',
    family: 'Source IP',
    found: { fail: 'Probe came from a public address' },
    severity: 7.0,
    kind: 'evidence',
    title: 'Probe came from a private address',
    checks:
      "The record's `sourceIPAddress` is a private address (RFC 1918, 100.64.0.0/10, or inside the VPC's subnets), not a public one.",
    why: "A call through an endpoint shows the caller's private VPC address; a public address means it left through a NAT or internet gateway (or the runner is outside the VPC).",
    fix: 'Same as for a missing `vpcEndpointId`: DNS, private DNS, and route tables of the runner subnet. Run the evidence step on a runner inside the VPC.'
  },
  {
    id: 'dns-resolves-to-endpoint',
    family: 'DNS answer',
    found: { fail: 'Hostname resolves outside the endpoint' },
    severity: 7.0,
    kind: 'evidence',
    title: "Service hostname resolves to the endpoint's ENIs",
    checks:
      "From the runner, the service's standard hostname (A and AAAA) resolves only to private IPs of the Interface endpoint's network interfaces. Skipped for Gateway endpoints, for `private-dns: false` and for `PrivateDnsOnlyForInboundResolverEndpoint`.",
    why: 'SDKs call the standard hostname; if it resolves to public addresses, traffic goes around the Interface endpoint although the endpoint exists.',
    fix: "Turn on private DNS for the endpoint and DNS support and hostnames for the VPC; if the runner uses its own resolver, forward the service's zone to the VPC resolver (Route 53 Resolver outbound/inbound endpoints)."
  }
] as const satisfies readonly Rule[]

export type EvidenceRuleId = (typeof evidenceRules)[number]['id']
