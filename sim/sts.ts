import type { OperationCall, OperationResult } from './core/operation.js'
import { parseRoleArn } from './core/identity.js'
import { SimError } from './core/response.js'
import { node, text } from './core/xml.js'
import { queryOk } from './services/protocols.js'

/** STS Query API: GetCallerIdentity and AssumeRole (temporary `ASIA...` keys, unique per call). */
export function handleSts(call: OperationCall): OperationResult {
  switch (call.operation) {
    case 'GetCallerIdentity':
      return getCallerIdentity(call)
    case 'AssumeRole':
      return assumeRole(call)
    default:
      throw new SimError('InvalidAction', `Could not find operation ${call.operation} for version 2011-06-15`)
  }
}

function getCallerIdentity(call: OperationCall): OperationResult {
  const { identity } = call
  return {
    response: queryOk(call.service, 'GetCallerIdentity', call.ids, [
      text('Arn', identity.arn),
      text('UserId', identity.principalId),
      text('Account', identity.accountId)
    ])
  }
}

function assumeRole(call: OperationCall): OperationResult {
  const { params } = call.req
  const roleArn = params.get('RoleArn') ?? ''
  const sessionName = params.get('RoleSessionName') ?? ''
  if (!parseRoleArn(roleArn)) {
    throw new SimError('ValidationError', `${roleArn || 'RoleArn'} is invalid`)
  }
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw new SimError(
      'ValidationError',
      "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
    )
  }
  if ((call.env.scenario.deny ?? []).includes(roleArn)) {
    throw new SimError(
      'AccessDenied',
      `User: ${call.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403
    )
  }
  const duration = Number(params.get('DurationSeconds') ?? 3600)
  const issued = call.env.identities.issue(roleArn, sessionName, new Date(call.at), duration)
  const expiration = issued.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return {
    response: queryOk(call.service, 'AssumeRole', call.ids, [
      node(
        'Credentials',
        text('AccessKeyId', issued.accessKeyId),
        text('SecretAccessKey', issued.secretAccessKey),
        text('SessionToken', issued.sessionToken),
        text('Expiration', expiration)
      ),
      node(
        'AssumedRoleUser',
        text('AssumedRoleId', issued.identity.principalId),
        text('Arn', issued.identity.arn)
      )
    ]),
    audit: {
      requestParameters: { roleArn, roleSessionName: sessionName },
      responseElements: {
        credentials: { accessKeyId: issued.accessKeyId, expiration },
        assumedRoleUser: { assumedRoleId: issued.identity.principalId, arn: issued.identity.arn }
      }
    }
  }
}
