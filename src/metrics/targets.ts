import type { VpcSnapshot } from '../aws/snapshot.js'
import { declaredEndpoint, expectedPath } from '../evidence/expected.js'
import type { Ledger } from '../evidence/ledger.js'
import { endpointLink, type EndpointLink, type ProbeRecord } from '../evidence/probe-record.js'
import { runnerSkipReason } from '../evidence/runner-skip.js'
import type { Manifest, VpcDeclaration } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import type { RunnerLocation } from '../runner/location.js'
import { metricsFinding } from './judge-metrics.js'
import type { MetricsTarget } from './queries.js'
import { probeWindow } from './window.js'

export interface PlannedTarget {
  target: MetricsTarget
  link: EndpointLink
  vpc: VpcDeclaration
}

/**
 * Pure: which declared endpoints get their metrics read, and the findings of those that do not (with why).
 * Only VPCs this runner probed from, only Interface endpoints (gateway endpoints publish no PrivateLink
 * metrics), only endpoints a probe was sent through, and only where the inventory found the endpoint.
 */
export function planTargets(
  manifest: Manifest,
  ledger: Ledger,
  snapshots: readonly VpcSnapshot[],
  location: RunnerLocation | undefined
): { targets: PlannedTarget[]; findings: Finding[] } {
  const targets: PlannedTarget[] = []
  const findings: Finding[] = []
  let n = 0
  for (const vpc of manifest.vpcs) {
    const skip = runnerSkipReason(location, vpc)
    const snapshot = snapshots.find(s => s.vpcId === vpc.id && s.region === vpc.region)
    const probes = ledger.probes.filter(p => p.link.vpcId === vpc.id && p.link.region === vpc.region)
    for (const decl of vpc.endpoints) {
      const link = endpointLink(vpc, decl)
      const skipped = (message: string, reason: string) =>
        findings.push(metricsFinding(link, 'skipped', message, { reason }))
      if (skip) {
        skipped(skip, 'runner-location')
        continue
      }
      if (decl.type !== 'Interface') {
        skipped(
          'Not checked: AWS publishes no PrivateLink metrics for gateway endpoints (CloudTrail and the route tables are their evidence).',
          'gateway-endpoint'
        )
        continue
      }
      if (!decl.privateDns) {
        skipped(
          'Not checked: with private-dns: false the probe goes to the standard hostname, which does not point at this endpoint.',
          'private-dns-off'
        )
        continue
      }
      const mine = probes.filter(
        p =>
          p.link.service === decl.service &&
          p.link.type === decl.type &&
          p.link.location.line === decl.location.line &&
          p.link.location.column === decl.location.column
      )
      const window = probeWindow(mine)
      if (!window) {
        skipped(
          'Not checked: no probe was sent through this endpoint, so there is no traffic to look for.',
          'no-probe'
        )
        continue
      }
      const expected = expectedPath(link, snapshot, vpc)
      const endpoint = declaredEndpoint(link, snapshot)
      if (!expected.endpointId || !endpoint) {
        findings.push(
          metricsFinding(
            link,
            'inconclusive',
            `Could not read the PrivateLink metrics: which endpoint to read is unknown (${expected.endpointIdProblem ?? 'the inventory did not find it'}).`,
            { reason: 'endpoint-unknown' }
          )
        )
        continue
      }
      const elsewhere = answersElsewhere(mine, endpoint.networkInterfaceIds, snapshot)
      if (elsewhere) {
        skipped(
          `Not checked: the probe’s hostname resolved to ${elsewhere}, none of them this endpoint’s network interfaces, so the probe did not travel through it (see dns-resolves-to-endpoint); the metrics have nothing to confirm.`,
          'dns-elsewhere'
        )
        continue
      }
      const runnerSubnet = location?.kind === 'vpc' ? location.subnetId : undefined
      const subnetId = runnerSubnet && endpoint.subnetIds.includes(runnerSubnet) ? runnerSubnet : undefined
      targets.push({
        link,
        vpc,
        target: {
          key: `e${n++}`,
          region: vpc.region,
          vpcId: vpc.id,
          endpointId: expected.endpointId,
          serviceName: endpoint.serviceName || decl.serviceName,
          ...(subnetId ? { subnetId } : {}),
          window
        }
      })
    }
  }
  return { targets, findings }
}

/**
 * The probes' DNS answers when they all point away from the endpoint's interfaces (then the TCP connection
 * went elsewhere); undefined when they point at it, or when either side is unknown.
 */
function answersElsewhere(
  probes: readonly ProbeRecord[],
  eniIds: readonly string[],
  snapshot: VpcSnapshot | undefined
): string | undefined {
  if (!snapshot?.networkInterfaces.ok) return undefined
  const ids = new Set(eniIds)
  const eniIps = new Set(
    snapshot.networkInterfaces.value
      .filter(n => ids.has(n.id))
      .flatMap(n => [...n.privateIpAddresses, ...n.ipv6Addresses])
  )
  if (eniIps.size === 0) return undefined
  const answers = [...new Set(probes.flatMap(p => [...p.dns.ipv4, ...p.dns.ipv6]))]
  if (answers.length === 0 || answers.some(ip => eniIps.has(ip))) return undefined
  return answers.slice(0, 4).join(', ')
}
