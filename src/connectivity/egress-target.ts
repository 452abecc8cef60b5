import { UserError } from '../core/errors.js'

/**
 * Where the connectivity test (the article's "ping fails, yet the API works") tries to go: a public
 * address no VPC endpoint serves. The article pings www.amazon.com; a TCP connection to its HTTPS port
 * says the same thing without ICMP (which security groups and NACLs often drop even with internet access).
 */
export const DEFAULT_EGRESS_TARGET = 'www.amazon.com:443'

/** Short: in a subnet without internet the SYN goes unanswered, and the verdict should not wait. */
export const EGRESS_TIMEOUT_MS = 3_000

export interface EgressTarget {
  host: string
  port: number
  /** As the user wrote it (for messages). */
  label: string
}

/** `host:port`, `1.2.3.4:443` or `[2001:db8::1]:443`; an empty value is the default target. */
export function parseEgressTarget(raw: string | undefined, name: string): EgressTarget {
  const value = (raw ?? '').trim() || DEFAULT_EGRESS_TARGET
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(value)
  const host = match?.[1] ?? match?.[2]
  const port = Number(match?.[3])
  if (!match || !host || !Number.isInteger(port) || port < 1 || port > 65535 || host.length > 253) {
    throw new UserError(
      `${name}: "${value.slice(0, 100)}" is not host:port (e.g. ${DEFAULT_EGRESS_TARGET} or 203.0.113.10:443).`
    )
  }
  return { host, port, label: value }
}
