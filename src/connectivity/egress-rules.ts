import type { Rule } from '../model/rule.js'

/**
 * The article's connectivity method (接続性で確認): in a private subnet without internet egress, an API call
 * that works can only have used a VPC endpoint. Opt-in per VPC with `egress: none` in the manifest.
 */
export const egressRules = [
  {
    id: 'egress-blocked',
    family: 'Internet',
    found: { fail: 'Runner subnet reaches the internet', inconclusive: 'Internet test not decided' },
    severity: 6.0,
    kind: 'evidence',
    title: 'Runner subnet does not reach the internet',
    checks:
      'For a VPC declared `egress: none`, the runner (inside that VPC) opens a TCP connection to a public address (`egress-target`, default www.amazon.com:443) with a 3-second timeout. Pass when nothing answers (or the kernel has no route); fail when the connection opens. Skipped for `egress: allowed` or no `egress`; inconclusive when where the runner is cannot be measured, or when the attempt was refused or the name did not resolve.',
    why: 'The article\u2019s private-subnet test: a subnet that cannot reach the internet can reach AWS APIs only through endpoints. If it does reach the internet (a NAT or internet gateway route), a working call proves nothing about the endpoints, and the subnet is not what the manifest says.',
    fix: 'Remove the `0.0.0.0/0` (and `::/0`) route to the NAT or internet gateway from the route table of the runner\u2019s subnet, or declare `egress: allowed` if internet access is intended. If a firewall rejects (refused), point `egress-target` at an address it drops, or at an IP literal when the name does not resolve.'
  },
  {
    id: 'api-reached-without-internet',
    family: 'Internet',
    found: { fail: 'API did not answer without internet', inconclusive: 'No-internet proof not available' },
    severity: 5.0,
    kind: 'evidence',
    title: 'API answered while the internet did not',
    checks:
      'For each endpoint of a VPC declared `egress: none` whose probe was sent: the probe got an HTTP answer (any status: a denial is an answer too) while `egress-blocked` passed. Fail when the probe got no answer; inconclusive when the internet test did not pass.',
    why: 'With no internet path, the service can only have been reached through a private path (the endpoint): a verdict available at once, without waiting for CloudTrail.',
    fix: 'Inconclusive: make `egress-blocked` pass first (its finding says why it did not); this rule is decided only on a runner that cannot reach the internet. Failed (the probe got no answer): the endpoint does not carry the call. Check its security group allows HTTPS (443) from the runner\u2019s subnet, that private DNS is on (Interface), or that the subnet\u2019s route table has the prefix-list route (Gateway).'
  }
] as const satisfies readonly Rule[]

export type EgressRuleId = (typeof egressRules)[number]['id']
