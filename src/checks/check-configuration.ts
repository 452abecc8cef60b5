import type { InventorySnapshot } from '../aws/snapshot.js'
import type { Manifest } from '../manifest/types.js'
import { checkEndpoint } from './endpoint-checks.js'
import type { Finding } from '../model/finding.js'
import { checkUndeclaredEndpoints } from './undeclared-endpoints.js'
import { checkAccount, checkVpcDns, checkVpcExists } from './vpc-checks.js'

/** Every configuration check, as a pure function of the manifest and what EC2 said. */
export function checkConfiguration(manifest: Manifest, inventory: InventorySnapshot): Finding[] {
  const findings: Finding[] = []
  for (const vpc of manifest.vpcs) {
    const snap = inventory.vpcs.find(s => s.vpcId === vpc.id && s.region === vpc.region)
    if (!snap) throw new Error(`internal: no inventory for ${vpc.id} in ${vpc.region}`)
    const exists = checkVpcExists(vpc, snap)
    findings.push(...exists.findings)
    if (!exists.exists) continue
    findings.push(...checkAccount(vpc, snap), ...checkVpcDns(vpc, snap))
    const declared = new Set<string>()
    for (const decl of vpc.endpoints) {
      const result = checkEndpoint(vpc, decl, snap)
      findings.push(...result.findings)
      if (result.matched) declared.add(result.matched.id)
    }
    findings.push(...checkUndeclaredEndpoints(vpc, snap, declared))
  }
  return findings
}
