import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isUserError } from '../../src/core/errors.js'
import {
  parseLedger,
  readLedger,
  serializeLedger,
  writeLedger,
  type Ledger
} from '../../src/evidence/ledger.js'
import { link, probe } from './fixtures.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vpce-proof-ledger-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const ledger: Ledger = {
  version: 1,
  startedAt: '2024-06-04T23:07:49.000Z',
  finishedAt: '2024-06-04T23:12:51.000Z',
  manifestFile: 'vpc-endpoints.yml',
  callers: [
    { vpcId: 'vpc-0123456789abcdef0', region: 'ap-northeast-1', accessKeyId: 'ASIAEXAMPLEPROBE0001' }
  ],
  probes: [
    probe(),
    probe({
      httpStatus: undefined,
      requestId: undefined,
      networkError: { code: 'TIMEOUT', message: 'TIMEOUT' }
    })
  ],
  unprobed: [
    {
      link: link({ service: 'sqs' }),
      kind: 'none',
      reason: 'no management-event call',
      host: 'sqs.ap-northeast-1.amazonaws.com'
    }
  ]
}

async function userError(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (error) {
    if (isUserError(error)) return error.message
    throw error
  }
  throw new Error('expected a UserError')
}

describe('ledger', () => {
  it('round-trips through a file', async () => {
    const file = join(dir, 'nested', 'ledger.json')
    await writeLedger(file, ledger)
    expect(await readLedger(file)).toEqual(ledger)
  })

  it('never writes fields it does not know (a secret passed by mistake)', () => {
    const leaky = {
      ...ledger,
      secretAccessKey: 'SECRET1',
      probes: [{ ...probe(), secretAccessKey: 'SECRET2', sessionToken: 'TOKEN' }]
    }
    const text = serializeLedger(leaky as Ledger)
    expect(text).not.toMatch(/SECRET1|SECRET2|TOKEN|secretAccessKey|sessionToken/)
  })

  it('keeps error codes and drops error text, which can echo a signed request', () => {
    const text = serializeLedger({
      ...ledger,
      probes: [
        probe({
          errorCode: 'SignatureDoesNotMatch',
          errorMessage: 'The canonical request was ... x-amz-security-token:FQoGZXIvYXdzEXAMPLETOKEN',
          networkError: { code: 'ECONNRESET', message: 'socket hang up near FQoGZXIvYXdzEXAMPLETOKEN' }
        })
      ]
    })
    expect(text).not.toContain('FQoGZXIvYXdzEXAMPLETOKEN')
    expect(text).toContain('SignatureDoesNotMatch')
    expect(text).toContain('ECONNRESET')
  })

  it('names the file when it is missing, not JSON, or not a ledger', async () => {
    expect(await userError(readLedger(join(dir, 'absent.json')))).toMatch(
      /absent\.json does not exist: run mode: probe first/
    )
    const broken = join(dir, 'broken.json')
    await writeFile(broken, '{"version": 1,')
    expect(await userError(readLedger(broken))).toMatch(/broken\.json is not valid JSON/)
    const wrong = join(dir, 'wrong.json')
    await writeFile(wrong, JSON.stringify({ ...ledger, version: 2 }))
    expect(await userError(readLedger(wrong))).toMatch(/wrong\.json is not a vpce-proof ledger/)
  })

  it('lists what is wrong in a corrupt ledger', () => {
    const text = JSON.stringify({ ...ledger, probes: [{ ...probe(), sentAt: 'yesterday' }] })
    try {
      parseLedger(text, 'l.json')
      expect.unreachable()
    } catch (error) {
      expect(isUserError(error) && error.details.join('\n')).toMatch(/probes\.0\.sentAt/)
    }
  })

  it('writes plain JSON a person can read', async () => {
    const file = join(dir, 'plain.json')
    await writeLedger(file, ledger)
    const text = await readFile(file, 'utf8')
    expect(JSON.parse(text).probes[0].requestId).toBe('req-sns-1')
  })
})
