import type { InventorySnapshot } from '../aws/snapshot.js'
import type { Manifest } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import { configurationRules } from './configuration-rules.js'
import { evaluateVpc } from './engine.js'

/** Every configuration check, as a pure function of the manifest and what EC2 said. */
export function checkConfiguration(manifest: Manifest, inventory: InventorySnapshot): Finding[] {
  return manifest.vpcs.flatMap(vpc => {
    const snap = inventory.vpcs.find(s => s.vpcId === vpc.id && s.region === vpc.region)
    if (!snap) throw new Error(`internal: no inventory for ${vpc.id} in ${vpc.region}`)
    return evaluateVpc(configurationRules, vpc, snap)
  })
}
