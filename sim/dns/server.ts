import { createSocket, type Socket } from 'node:dgram'
import { createServer, type Server, type Socket as TcpSocket } from 'node:net'
import * as packet from 'dns-packet'

/**
 * A real DNS server for tests and the demo, in-process on 127.0.0.1: real DNS packets over UDP and TCP
 * (encoded by `dns-packet`), answering only what the scenario says, so the product's resolver
 * (node:dns → c-ares) is exercised exactly as against the VPC's resolver. Semantics follow the dnsmasq
 * harness it replaces (`--address=/host/ip`, `--local=/domain/`, `--no-resolv`): a record answers its
 * host and the names under it; other names under `localDomains` are NXDOMAIN; anything else is REFUSED
 * (nothing is forwarded). Answers larger than the client's UDP size come back truncated, so the client
 * retries over TCP, as with any real server.
 */
export interface DnsRecord {
  host: string
  ipv4?: string[]
  ipv6?: string[]
}

export interface DnsServerOptions {
  records: DnsRecord[]
  /** Domains answered locally only (unknown names: NXDOMAIN). Default: amazonaws.com. */
  localDomains?: string[]
}

export interface DnsServer {
  /** `127.0.0.1:<port>`, for `dnsServers` / the `dns-servers` input. */
  server: string
  port: number
  /** Queries answered so far, by transport: lets a test see that TCP was really used. */
  queries: { udp: number; tcp: number }
  stop(): Promise<void>
}

const RCODE_FORMERR = 1
const RCODE_NXDOMAIN = 3
const RCODE_REFUSED = 5
/** RFC 1035's UDP limit, used when the query carries no EDNS0 OPT record. */
const CLASSIC_UDP_SIZE = 512
const TTL = 60

const lower = (name: string): string => name.toLowerCase().replace(/\.$/, '')
const within = (name: string, domain: string): boolean => name === domain || name.endsWith(`.${domain}`)

/** The most specific record for a name (dnsmasq's `--address` matches the host and its subdomains). */
function recordFor(records: DnsRecord[], name: string): DnsRecord | undefined {
  return records.filter(r => within(name, lower(r.host))).sort((a, b) => b.host.length - a.host.length)[0]
}

function respond(query: packet.DecodedPacket, options: DnsServerOptions): packet.Packet {
  const base = { type: 'response' as const, id: query.id, questions: query.questions }
  const rd = query.flag_rd ? packet.RECURSION_DESIRED : 0
  const question = query.questions?.[0]
  if (!question || (query.questions?.length ?? 0) !== 1) return { ...base, flags: rd | RCODE_FORMERR }
  const name = lower(question.name)
  const record = recordFor(options.records, name)
  if (!record) {
    const local = (options.localDomains ?? ['amazonaws.com']).some(d => within(name, lower(d)))
    return { ...base, flags: rd | (local ? packet.AUTHORITATIVE_ANSWER | RCODE_NXDOMAIN : RCODE_REFUSED) }
  }
  const addresses = question.type === 'A' ? record.ipv4 : question.type === 'AAAA' ? record.ipv6 : undefined
  // A name that exists without this type is NODATA: NOERROR and no answers.
  const answers: packet.Answer[] = (addresses ?? []).map(data => ({
    type: question.type as 'A' | 'AAAA',
    class: 'IN',
    name: question.name,
    ttl: TTL,
    data
  }))
  return { ...base, flags: rd | packet.AUTHORITATIVE_ANSWER, answers }
}

function udpLimit(query: packet.DecodedPacket): number {
  const opt = query.additionals?.find(a => a.type === 'OPT') as { udpPayloadSize?: number } | undefined
  return Math.max(CLASSIC_UDP_SIZE, opt?.udpPayloadSize ?? CLASSIC_UDP_SIZE)
}

function serveUdp(socket: Socket, options: DnsServerOptions, count: () => void): void {
  socket.on('message', (message, from) => {
    let query: packet.DecodedPacket
    try {
      query = packet.decode(message)
    } catch {
      return // Not DNS: a real server drops it too.
    }
    count()
    let reply = packet.encode(respond(query, options))
    if (reply.length > udpLimit(query)) {
      reply = packet.encode({
        type: 'response',
        id: query.id,
        questions: query.questions,
        flags: packet.TRUNCATED_RESPONSE | packet.AUTHORITATIVE_ANSWER
      })
    }
    socket.send(reply, from.port, from.address)
  })
}

/** DNS over TCP: each message is prefixed by its 2-byte length (RFC 1035 4.2.2). */
function serveTcp(connection: TcpSocket, options: DnsServerOptions, count: () => void): void {
  let buffered = Buffer.alloc(0)
  connection.on('error', () => connection.destroy())
  connection.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk])
    while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
      const length = buffered.readUInt16BE(0)
      const message = buffered.subarray(2, 2 + length)
      buffered = buffered.subarray(2 + length)
      let query: packet.DecodedPacket
      try {
        query = packet.decode(message)
      } catch {
        connection.destroy()
        return
      }
      count()
      connection.write(packet.streamEncode(respond(query, options)))
    }
  })
}

function bindUdp(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4')
    socket.once('error', reject)
    socket.bind(port, '127.0.0.1', () => {
      socket.off('error', reject)
      resolve(socket)
    })
  })
}

function listenTcp(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
}

/** Starts the server on a free loopback port, the same port for UDP and TCP (retried on a port race). */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const queries = { udp: 0, tcp: 0 }
  let last: unknown
  for (let attempt = 0; attempt < 5; attempt++) {
    const udp = await bindUdp(0)
    const port = udp.address().port
    const sockets = new Set<TcpSocket>()
    const tcp = createServer(connection => {
      sockets.add(connection)
      connection.once('close', () => sockets.delete(connection))
      serveTcp(connection, options, () => queries.tcp++)
    })
    try {
      await listenTcp(tcp, port)
    } catch (error) {
      last = error
      udp.close()
      continue // TCP port taken by someone else: pick another UDP port.
    }
    serveUdp(udp, options, () => queries.udp++)
    return {
      server: `127.0.0.1:${port}`,
      port,
      queries,
      stop: async () => {
        for (const s of sockets) s.destroy()
        await Promise.all([
          new Promise<void>(resolve => udp.close(() => resolve())),
          new Promise<void>(resolve => tcp.close(() => resolve()))
        ])
      }
    }
  }
  throw new Error(`the test DNS server could not bind UDP and TCP on one loopback port: ${String(last)}`)
}
