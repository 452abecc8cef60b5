import { createHash } from 'node:crypto'
import { SimError } from '../core/response.js'
import type { OperationCall } from '../core/operation.js'
import { itemList, text, type Xml } from '../core/xml.js'
import { intParam } from './params.js'
import { faultFor } from '../core/faults.js'

export function hasEmptyFault(call: OperationCall): boolean {
  return faultFor(call.env.scenario, [call.operation, `ec2:${call.operation}`]) === 'empty'
}

/** MaxResults bounds of each Describe* (botocore model); above the maximum EC2 returns the maximum. */
export interface PageLimits {
  min: number
  max: number
}

interface Token {
  a: string
  o: number
  h: string
}

/** Everything that must stay the same between pages (AWS: "the same parameters as the previous call"). */
function requestHash(params: URLSearchParams): string {
  const kept = [...params].filter(([k]) => k !== 'NextToken' && k !== 'MaxResults' && !k.startsWith('X-Amz-'))
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return createHash('sha256').update(JSON.stringify(kept)).digest('hex').slice(0, 16)
}

function invalidToken(): SimError {
  return new SimError('InvalidPaginationToken', 'The specified pagination token is not valid or is expired.')
}

function decodeToken(raw: string, action: string, hash: string): number {
  let token: Token
  try {
    token = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Token
  } catch {
    throw invalidToken()
  }
  if (token.a !== action || token.h !== hash || !Number.isInteger(token.o) || token.o < 0)
    throw invalidToken()
  return token.o
}

/**
 * One page of `items` and the `<nextToken>` element when more remain. Page size: MaxResults (checked against
 * the operation's bounds), else the operation maximum, both capped by the scenario's `ec2MaxPageSize`.
 */
export function paginate<T>(
  items: T[],
  action: string,
  params: URLSearchParams,
  limits: PageLimits,
  scenarioMax: number | undefined,
  /** The scenario's `empty` fault: the first page is empty but not the last. */
  emptyFirst = false
): { page: T[]; nextToken: Xml } {
  const requested = intParam(params, 'MaxResults')
  if (requested !== undefined && requested < limits.min) {
    throw new SimError(
      'InvalidParameterValue',
      `Value ( ${requested} ) for parameter maxResults is invalid. Expecting a value greater than ${limits.min}.`
    )
  }
  const size = Math.max(1, Math.min(requested ?? limits.max, limits.max, scenarioMax ?? Infinity))
  const hash = requestHash(params)
  const rawToken = params.get('NextToken')
  const first = rawToken === null || rawToken === ''
  if (first && emptyFirst) {
    // A page with nothing on it that still says "more": clients must follow NextToken, not stop.
    const token: Token = { a: action, o: 0, h: hash }
    return {
      page: [],
      nextToken: text('nextToken', Buffer.from(JSON.stringify(token)).toString('base64url'))
    }
  }
  const offset = first ? 0 : decodeToken(rawToken, action, hash)
  if (offset > items.length) throw invalidToken()
  const page = items.slice(offset, offset + size)
  const next = offset + size
  if (next >= items.length) return { page, nextToken: '' as Xml }
  const token: Token = { a: action, o: next, h: hash }
  return { page, nextToken: text('nextToken', Buffer.from(JSON.stringify(token)).toString('base64url')) }
}

/** The token a `repeatNextToken` action hands back on every page. */
export const REPEATED_TOKEN = 'c2ltLXJlcGVhdGVkLXRva2Vu'

/** A Describe* answer: one page of `rows` as `<setName><item>…</item></setName>`, then `<nextToken>` if more remain. */
export function pagedItemList<T>(
  call: OperationCall,
  rows: T[],
  action: string,
  limits: PageLimits,
  setName: string,
  toItem: (row: T) => Xml[]
): Xml[] {
  if (call.env.scenario.repeatNextToken?.includes(`ec2:${action}`)) {
    const first = new URLSearchParams(call.req.params)
    first.delete('NextToken')
    const { page } = paginate(rows, action, first, limits, call.env.scenario.ec2MaxPageSize)
    return [itemList(setName, page.map(toItem)), text('nextToken', REPEATED_TOKEN)]
  }
  const { page, nextToken } = paginate(
    rows,
    action,
    call.req.params,
    limits,
    call.env.scenario.ec2MaxPageSize,
    hasEmptyFault(call)
  )
  return [itemList(setName, page.map(toItem)), nextToken]
}
