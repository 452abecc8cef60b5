import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { Resolver } from 'node:dns/promises'
import { createServer } from 'node:net'

/**
 * A real DNS server for tests: dnsmasq (Debian package `dnsmasq`) on 127.0.0.1 and a free port, answering
 * only what the scenario says. Anything else under `localDomains` is NXDOMAIN; nothing is forwarded.
 * It fails loudly when dnsmasq cannot start: a DNS test must never pass by skipping.
 */
export interface DnsRecord {
  host: string
  ipv4?: string[]
  ipv6?: string[]
}

export interface DnsmasqOptions {
  records: DnsRecord[]
  /** Domains answered locally only (unknown names: NXDOMAIN). Default: amazonaws.com. */
  localDomains?: string[]
}

export interface Dnsmasq {
  /** `127.0.0.1:<port>`, for `dnsServers` / the `dns-servers` input. */
  server: string
  port: number
  stop(): Promise<void>
}

const CANDIDATES = ['/usr/sbin/dnsmasq', '/usr/bin/dnsmasq', '/usr/local/sbin/dnsmasq']

function dnsmasqBinary(): string {
  const found = CANDIDATES.find(p => existsSync(p))
  if (!found) {
    throw new Error(
      'dnsmasq is not installed, and the DNS evidence tests need a real DNS server: run `sudo apt-get install -y dnsmasq` (CI installs it in .ci/run).'
    )
  }
  return found
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      const port = typeof address === 'object' && address ? address.port : 0
      s.close(() => resolve(port))
    })
  })
}

function args(port: number, options: DnsmasqOptions): string[] {
  const list = [
    '--no-daemon',
    '--keep-in-foreground',
    '--bind-interfaces',
    '--listen-address=127.0.0.1',
    `--port=${port}`,
    '--no-resolv',
    '--no-hosts',
    '--conf-file=/dev/null',
    '--pid-file=',
    '--log-facility=-'
  ]
  for (const domain of options.localDomains ?? ['amazonaws.com']) list.push(`--local=/${domain}/`)
  for (const r of options.records) {
    for (const ip of [...(r.ipv4 ?? []), ...(r.ipv6 ?? [])]) list.push(`--address=/${r.host}/${ip}`)
  }
  return list
}

async function answers(port: number, host: string): Promise<boolean> {
  const r = new Resolver({ timeout: 300, tries: 1 })
  r.setServers([`127.0.0.1:${port}`])
  try {
    await r.resolve4(host)
    return true
  } catch (error) {
    // NXDOMAIN/NODATA also prove the server is up and answering.
    const code = (error as { code?: string }).code
    return code === 'ENOTFOUND' || code === 'ENODATA'
  }
}

async function startOnce(options: DnsmasqOptions): Promise<Dnsmasq> {
  const binary = dnsmasqBinary()
  const port = await freePort()
  const child: ChildProcess = spawn(binary, args(port, options), { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
  let exited: { code: number | null; error?: Error } | undefined
  child.once('exit', code => (exited ??= { code }))
  child.once('error', error => (exited ??= { code: null, error }))
  const probeHost = options.records[0]?.host ?? 'ready.amazonaws.com'
  const deadline = Date.now() + 5000
  while (Date.now() < deadline) {
    if (exited) break
    if (await answers(port, probeHost)) {
      return {
        server: `127.0.0.1:${port}`,
        port,
        stop: () =>
          new Promise<void>(resolve => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve()
            child.once('exit', () => resolve())
            child.kill('SIGTERM')
          })
      }
    }
    await new Promise(r => setTimeout(r, 50))
  }
  if (!exited) child.kill('SIGKILL')
  throw new Error(
    `dnsmasq did not start on 127.0.0.1:${port}${exited?.error ? ` (${exited.error.message})` : exited ? ` (exit code ${exited.code})` : ' (no answer within 5 s)'}:\n${output.trim()}`
  )
}

/** Starts dnsmasq with the scenario's records; retries on a port race. */
export async function startDnsmasq(options: DnsmasqOptions): Promise<Dnsmasq> {
  let last: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(options)
    } catch (error) {
      last = error
      if (!String(error).includes('Address already in use')) break
    }
  }
  throw last
}
