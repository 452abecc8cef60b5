/**
 * Paging that cannot loop. A service that hands back a token it already gave (a bug, a proxy, a hostile
 * endpoint) once made 145,098 DescribeSubnets calls in a minute; this stops at the repeat, and at a page
 * cap, with an error that makes the fact (and every rule reading it) inconclusive instead of partial.
 */
export const MAX_PAGES = 100

export class PagingStopped extends Error {
  constructor(
    readonly code: 'RepeatedNextToken' | 'TooManyPages',
    message: string
  ) {
    super(message)
  }
  override get name(): string {
    return this.code
  }
}

/** Tracks one paged read: call `next` with each page's token before asking for the next page. */
export function pageGuard(service: string, maxPages = MAX_PAGES): { next(token: string | undefined): void } {
  const seen = new Set<string>()
  let pages = 0
  return {
    next(token) {
      pages += 1
      if (!token) return
      if (seen.has(token)) {
        throw new PagingStopped(
          'RepeatedNextToken',
          `${service} returned the same NextToken twice (after ${pages} pages); stopped reading so the run cannot loop`
        )
      }
      seen.add(token)
      if (pages >= maxPages) {
        throw new PagingStopped(
          'TooManyPages',
          `${service} returned more than ${maxPages} pages; stopped reading (the page cap keeps the run bounded)`
        )
      }
    }
  }
}

/** Every item of an SDK paginator, guarded against repeated tokens and endless paging. */
export async function allPages<P extends { NextToken?: string | undefined }, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => T[],
  options: { service?: string; maxPages?: number } = {}
): Promise<T[]> {
  const guard = pageGuard(options.service ?? 'EC2', options.maxPages)
  const all: T[] = []
  for await (const page of pages) {
    all.push(...items(page))
    guard.next(page.NextToken)
  }
  return all
}
