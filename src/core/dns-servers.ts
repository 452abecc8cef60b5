import { isIP } from 'node:net'
import { UserError } from './errors.js'

/**
 * Checks `dns-servers` before anything runs, in every mode: node's resolver takes addresses only (`ip`,
 * `ip:port`, `[ipv6]:port`), and a bad entry would otherwise surface only in evidence mode, as a crash or as
 * every DNS check inconclusive. `what` names the setting as the user typed it (`dns-servers`, `--dns-servers`).
 */
export function checkDnsServers(servers: readonly string[], what: string): void {
  const bad = servers.map(server => ({ server, problem: serverProblem(server) })).filter(s => s.problem)
  if (bad.length === 0) return
  throw new UserError(`${what}: ${bad.map(b => `"${b.server}" ${b.problem}`).join('; ')}`, [
    'write each DNS server as an IP address with an optional port: 10.0.0.2, 10.0.0.2:53, fd00::2, [fd00::2]:53'
  ])
}

function serverProblem(server: string): string | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(server)
  const [address, port] = bracketed
    ? [bracketed[1] ?? '', bracketed[2]]
    : isIP(server) === 6
      ? [server, undefined]
      : (() => {
          const colon = server.lastIndexOf(':')
          return colon < 0 ? [server, undefined] : [server.slice(0, colon), server.slice(colon + 1)]
        })()
  if (bracketed && isIP(address) !== 6) return 'has brackets around something that is not an IPv6 address'
  if (isIP(address) === 0) return 'is not an IP address (the resolver is asked by address, not by name)'
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    return `has port "${port}", which is not a port number (1-65535)`
  }
  return undefined
}
