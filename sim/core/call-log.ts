/** One request the simulator answered. */
export interface SimCall {
  /** SigV4 signing name from the credential scope (`ec2`, `sts`, `cloudtrail`, `sns`, `ecr`...). */
  service: string
  /** Operation name (`DescribeVpcEndpoints`), or `Unknown`. */
  action: string
  /** Arrival time, ms since the epoch (the simulator's clock). */
  at: number
  status: number
  region: string
  accessKeyId: string
  requestId: string
}

/** Calls of an action: `DescribeVpcEndpoints` matches any service, `ec2:DescribeVpcEndpoints` one. */
export function matchesAction(call: SimCall, action: string): boolean {
  const colon = action.indexOf(':')
  if (colon < 0) return call.action === action
  return call.service === action.slice(0, colon) && call.action === action.slice(colon + 1)
}

/** Most calls found in any window `(t - 1000 ms, t]`: the rate a client really sent at, throttled calls included. */
export function maxPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  let start = 0
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= 1000) start++
    best = Math.max(best, end - start + 1)
  }
  return best
}
