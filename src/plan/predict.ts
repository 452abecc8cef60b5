import type { InventorySnapshot, VpcSnapshot } from '../aws/snapshot.js'
import { configurationRules } from '../checks/configuration-rules.js'
import { evaluateVpc } from '../checks/engine.js'
import { finding } from '../checks/finding-builder.js'
import type { RuleId } from '../checks/rule-ids.js'
import type { EndpointDeclaration, Manifest, VpcDeclaration } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import type { SourceLocation } from '../model/location.js'
import { openInputs } from './open-inputs.js'
import { overlayPlan, type PlannedVpcs } from './overlay.js'
import type { TerraformPlan } from './plan-types.js'
import { describeUnknowns } from './unknowns.js'

export const PLANNED_PREFIX = 'After apply: '

export interface Prediction {
  /** The live findings (failures the plan fixes marked), each followed by its predictions where they differ. */
  findings: Finding[]
  notes: string[]
}

/**
 * The configuration rules over the VPCs as the plan leaves them. A prediction is shown where it differs from
 * the live result (the rest predict the same and would repeat it); a rule whose inputs the plan leaves open is
 * `inconclusive` naming them. Evidence rules are about traffic that happened, so nothing predicts them.
 */
export function predictFromPlan(
  plan: TerraformPlan,
  manifest: Manifest,
  inventory: InventorySnapshot,
  live: readonly Finding[]
): Prediction {
  const { planned, predicted } = plannedFindings(plan, manifest, inventory)
  const liveGroups = new Map<string, Finding[]>()
  for (const f of live) {
    if (f.ruleId && isConfiguration(f.ruleId))
      liveGroups.set(groupKey(f), [...(liveGroups.get(groupKey(f)) ?? []), f])
  }

  const changed = new Map<string, Finding[]>()
  /** Group → the predicted pass that tells how the plan fixes its live failure. */
  const fixed = new Map<string, string>()
  for (const [key, group] of predicted) {
    const now = liveGroups.get(key) ?? []
    if (signature(now) === signature(group)) continue
    // Within a rule and line, only what differs: a table whose result stays the same is not repeated, and a
    // result that only goes away (a table no longer checked) says nothing new.
    const same = new Set(now.map(one))
    const fresh = group.filter(f => !same.has(one(f)))
    if (fresh.length > 0)
      changed.set(
        key,
        fresh.map(f => asPrediction(f, planned))
      )
    const passes =
      group.some(f => f.verdict === 'pass') &&
      !group.some(f => f.verdict === 'fail' || f.verdict === 'inconclusive')
    if (passes && now.some(f => f.verdict === 'fail')) {
      fixed.set(
        key,
        (fresh.find(f => f.verdict === 'pass') ?? group.find(f => f.verdict === 'pass'))!.message
      )
    }
  }

  const out: Finding[] = []
  const emitted = new Set<string>()
  const lastOfGroup = new Map<string, number>()
  live.forEach((f, i) => lastOfGroup.set(groupKey(f), i))
  live.forEach((f, i) => {
    const key = groupKey(f)
    out.push(fixed.has(key) && f.verdict === 'fail' ? markFixed(f, fixed.get(key) as string) : f)
    if (lastOfGroup.get(key) === i && changed.has(key)) {
      out.push(...(changed.get(key) as Finding[]))
      emitted.add(key)
    }
  })
  // Predictions with no live counterpart (a new undeclared endpoint): after their VPC's findings.
  for (const [key, group] of changed) {
    if (emitted.has(key)) continue
    const at = findLastIndex(out, f => f.vpcId === group[0]?.vpcId)
    out.splice(at + 1, 0, ...group)
  }

  const count = [...changed.values()].reduce((n, g) => n + g.length, 0)
  return {
    findings: out,
    notes: [planNote(plan, planned, count, fixed.size)]
  }
}

/** Every prediction, by rule and manifest line, before it is compared with the live result. */
export function plannedFindings(
  plan: TerraformPlan,
  manifest: Manifest,
  inventory: InventorySnapshot
): { planned: PlannedVpcs; predicted: Map<string, Finding[]> } {
  const planned = overlayPlan(inventory.vpcs, plan)
  const predicted = new Map<string, Finding[]>()
  for (const vpc of manifest.vpcs) {
    const i = inventory.vpcs.findIndex(s => s.vpcId === vpc.id && s.region === vpc.region)
    const snap = planned.snapshots[i]
    if (!snap) continue
    for (const group of predictVpc(vpc, snap, planned)) {
      const key = groupKey(group[0] as Finding)
      predicted.set(key, [...(predicted.get(key) ?? []), ...group])
    }
  }
  return { planned, predicted }
}

function predictVpc(vpc: VpcDeclaration, snap: VpcSnapshot, planned: PlannedVpcs): Finding[][] {
  const groups: Finding[][] = []
  for (const rule of configurationRules) {
    // Findings carry their declaration's location object: grouped once, linear in the VPC's size.
    const bySubject = new Map<SourceLocation, Finding[]>()
    for (const f of evaluateVpc([rule], vpc, snap)) {
      const list = bySubject.get(f.location)
      if (list) list.push(f)
      else bySubject.set(f.location, [f])
    }
    const subjects: (EndpointDeclaration | undefined)[] = [undefined, ...vpc.endpoints]
    for (const decl of subjects) {
      const group = bySubject.get(decl ? decl.location : vpc.location)
      if (!group) continue
      const open = group.every(f => f.verdict === 'skipped')
        ? []
        : openInputs(rule.id, vpc, decl, snap, planned.unknowns)
      groups.push(open.length > 0 ? [openFinding(rule.id, rule.title, vpc, decl, group, open)] : group)
    }
  }
  return groups
}

function openFinding(
  ruleId: RuleId,
  title: string,
  vpc: VpcDeclaration,
  decl: EndpointDeclaration | undefined,
  group: readonly Finding[],
  open: Parameters<typeof describeUnknowns>[0]
): Finding {
  const endpointId = group.find(f => f.endpointId)?.endpointId
  const addresses = [...new Set(open.map(u => u.address))]
  return finding(
    ruleId,
    'inconclusive',
    { vpc, ...(decl ? { endpoint: decl } : {}), ...(endpointId ? { endpointId } : {}) },
    clip(
      `Could not check "${title}": ${describeUnknowns(open)} ${open.length === 1 ? 'is' : 'are'} known only after apply.`,
      MESSAGE_MAX - PLANNED_PREFIX.length
    ),
    { 'known-after-apply': clip(describeUnknowns(open), EVIDENCE_MAX), terraform: cap(addresses) }
  )
}

function asPrediction(f: Finding, planned: PlannedVpcs): Finding {
  // The ids the finding names (evidence and message) lead to the Terraform changes that touch them.
  const named = f.message.match(/\b(?:vpce|rtb|subnet|vpc)-[0-9a-f]+\b|new:[^\s),;:]+/g) ?? []
  // The VPC id is on every finding: it leads to its own changes (aws_vpc) only on the VPC's findings.
  const evidence = Object.entries(f.evidence).flatMap(([k, v]) => (k === 'vpc' && f.service ? [] : [v]))
  const ids = [f.endpointId, ...evidence, ...named].filter(
    (v): v is string => !!v && (!f.service || v !== f.vpcId)
  )
  const addresses = new Set<string>()
  for (const id of ids) for (const a of planned.addresses.get(id) ?? []) addresses.add(a)
  const terraform = f.evidence['terraform'] ?? cap([...addresses])
  return {
    ...f,
    phase: 'planned',
    message: clip(`${PLANNED_PREFIX}${f.message}`, MESSAGE_MAX),
    evidence: { ...f.evidence, ...(terraform ? { terraform } : {}) }
  }
}

function markFixed(f: Finding, after: string): Finding {
  return {
    ...f,
    fixedByPlan: true,
    message: clip(
      `${f.message} Fixed by this plan: after apply, ${after.charAt(0).toLowerCase()}${after.slice(1)}`,
      MESSAGE_MAX
    )
  }
}

function planNote(plan: TerraformPlan, planned: PlannedVpcs, predicted: number, fixed: number): string {
  const n = planned.applied.length
  const what =
    n === 0
      ? 'changes none of the VPC resources the checks read'
      : `changes ${n} VPC resource${n === 1 ? '' : 's'} the checks read`
  const result =
    n === 0
      ? 'every check predicts what it finds now'
      : `${predicted} prediction${predicted === 1 ? '' : 's'} differ${predicted === 1 ? 's' : ''} from now (shown as "After apply")` +
        (fixed > 0 ? `, ${fixed} live failure${fixed === 1 ? '' : 's'} fixed by it` : '') +
        '; the other checks predict what they find now'
  const incomplete = plan.complete
    ? ''
    : ' The plan is incomplete (complete: false): another plan follows its apply.'
  return `Terraform plan ${plan.file} (format ${plan.formatVersion}) ${what}: ${result}.${incomplete}`
}

function groupKey(f: Finding): string {
  return `${f.vpcId}\u0000${f.ruleId}\u0000${locationKey(f.location)}`
}

const locationKey = (l: SourceLocation) => `${l.file}:${l.line}:${l.column}`

const one = (f: Finding) => JSON.stringify([f.verdict, f.message, f.endpointId ?? '', f.evidence])

function signature(group: readonly Finding[]): string {
  return group.map(one).sort().join('\n')
}

const CONFIGURATION_IDS = new Set<string>(configurationRules.map(r => r.id))
const isConfiguration = (id: string) => CONFIGURATION_IDS.has(id)

/**
 * Addresses come from the pull request's Terraform (a for_each key can be any string): kept within what a
 * report read back by mode: publish accepts (src/report/report-schema.ts).
 */
const MESSAGE_MAX = 3_500
const EVIDENCE_MAX = 1_500

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function cap(addresses: readonly string[]): string {
  const shown = addresses.slice(0, 5).join(', ')
  return clip(addresses.length > 5 ? `${shown} (+${addresses.length - 5} more)` : shown, EVIDENCE_MAX)
}

function findLastIndex<T>(list: readonly T[], test: (x: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i] as T)) return i
  return list.length - 1
}
