import { createHash, randomBytes, randomUUID } from 'node:crypto'

/** A fresh request id shaped like the ones most AWS services return (a UUID). */
export function newRequestId(): string {
  return randomUUID()
}

/** S3 request ids are 16 upper-case hex characters; `x-amz-id-2` is a long base64 string. */
export function newS3RequestIds(): { requestId: string; hostId: string } {
  return {
    requestId: randomBytes(8).toString('hex').toUpperCase(),
    hostId: randomBytes(48).toString('base64')
  }
}

/** Stable hex derived from a seed, so derived resources (ENIs, associations) keep their ids across calls. */
export function stableHex(seed: string, length: number): string {
  let out = ''
  let counter = 0
  while (out.length < length) {
    out += createHash('sha256').update(`${seed}#${counter++}`).digest('hex')
  }
  return out.slice(0, length)
}

/** An AWS-style resource id: `eni-` + 17 hex characters, derived from the seed. */
export function stableId(prefix: string, seed: string): string {
  return `${prefix}-${stableHex(seed, 17)}`
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** Upper-case base32-like string of the given length, from a seed (IAM unique ids look like this). */
export function stableUpper(seed: string, length: number): string {
  const hex = stableHex(seed, length * 2)
  let out = ''
  for (let i = 0; i < length; i++) out += UPPER_ALNUM[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 32]
  return out
}

export function randomUpper(length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const b of bytes) out += UPPER_ALNUM[b % 32]
  return out
}
