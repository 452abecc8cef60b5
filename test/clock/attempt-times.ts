import type { DeserializeMiddleware, MiddlewareStack } from '@smithy/types'

/**
 * Records `now()` for every HTTP attempt of the client's commands right after the named pacing middleware
 * (inside the SDK's retry loop, so retries are timed too): the moment a request leaves its limiter, where
 * the request rate is decided. On a skipping clock this is where a rate is measured, never the arrivals at
 * the simulator (test/clock/skipping-clock.ts). The named middleware may sit on the client or on each
 * command: the stacks are joined before they are resolved.
 */
export function recordAttemptsAfter(
  client: { middlewareStack: unknown },
  pacing: string,
  now: () => number,
  into: number[] = []
): number[] {
  const record: DeserializeMiddleware<object, object> = next => args => {
    into.push(now())
    return next(args)
  }
  ;(client.middlewareStack as MiddlewareStack<object, object>).addRelativeTo(record, {
    relation: 'after',
    toMiddleware: pacing,
    name: `testAttemptTimes-${pacing}`
  })
  return into
}
