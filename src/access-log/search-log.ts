import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { toFactProblem } from '../aws/aws-problem.js'
import { pageGuard } from '../aws/pages.js'
import { DEFAULT_AWS_TIMEOUTS } from '../aws/timeouts.js'
import type { FactProblem } from '../model/fact.js'
import { parseLogLine, type AccessLogRecord } from './log-line.js'
import type { LogListing } from './log-keys.js'

/**
 * Reads log objects (oldest first) and keeps the lines that carry one request id. Bounded three ways, because
 * the log bucket is as big as the bucket is busy: pages listed, objects read and bytes read, across every poll
 * of a run. Reaching a cap before the line is found is said as such (inconclusive), never read as "not there".
 */
export interface SearchCaps {
  /** ListObjectsV2 pages per listing (1000 keys a page). */
  maxPages: number
  maxObjects: number
  maxBytes: number
  /** Longer lines are skipped unread (a record is a few hundred bytes). */
  maxLineBytes: number
  /** One object's body must arrive within this. */
  objectMs: number
}

export const DEFAULT_SEARCH_CAPS: SearchCaps = {
  maxPages: 10,
  maxObjects: 500,
  maxBytes: 64 * 1024 * 1024,
  maxLineBytes: 64 * 1024,
  objectMs: DEFAULT_AWS_TIMEOUTS.callMs
}

/** What one search has used and found so far; carried from poll to poll. */
export interface SearchState {
  seen: Set<string>
  objectsRead: number
  bytesRead: number
  malformedLines: number
  matches: Array<{ record: AccessLogRecord; key: string }>
  /** Which cap stopped the search. */
  capped?: 'pages' | 'objects' | 'bytes'
  failure?: FactProblem
}

export function newSearchState(): SearchState {
  return { seen: new Set(), objectsRead: 0, bytesRead: 0, malformedLines: 0, matches: [] }
}

export interface SearchInput {
  client: Pick<S3Client, 'send'>
  logBucket: string
  listings: readonly LogListing[]
  requestId: string
  caps: SearchCaps
  signal?: AbortSignal
}

/** One pass over the listings: reads the objects not read before, until a cap or a failure. */
export async function searchOnce(input: SearchInput, state: SearchState): Promise<void> {
  if (state.capped || state.failure) return
  for (const listing of input.listings) {
    let keys: string[]
    try {
      keys = await listKeys(input, listing)
    } catch (error) {
      if (isCap(error)) {
        state.capped = 'pages'
        return
      }
      state.failure = toFactProblem(error, 's3:ListBucket')
      return
    }
    for (const key of keys) {
      if (state.seen.has(key)) continue
      if (state.objectsRead >= input.caps.maxObjects) {
        state.capped = 'objects'
        return
      }
      if (state.bytesRead >= input.caps.maxBytes) {
        state.capped = 'bytes'
        return
      }
      state.seen.add(key)
      state.objectsRead += 1
      try {
        await readObject(input, key, state)
      } catch (error) {
        state.failure = toFactProblem(error, 's3:GetObject')
        return
      }
      if (state.capped) return
    }
  }
}

class PageCap extends Error {}
const isCap = (e: unknown) => e instanceof PageCap || (e as { code?: string }).code === 'TooManyPages'

async function listKeys(input: SearchInput, listing: LogListing): Promise<string[]> {
  const guard = pageGuard('S3 ListObjectsV2', input.caps.maxPages)
  const keys: string[] = []
  let token: string | undefined
  for (;;) {
    const out = await input.client.send(
      new ListObjectsV2Command({
        Bucket: input.logBucket,
        Prefix: listing.prefix,
        ...(listing.startAfter && !token ? { StartAfter: listing.startAfter } : {}),
        ...(token ? { ContinuationToken: token } : {}),
        MaxKeys: 1000
      }),
      input.signal ? { abortSignal: input.signal } : {}
    )
    for (const o of out.Contents ?? []) if (o.Key?.startsWith(listing.prefix)) keys.push(o.Key)
    token = out.IsTruncated ? out.NextContinuationToken : undefined
    if (out.IsTruncated && !token)
      throw new Error('ListObjectsV2 said IsTruncated without a NextContinuationToken')
    guard.next(token)
    if (!token) break
  }
  // S3 lists in UTF-8 binary order; the sort keeps "oldest first" whatever a proxy did to the order.
  return keys.sort()
}

async function readObject(input: SearchInput, key: string, state: SearchState): Promise<void> {
  const timer = AbortSignal.timeout(input.caps.objectMs)
  const signal = input.signal ? AbortSignal.any([timer, input.signal]) : timer
  const out = await input.client.send(new GetObjectCommand({ Bucket: input.logBucket, Key: key }), {
    abortSignal: signal
  })
  const body = out.Body as (AsyncIterable<Uint8Array> & { destroy?: (e?: Error) => void }) | undefined
  if (!body) return
  const stop = () =>
    body.destroy?.(new Error(signal.reason instanceof Error ? signal.reason.message : 'stopped'))
  signal.addEventListener('abort', stop, { once: true })
  const decoder = new TextDecoder('utf-8')
  let line = ''
  let skipping = false
  const consider = (text: string) => {
    if (!text.includes(input.requestId)) return
    const parsed = parseLogLine(text.replace(/\r$/, ''))
    if (!parsed.ok) {
      state.malformedLines += 1
      return
    }
    if (parsed.record.requestId === input.requestId) state.matches.push({ record: parsed.record, key })
  }
  try {
    for await (const chunk of body) {
      const room = input.caps.maxBytes - state.bytesRead
      const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk
      state.bytesRead += part.byteLength
      let text = decoder.decode(part, { stream: true })
      for (;;) {
        const nl = text.indexOf('\n')
        if (nl < 0) break
        if (!skipping) consider(line + text.slice(0, nl))
        else state.malformedLines += 1
        line = ''
        skipping = false
        text = text.slice(nl + 1)
      }
      if (!skipping) {
        line += text
        if (line.length > input.caps.maxLineBytes) {
          line = ''
          skipping = true
        }
      }
      if (part.byteLength < chunk.byteLength) {
        state.capped = 'bytes'
        stop()
        return
      }
    }
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('stopped')
    if (!skipping) consider(line + decoder.decode())
  } catch (error) {
    if (timer.aborted && !input.signal?.aborted) {
      const e = new Error(
        `the log object ${key} did not arrive within ${Math.round(input.caps.objectMs / 1000)}s`
      )
      e.name = 'TimeoutError'
      throw e
    }
    throw error
  } finally {
    signal.removeEventListener('abort', stop)
  }
}
