import { randomBytes } from 'node:crypto'
import type { SimScenario } from '../scenario.js'
import { randomUpper, stableUpper } from './ids.js'

/** The principal behind an access key, as STS and CloudTrail describe it. */
export interface SimIdentity {
  type: 'IAMUser' | 'AssumedRole'
  accountId: string
  arn: string
  /** `AIDA...` for a user, `AROA...:session` for an assumed role. */
  principalId: string
  /** CloudTrail `Username`: the user name, or the role session name. */
  userName: string
  accessKeyId: string
  role?: { arn: string; name: string; id: string; sessionName: string; creationDate: string }
}

export interface IssuedCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: Date
  identity: SimIdentity
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/
const ASSUMED_ROLE_ARN = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/
const USER_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/

export function parseRoleArn(arn: string): { accountId: string; name: string } | undefined {
  const m = ROLE_ARN.exec(arn)
  return m && m[1] && m[2] ? { accountId: m[1], name: m[2] } : undefined
}

function roleIdentity(
  accountId: string,
  roleName: string,
  sessionName: string,
  accessKeyId: string,
  now: Date
): SimIdentity {
  const roleId = `AROA${stableUpper(`role:${accountId}:${roleName}`, 17)}`
  return {
    type: 'AssumedRole',
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    principalId: `${roleId}:${sessionName}`,
    userName: sessionName,
    accessKeyId,
    role: {
      arn: `arn:aws:iam::${accountId}:role/${roleName}`,
      name: roleName,
      id: roleId,
      sessionName,
      creationDate: now.toISOString().replace(/\.\d{3}Z$/, 'Z')
    }
  }
}

/**
 * Maps access keys to principals: keys issued by the simulated AssumeRole belong to that role session; any
 * other key belongs to the scenario's caller (`callerArn`, default an IAM user of the account).
 */
export class IdentityBook {
  private readonly sessions = new Map<string, SimIdentity>()
  private counter = 0

  constructor(private readonly scenario: () => SimScenario) {}

  resolve(accessKeyId: string, now: Date): SimIdentity {
    const issued = this.sessions.get(accessKeyId)
    if (issued) return issued
    const { accountId, callerArn } = this.scenario()
    const arn = callerArn ?? `arn:aws:iam::${accountId}:user/vpce-proof-ci`
    const assumed = ASSUMED_ROLE_ARN.exec(arn)
    if (assumed && assumed[1] && assumed[2] && assumed[3]) {
      return roleIdentity(assumed[1], assumed[2], assumed[3], accessKeyId, now)
    }
    const user = USER_ARN.exec(arn)
    const userName = user?.[2] ?? 'vpce-proof-ci'
    return {
      type: 'IAMUser',
      accountId: user?.[1] ?? accountId,
      arn,
      principalId: `AIDA${stableUpper(`user:${arn}`, 17)}`,
      userName,
      accessKeyId
    }
  }

  /** New temporary credentials for a role session; the key id is unique per call (ASIA + 16 characters). */
  issue(roleArn: string, sessionName: string, now: Date, durationSeconds: number): IssuedCredentials {
    const role = parseRoleArn(roleArn)
    if (!role) throw new Error(`not a role ARN: ${roleArn}`)
    this.counter++
    const accessKeyId = `ASIA${randomUpper(12)}${this.counter.toString(32).toUpperCase().padStart(4, '0')}`
    const identity = roleIdentity(role.accountId, role.name, sessionName, accessKeyId, now)
    this.sessions.set(accessKeyId, identity)
    return {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: new Date(now.getTime() + durationSeconds * 1000),
      identity
    }
  }
}
