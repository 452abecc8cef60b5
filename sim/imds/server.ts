import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A simulated EC2 instance metadata service (IMDSv2) on 127.0.0.1, shaped after
 * reference/aws/imds-v2-facts.json: `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds`
 * (1..21600) returns a token; every GET needs it in `X-aws-ec2-metadata-token` (401 otherwise); a PUT
 * with `X-Forwarded-For` is refused (403); answers are `text/plain`, lists one item a line (LF), unknown
 * paths 404. Point `AWS_EC2_METADATA_SERVICE_ENDPOINT` at `url`.
 */
export interface SimInstanceInterface {
  /** Lower-case, colon-separated, e.g. 02:29:96:8f:6a:2d. */
  mac: string
  vpcId: string
  subnetId: string
  /** Empty for an IPv6-only interface (local-ipv4s is then 404, as documented). */
  localIpv4s: string[]
  vpcCidr?: string
}

export interface SimInstance {
  /** Interfaces by device number; the first is eth0, the one `meta-data/mac` names. */
  interfaces: SimInstanceInterface[]
}

export interface SimImdsOptions {
  /** `v1-allowed`: GETs without a token are answered too (the instance's HttpTokens = optional). */
  tokens?: 'required' | 'v1-allowed'
  /** Accept connections and never answer (a firewalled or hung metadata service). */
  hang?: boolean
  /** Answer every request with this status (e.g. 403: the IMDS is turned off for the instance). */
  status?: number
}

export interface SimulatedImds {
  url: string
  /** Requests by `METHOD path`, in arrival order. */
  requests: string[]
  close(): Promise<void>
}

const TOKEN_PATH = '/latest/api/token'
const META = '/latest/meta-data/'

function metadataTree(instance: SimInstance): Map<string, string> {
  const tree = new Map<string, string>()
  const eth0 = instance.interfaces[0]
  if (eth0) tree.set('mac', eth0.mac)
  const macs = instance.interfaces.map(i => `${i.mac}/`)
  tree.set('network/', 'interfaces/')
  tree.set('network/interfaces/', 'macs/')
  tree.set('network/interfaces/macs/', macs.join('\n'))
  instance.interfaces.forEach((i, device) => {
    const base = `network/interfaces/macs/${i.mac}/`
    const leaves: Record<string, string> = {
      'device-number': String(device),
      'interface-id': `eni-${i.mac.replace(/:/g, '')}`,
      mac: i.mac,
      'subnet-id': i.subnetId,
      'vpc-id': i.vpcId
    }
    if (i.localIpv4s.length > 0) leaves['local-ipv4s'] = i.localIpv4s.join('\n')
    if (i.vpcCidr) {
      leaves['vpc-ipv4-cidr-block'] = i.vpcCidr
      leaves['vpc-ipv4-cidr-blocks'] = i.vpcCidr
    }
    tree.set(base, Object.keys(leaves).join('\n'))
    for (const [k, v] of Object.entries(leaves)) tree.set(base + k, v)
  })
  tree.set('', ['mac', 'network/'].join('\n'))
  return tree
}

export async function startSimulatedImds(
  instance: SimInstance,
  options: SimImdsOptions = {}
): Promise<SimulatedImds> {
  const tokens = new Map<string, number>()
  const requests: string[] = []
  const tree = metadataTree(instance)

  const reply = (res: ServerResponse, status: number, body = '') => {
    res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    requests.push(`${req.method} ${path}`)
    if (options.hang) return
    if (options.status) return reply(res, options.status)
    if (req.method === 'PUT') {
      if (path !== TOKEN_PATH) return reply(res, 403)
      if (req.headers['x-forwarded-for'] !== undefined) return reply(res, 403)
      const ttl = Number(req.headers['x-aws-ec2-metadata-token-ttl-seconds'])
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return reply(res, 400)
      const token = randomBytes(24).toString('base64')
      tokens.set(token, Date.now() + ttl * 1000)
      return reply(res, 200, token)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405)
    const token = req.headers['x-aws-ec2-metadata-token']
    const expires = typeof token === 'string' ? tokens.get(token) : undefined
    const valid = expires !== undefined && expires > Date.now()
    if (!valid && (token !== undefined || options.tokens !== 'v1-allowed')) return reply(res, 401)
    if (!path.startsWith(META)) return reply(res, 404)
    const value = tree.get(path.slice(META.length))
    return value === undefined ? reply(res, 404) : reply(res, 200, value)
  }

  const server = createServer(handle)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      const closed = new Promise<void>(resolve => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
    }
  }
}
