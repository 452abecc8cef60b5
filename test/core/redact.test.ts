import { describe, expect, it } from 'vitest'
import { redact, redactError, registerEnvironmentSecrets, registerSecret } from '../../src/core/redact.js'

const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEFoaDmFwLW5vcnRoZWFzdC0xIkcwRQIhAKexampleSessionToken'
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

/** As STS and EC2 answer a bad signature: the canonical request and string to sign follow the first line. */
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
  "The Canonical String for this request should have been\n'POST\n/\n\nhost:ec2.ap-northeast-1.amazonaws.com\n" +
  `x-amz-date:20261130T001500Z\nx-amz-security-token:${SESSION_TOKEN}\n\nhost;x-amz-date;x-amz-security-token\n'`

describe('redact: the one door for AWS and GitHub error text', () => {
  it('keeps only the first line, so an echoed canonical request never gets through', () => {
    const out = redact(SIGNATURE_MISMATCH)
    expect(out).toMatch(/^The request signature we calculated does not match/)
    expect(out).not.toContain(SESSION_TOKEN)
    expect(out).not.toContain('\n')
  })

  it('replaces credential headers and query parameters even on the first line', () => {
    const line =
      `Denied: x-amz-security-token:${SESSION_TOKEN} X-Amz-Security-Token=${SESSION_TOKEN}&x=1 ` +
      'X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261130 X-Amz-Signature=0123abcd ' +
      'Authorization: AWS4-HMAC-SHA256 Credential=ASIAIOSFODNN7EXAMPLE/20261130/ap-northeast-1/ec2/aws4_request, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024'
    const out = redact(line)
    expect(out).not.toContain(SESSION_TOKEN)
    expect(out).not.toMatch(/AKIA|ASIA|0123abcd|fe5f80f7/)
    expect(out).toContain('x-amz-security-token:[redacted]')
    expect(out).toContain('Authorization: [redacted]')
  })

  it('replaces any registered credential value, wherever it appears', () => {
    registerSecret(SECRET)
    registerEnvironmentSecrets({ AWS_SESSION_TOKEN: `${SESSION_TOKEN}env` })
    const out = redactError(new Error(`bad key ${SECRET} with token ${SESSION_TOKEN}env`))
    expect(out).toBe('bad key [redacted] with token [redacted]')
    expect(redact('ghs_e2eFakeInstallationToken0123456789ABCD rejected')).toBe('[redacted] rejected')
  })

  it('caps the length', () => {
    expect(Array.from(redact('x'.repeat(10_000))).length).toBe(500)
    expect(redact('y'.repeat(50), 10)).toBe(`${'y'.repeat(9)}…`)
  })
})
