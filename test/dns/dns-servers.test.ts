import { describe, expect, it } from 'vitest'
import { checkDnsServers } from '../../src/core/dns-servers.js'
import { UserError } from '../../src/core/errors.js'
import { resolveHost } from '../../src/evidence/dns.js'

describe('dns-servers is checked before the run, in every mode', () => {
  it('accepts every form node:dns accepts: ip, ip:port, ipv6, [ipv6]:port', async () => {
    const forms = ['10.0.0.2', '127.0.0.1:5353', 'fd00::2', '[fd00::2]:53', '::1']
    expect(() => checkDnsServers(forms, 'dns-servers')).not.toThrow()
    // The same list is one node's resolver takes (it throws on anything else).
    const answers = await resolveHost('x.invalid', { servers: ['127.0.0.1:9'], timeoutMs: 50, tries: 1 })
    expect(answers.servers).toEqual(['127.0.0.1:9'])
  })

  it.each([
    ['dns.corp.example', 'is not an IP address'],
    ['10.0.0.2:53:53', 'is not an IP address'],
    ['10.0.0.2:0', 'not a port number'],
    ['10.0.0.2:domain', 'not a port number'],
    ['[10.0.0.2]:53', 'not an IPv6 address'],
    ['10.0.0.256', 'is not an IP address']
  ])('rejects %s, naming the setting and the entry', (server, why) => {
    let error: unknown
    try {
      checkDnsServers(['10.0.0.2', server], '--dns-servers')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toContain(`--dns-servers: "${server}" `)
    expect((error as UserError).message).toContain(why)
    expect((error as UserError).message).not.toContain('"10.0.0.2" ')
  })
})
