import { randomBytes } from 'node:crypto'

/**
 * The probe's `x-vpce-proof-probe` value: the workflow run that sent it and a random part, e.g.
 * `run-7001-1.3f9c0a1b2c3d4e5f`. S3 writes it into the log line's Request-URI, which the build step between
 * probe and verify cannot rewrite: a line whose marker names another run is not this run's evidence.
 */
export function makeMarker(
  run: { id: string; attempt: string } | undefined,
  random = randomBytes(8)
): string {
  return `${runPart(run)}.${random.toString('hex')}`
}

export function runPart(run: { id: string; attempt: string } | undefined): string {
  return run && /^\d{1,20}$/.test(run.id) && /^\d{1,5}$/.test(run.attempt)
    ? `run-${run.id}-${run.attempt}`
    : 'local'
}

/** The run a marker names (`run-ID-ATTEMPT`, or `local` outside Actions); undefined for anything else. */
export function markerRun(marker: string): string | undefined {
  const m = /^(run-\d{1,20}-\d{1,5}|local)\.[0-9a-f]{16}$/.exec(marker)
  return m?.[1]
}
