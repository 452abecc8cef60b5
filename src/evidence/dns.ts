import { Resolver } from 'node:dns/promises'

/** What a hostname resolved to (A and AAAA), or why it did not. */
export interface DnsAnswers {
  host: string
  /** The servers asked; empty = the system's. */
  servers: string[]
  ipv4: string[]
  ipv6: string[]
  /** Set when neither query gave an answer: NXDOMAIN (`ENOTFOUND`), `ETIMEOUT`, `ECONNREFUSED`, `ENODATA`... */
  error?: { code: string; message: string }
}

export interface ResolveOptions {
  /** DNS servers as `ip` or `ip:port` (the action input `dns-servers`); default: the system's resolvers. */
  servers?: readonly string[]
  /** Per-query timeout. */
  timeoutMs?: number
  tries?: number
}

export type HostResolver = (host: string) => Promise<DnsAnswers>

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : 'EUNKNOWN'
}

/**
 * Resolves A and AAAA straight from DNS (not /etc/hosts), as the workload's resolver would answer.
 * Never throws: failures come back in `error`.
 */
export async function resolveHost(host: string, options: ResolveOptions = {}): Promise<DnsAnswers> {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: options.tries ?? 2 })
  const servers = [...(options.servers ?? [])]
  if (servers.length > 0) resolver.setServers(servers)
  const [a, aaaa] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)])
  const ipv4 = a.status === 'fulfilled' ? a.value : []
  const ipv6 = aaaa.status === 'fulfilled' ? aaaa.value : []
  const answers: DnsAnswers = { host, servers, ipv4, ipv6 }
  if (ipv4.length === 0 && ipv6.length === 0) {
    // The A query's error is the telling one (AAAA is often simply absent: ENODATA).
    const failed = a.status === 'rejected' ? a.reason : aaaa.status === 'rejected' ? aaaa.reason : undefined
    answers.error = failed
      ? { code: errorCode(failed), message: failed instanceof Error ? failed.message : String(failed) }
      : { code: 'ENODATA', message: `${host} has no A or AAAA records` }
  }
  return answers
}

/** A resolver bound to options, for the phases that take a `HostResolver`. */
export function dnsResolver(options: ResolveOptions = {}): HostResolver {
  return host => resolveHost(host, options)
}
