import type { Fact, FactProblem, VpcEndpoint, VpcSnapshot } from '../aws/snapshot.js'
import type { EndpointDeclaration, VpcDeclaration } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import { NOT_READ } from '../model/fact.js'
import type { RuleId } from './rule-ids.js'
import { inconclusive, skipped, type Subject } from './finding-builder.js'
import { locateEndpoint } from './match-endpoint.js'
import {
  FACT_ACTIONS,
  type Applies,
  type ConfigurationRule,
  type DeclarationContext,
  type FactName,
  type FactValues
} from './rule-declaration.js'

type AnyRule = ConfigurationRule<RuleId, FactName>
type ReadResult = { ok: true; values: FactValues } | { ok: false; problem: FactProblem }

/**
 * Reads the facts a rule needs. The first one that is not ok decides: the rule is inconclusive, naming
 * that fact's problem. A fact the inventory never read counts as missing, never as empty.
 */
function readFacts(snap: VpcSnapshot, names: readonly FactName[]): ReadResult {
  const values: Record<string, unknown> = {}
  for (const name of names) {
    const fact = snap[name] as Fact<unknown> | undefined
    if (!fact) {
      const action = FACT_ACTIONS[name]
      return {
        ok: false,
        problem: { kind: 'error', action, code: NOT_READ, message: `the inventory did not call ${action}` }
      }
    }
    if (!fact.ok) return { ok: false, problem: fact.problem }
    values[name] = fact.value
  }
  return { ok: true, values: values as FactValues }
}

/** Runs one rule on one subject: gate, facts, then the pure decision, which must say something. */
function evaluate(
  rule: AnyRule,
  snap: VpcSnapshot,
  subject: Subject,
  applies: Applies,
  reads: readonly FactName[],
  decide: (values: FactValues) => Finding[]
): Finding[] {
  if (applies === false) return []
  if (typeof applies === 'string') return [skipped(rule.id, subject, applies)]
  const facts = readFacts(snap, reads)
  if (!facts.ok) return [inconclusive(rule.id, subject, facts.problem, `"${rule.title}"`)]
  const findings = decide(facts.values)
  if (findings.length === 0) throw new Error(`internal: rule ${rule.id} decided nothing`)
  return findings
}

/**
 * Why the rules about a declared endpoint cannot be checked beyond locating it, or the endpoint itself.
 * Explicit so that gating is one decision here, never a rule quietly returning nothing.
 */
function endpointGate(
  decl: EndpointDeclaration,
  snap: VpcSnapshot
): { endpoint: VpcEndpoint } | { skip: string } | { unread: true } {
  if (!snap.endpoints.ok) return { unread: true }
  const located = locateEndpoint(decl, snap.endpoints.value)
  if (located.kind === 'missing') return { skip: `Not checked: no endpoint for ${decl.service} was found.` }
  if (located.kind === 'other-service') {
    return {
      skip: `Not checked: the pinned endpoint ${located.endpoint.id} serves ${located.endpoint.serviceName}, not ${decl.serviceName}.`
    }
  }
  return { endpoint: located.endpoint }
}

function applicability(rule: AnyRule, ctx: DeclarationContext): Applies {
  if (rule.scope === 'endpoint' && rule.forType && rule.forType !== ctx.decl.type) return false
  return rule.applies && rule.scope !== 'vpc' && rule.scope !== 'drift' ? rule.applies(ctx) : true
}

/** A rule for one endpoint type says nothing about an endpoint of the other type: skipped, with why. */
function typeGate(rule: AnyRule, endpoint: VpcEndpoint): string | undefined {
  if (rule.scope !== 'endpoint' || !rule.forType || endpoint.type === rule.forType) return undefined
  return `Not checked: ${endpoint.id} is of type ${endpoint.type}, not ${rule.forType}.`
}

function declarationFindings(
  rules: readonly AnyRule[],
  vpc: VpcDeclaration,
  decl: EndpointDeclaration,
  snap: VpcSnapshot,
  vpcGone: string | undefined
): Finding[] {
  const findings: Finding[] = []
  const ctx = { vpc, decl }
  const gate = endpointGate(decl, snap)
  for (const rule of rules) {
    if (rule.scope !== 'declaration' && rule.scope !== 'endpoint') continue
    const base = applicability(rule, ctx)
    const reads = rule.readsFor ? rule.readsFor(ctx) : rule.reads
    const subject = { vpc, endpoint: decl }
    if (vpcGone !== undefined) {
      findings.push(...evaluate(rule, snap, subject, base === true ? vpcGone : base, reads, () => []))
      continue
    }
    if (rule.scope === 'declaration') {
      findings.push(...evaluate(rule, snap, subject, base, reads, values => rule.decide(values, ctx)))
      continue
    }
    if ('unread' in gate) {
      // The endpoint could not be located: the rule is inconclusive on DescribeVpcEndpoints' problem.
      findings.push(
        ...evaluate(rule, snap, subject, base, [...new Set(['endpoints' as const, ...reads])], () => [])
      )
      continue
    }
    if ('skip' in gate) {
      findings.push(...evaluate(rule, snap, subject, base === true ? gate.skip : base, reads, () => []))
      continue
    }
    const typed = typeGate(rule, gate.endpoint)
    if (typed !== undefined) {
      findings.push(...evaluate(rule, snap, subject, base === true ? typed : base, reads, () => []))
      continue
    }
    const found = { vpc, endpoint: decl, endpointId: gate.endpoint.id }
    const located = { ...ctx, endpoint: gate.endpoint }
    findings.push(...evaluate(rule, snap, found, base, reads, values => rule.decide(values, located)))
  }
  return findings
}

function vpcFindings(
  rules: readonly AnyRule[],
  scope: 'vpc' | 'drift',
  vpc: VpcDeclaration,
  snap: VpcSnapshot,
  vpcGone: string | undefined
): Finding[] {
  const findings: Finding[] = []
  for (const rule of rules) {
    if (rule.scope !== scope) continue
    const base = rule.applies ? rule.applies({ vpc }) : true
    const subject = { vpc }
    // The existence rule itself is what decides that the VPC is gone; everything else waits on it.
    const gated = vpcGone !== undefined && rule.id !== 'vpc-exists' && base === true ? vpcGone : base
    findings.push(...evaluate(rule, snap, subject, gated, rule.reads, values => rule.decide(values, { vpc })))
  }
  return findings
}

/**
 * Every configuration rule over one declared VPC. Order: VPC rules, then each declared endpoint's rules
 * in catalogue order, then drift. A VPC that EC2 says is not there gates every other rule to `skipped`.
 */
export function evaluateVpc(rules: readonly AnyRule[], vpc: VpcDeclaration, snap: VpcSnapshot): Finding[] {
  const vpcGone =
    snap.vpc.ok && snap.vpc.value === null
      ? `Not checked: VPC ${vpc.id} was not found in ${vpc.region}.`
      : undefined
  return [
    ...vpcFindings(rules, 'vpc', vpc, snap, vpcGone),
    ...vpc.endpoints.flatMap(decl => declarationFindings(rules, vpc, decl, snap, vpcGone)),
    ...vpcFindings(rules, 'drift', vpc, snap, vpcGone)
  ]
}
