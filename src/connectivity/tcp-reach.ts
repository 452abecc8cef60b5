import { connect, isIP, type LookupFunction } from 'node:net'
import type { EgressTarget } from './egress-target.js'

/**
 * What one TCP connection attempt to the public target showed. Only an unanswered attempt (a timeout) or the
 * kernel's own "no route" means "no internet": that is how a subnet without a NAT or internet gateway route
 * behaves, and how security groups and NACLs drop. A refusal came from *something* that answered (the target,
 * or a firewall that rejects), and a name that did not resolve says nothing about routes: neither decides.
 */
export type EgressAttempt =
  | { outcome: 'connected'; ms: number; address?: string }
  | { outcome: 'blocked'; ms: number; code: 'timeout' | 'ENETUNREACH' | 'EHOSTUNREACH' }
  | { outcome: 'undecided'; ms: number; code: string; why: string }

const NO_ROUTE = new Set(['ENETUNREACH', 'EHOSTUNREACH'])

export interface ConnectOptions {
  timeoutMs: number
  signal?: AbortSignal
  now?: () => number
  /** The resolver net.connect uses (default the system's); tests give one that never answers. */
  lookup?: LookupFunction
}

/** One attempt; never throws, never outlives `timeoutMs` or the signal. The socket is destroyed either way. */
export function tryConnect(target: EgressTarget, options: ConnectOptions): Promise<EgressAttempt> {
  const now = options.now ?? Date.now
  const started = now()
  const elapsed = () => now() - started
  return new Promise(resolve => {
    if (options.signal?.aborted) {
      resolve({ outcome: 'undecided', ms: 0, code: 'deadline', why: 'the run ran out of time first' })
      return
    }
    const socket = connect({
      host: target.host,
      port: target.port,
      ...(options.lookup ? { lookup: options.lookup } : {})
    })
    // The timeout means "dropped" only once the name has resolved: a resolver that never answers says
    // nothing about routes, and must not read as "no internet".
    let resolved = isIP(target.host) !== 0
    socket.once('lookup', () => {
      resolved = true
    })
    let settled = false
    const finish = (attempt: EgressAttempt) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      socket.destroy()
      resolve(attempt)
    }
    const onAbort = () =>
      finish({ outcome: 'undecided', ms: elapsed(), code: 'deadline', why: 'the run ran out of time first' })
    options.signal?.addEventListener('abort', onAbort, { once: true })
    const timer = setTimeout(
      () =>
        finish(
          resolved
            ? { outcome: 'blocked', ms: elapsed(), code: 'timeout' }
            : { outcome: 'undecided', ms: elapsed(), code: 'ENOTFOUND', why: undecidedWhy('EAI_AGAIN') }
        ),
      options.timeoutMs
    )
    socket.once('connect', () =>
      finish({
        outcome: 'connected',
        ms: elapsed(),
        ...(socket.remoteAddress ? { address: socket.remoteAddress } : {})
      })
    )
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'error'
      if (NO_ROUTE.has(code)) {
        finish({ outcome: 'blocked', ms: elapsed(), code: code as 'ENETUNREACH' | 'EHOSTUNREACH' })
        return
      }
      finish({ outcome: 'undecided', ms: elapsed(), code, why: undecidedWhy(code) })
    })
  })
}

function undecidedWhy(code: string): string {
  if (code === 'ECONNREFUSED')
    return 'something refused the connection: the target itself (so the internet was reached) or a firewall that rejects instead of dropping'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return 'the name did not resolve, which says nothing about routes; give an IP address as egress-target'
  return 'the attempt ended in an error that does not say whether a route exists'
}
