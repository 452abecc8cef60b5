import type { Finding } from '../model/finding.js'
import type { RunnerLocation } from '../runner/location.js'
import { evidenceFinding } from './evidence-finding.js'
import type { EndpointLink } from './probe-record.js'

/**
 * Why a VPC's traffic evidence cannot come from this runner: it is in no VPC, or in another VPC. Its
 * probes would measure the runner's network, not this VPC's, so they are not sent and the evidence is
 * `skipped` (not applicable), never passed; the configuration checks still run. Undefined: probe it.
 */
export function runnerSkipReason(
  location: RunnerLocation | undefined,
  vpc: { id: string; region: string }
): string | undefined {
  if (!location) return undefined
  if (location.kind === 'no-vpc') {
    return `Not checked: this runner is in no VPC (${location.detail}), so its calls cannot show which way ${vpc.id}'s traffic goes. Run the evidence step on a runner inside ${vpc.id}.`
  }
  if (location.kind === 'vpc' && location.vpcId !== vpc.id) {
    return `Not checked: this runner is in ${location.vpcId}, not in ${vpc.id} (${location.detail}), so its calls show ${location.vpcId}'s paths, not this VPC's. Run the evidence step on a runner inside ${vpc.id}.`
  }
  return undefined
}

/** The evidence rows of an endpoint whose VPC this runner cannot speak for: skipped, with the reason. */
export function skippedForRunner(link: EndpointLink, reason: string): Finding[] {
  return [
    evidenceFinding(link, 'probe-answered', 'skipped', reason, { reason: 'runner-location' }),
    evidenceFinding(link, 'dns-resolves-to-endpoint', 'skipped', reason, { reason: 'runner-location' })
  ]
}
