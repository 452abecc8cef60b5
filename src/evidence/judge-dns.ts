import type { Finding } from '../model/finding.js'
import type { DnsAnswers } from './dns.js'
import { evidenceFinding } from './evidence-finding.js'
import { classifyIp, normaliseIp } from './ip-class.js'
import type { EndpointLink } from './probe-record.js'

export interface DnsExpectation {
  /** The endpoint's id, when known (for the finding). */
  endpointId?: string
  /** From the inventory: answers are then private-by-design only for the inbound resolver, so not judged. */
  privateDnsOnlyForInboundResolverEndpoint?: boolean
  /** Private IPv4 and IPv6 addresses of the endpoint's network interfaces; undefined when unknown. */
  eniIps?: readonly string[]
  /** Why the ENI addresses are unknown (e.g. `ec2:DescribeNetworkInterfaces` denied). */
  eniIpsProblem?: string
}

const DNS_ERRORS: Record<string, string> = {
  ENOTFOUND: 'does not exist (NXDOMAIN)',
  ENODATA: 'has no A or AAAA records',
  ETIMEOUT: 'got no answer in time',
  ECONNREFUSED: 'could not be asked: the DNS server refused the connection',
  ESERVFAIL: 'could not be answered (SERVFAIL)',
  EREFUSED: 'was refused by the DNS server'
}

/**
 * Judges what the service hostname resolved to from the runner: every answer must be a private IP of
 * the Interface endpoint's ENIs. Public answers are expected for Gateway endpoints and for endpoints whose
 * private DNS is off or limited to inbound resolver endpoints, so those are skipped.
 */
export function judgeDns(
  link: EndpointLink,
  answers: DnsAnswers | undefined,
  expect: DnsExpectation
): Finding {
  const skip = (reason: string) =>
    evidenceFinding(
      link,
      'dns-resolves-to-endpoint',
      'skipped',
      reason,
      { host: answers?.host },
      expect.endpointId
    )
  if (link.type === 'Gateway') {
    return skip(
      `Not checked for Gateway endpoints: ${link.service} is reached by route, and its hostname resolves to public IPs by design.`
    )
  }
  if (!link.privateDns) {
    return skip(
      'Not checked: the endpoint is declared with `private-dns: false`, so the standard hostname is not expected to resolve to it.'
    )
  }
  if (expect.privateDnsOnlyForInboundResolverEndpoint) {
    return skip(
      'Not checked: the endpoint has PrivateDnsOnlyForInboundResolverEndpoint, so the VPC resolver answers public IPs (traffic from the VPC takes the Gateway endpoint).'
    )
  }
  if (!answers) return skip(`Not checked: vpce-proof knows no standard hostname for ${link.service}.`)
  const all = [...answers.ipv4, ...answers.ipv6]
  const ev = {
    host: answers.host,
    answers: all.join(', '),
    dnsServers: answers.servers.join(', ') || 'system',
    eniIps: expect.eniIps?.join(', ')
  }
  if (answers.error || all.length === 0) {
    const code = answers.error?.code ?? 'ENODATA'
    return evidenceFinding(
      link,
      'dns-resolves-to-endpoint',
      'inconclusive',
      `${answers.host} ${DNS_ERRORS[code] ?? `could not be resolved (${code})`} from the runner, so its answer cannot be compared with the endpoint's addresses.`,
      { ...ev, dnsError: code },
      expect.endpointId
    )
  }
  if (!expect.eniIps || expect.eniIps.length === 0) {
    return evidenceFinding(
      link,
      'dns-resolves-to-endpoint',
      'inconclusive',
      `${answers.host} resolved to ${all.join(', ')}, but the endpoint's network interface addresses are unknown${expect.eniIpsProblem ? ` (${expect.eniIpsProblem})` : ''}, so they cannot be compared.`,
      ev,
      expect.endpointId
    )
  }
  const eni = new Set(expect.eniIps.map(normaliseIp))
  const outside = all.filter(ip => !eni.has(normaliseIp(ip)))
  if (outside.length === 0) {
    return evidenceFinding(
      link,
      'dns-resolves-to-endpoint',
      'pass',
      `${answers.host} resolves to ${all.join(', ')}, the endpoint's network interfaces.`,
      ev,
      expect.endpointId
    )
  }
  const publicOnes = outside.filter(ip => classifyIp(ip) === 'public' || classifyIp(ip) === 'ipv6-global')
  const kind =
    publicOnes.length === outside.length
      ? 'public addresses'
      : publicOnes.length === 0
        ? "private addresses that are not the endpoint's network interfaces"
        : "addresses that are not the endpoint's network interfaces"
  return evidenceFinding(
    link,
    'dns-resolves-to-endpoint',
    'fail',
    `${answers.host} resolves to ${kind}: ${outside.join(', ')} (the endpoint's are ${expect.eniIps.join(', ')}), so SDK calls from here go around the endpoint.`,
    { ...ev, outsideAnswers: outside.join(', ') },
    expect.endpointId
  )
}
