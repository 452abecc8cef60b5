import type { Fact, VpcEndpoint, VpcSnapshot } from '../aws/snapshot.js'
import type { EndpointDeclaration, EndpointType, VpcDeclaration } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import type { Rule } from '../model/rule.js'
import type { RuleId } from './rule-ids.js'

/** The snapshot facts a rule can read: every `Fact` field of a VPC's snapshot. */
export type FactName = {
  [K in keyof VpcSnapshot]-?: NonNullable<VpcSnapshot[K]> extends Fact<unknown> ? K : never
}[keyof VpcSnapshot]

type ValueOf<F> = NonNullable<F> extends Fact<infer T> ? T : never

/** Plain values of the facts a rule reads: the engine only calls `decide` when every one was read. */
export type FactValues<R extends FactName = FactName> = { readonly [K in R]: ValueOf<VpcSnapshot[K]> }

/** The IAM action behind each fact, for docs and for a fact the inventory never read. */
export const FACT_ACTIONS: Record<FactName, string> = {
  vpc: 'ec2:DescribeVpcs',
  enableDnsSupport: 'ec2:DescribeVpcAttribute',
  enableDnsHostnames: 'ec2:DescribeVpcAttribute',
  endpoints: 'ec2:DescribeVpcEndpoints',
  routeTables: 'ec2:DescribeRouteTables',
  subnets: 'ec2:DescribeSubnets',
  networkInterfaces: 'ec2:DescribeNetworkInterfaces',
  prefixLists: 'ec2:DescribePrefixLists',
  natGateways: 'ec2:DescribeNatGateways',
  callerAccount: 'sts:GetCallerIdentity'
}

export interface VpcContext {
  vpc: VpcDeclaration
}

export interface DeclarationContext extends VpcContext {
  decl: EndpointDeclaration
}

/** A declaration whose endpoint was found and serves the declared service. */
export interface EndpointContext extends DeclarationContext {
  endpoint: VpcEndpoint
}

/**
 * Whether a rule is about this subject. `false`: not about it at all (a gateway rule for an Interface
 * declaration), so no line. A string: it would be, but is not checked here; the engine writes a
 * `skipped` finding with that reason, so a reviewer sees why the line they expect says nothing.
 */
export type Applies = true | false | string

interface RuleBase<Id extends string, R extends FactName> extends Rule {
  id: Id
  kind: 'configuration'
  /** Every fact `decide` may read. The engine checks them first; `decide` never sees a fact that is not ok. */
  reads: readonly R[]
}

/**
 * `vpc`: one subject per declared VPC, before its endpoints. `drift`: per VPC, after its endpoints.
 * `declaration`: per declared endpoint, before it is located. `endpoint`: per declared endpoint, once the
 * endpoint it means was found.
 */
export type ConfigurationRule<Id extends string = string, R extends FactName = FactName> =
  | (RuleBase<Id, R> & {
      scope: 'vpc' | 'drift'
      applies?: (ctx: VpcContext) => Applies
      decide: (facts: FactValues<R>, ctx: VpcContext) => Finding[]
    })
  | (RuleBase<Id, R> & {
      scope: 'declaration'
      applies?: (ctx: DeclarationContext) => Applies
      /** Facts needed for this subject, a subset of `reads` (e.g. subnets only when subnets are declared). */
      readsFor?: (ctx: DeclarationContext) => readonly R[]
      decide: (facts: FactValues<R>, ctx: DeclarationContext) => Finding[]
    })
  | (RuleBase<Id, R> & {
      scope: 'endpoint'
      /** Only for declarations (and found endpoints) of this type; the engine skips a type mismatch. */
      forType?: EndpointType
      applies?: (ctx: DeclarationContext) => Applies
      readsFor?: (ctx: DeclarationContext) => readonly R[]
      decide: (facts: FactValues<R>, ctx: EndpointContext) => Finding[]
    })

/** Keeps the literal id and the exact `reads` of a rule, so `decide` is typed against what it declared. */
export function defineRule<const Id extends RuleId, R extends FactName>(
  rule: ConfigurationRule<Id, R>
): ConfigurationRule<Id, R> {
  return rule
}

/** The subject of a finding about a located endpoint: its manifest line and the endpoint id. */
export function endpointSubject(ctx: EndpointContext) {
  return { vpc: ctx.vpc, endpoint: ctx.decl, endpointId: ctx.endpoint.id }
}
