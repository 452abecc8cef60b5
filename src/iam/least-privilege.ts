import { FACT_ACTIONS } from '../checks/rule-declaration.js'
import { probeTable, resolveProbe } from '../evidence/probe-table.js'
import type { Manifest } from '../manifest/types.js'
import { reachabilityStatements } from '../reachability/policy.js'
import { accessLogStatements, accessLogsOf, type AccessLogNeed } from '../access-log/iam.js'
import { GET_METRIC_DATA_ACTION } from '../metrics/metrics-rules.js'

/**
 * The least-privilege IAM policy for what a run will call, derived from the tables the run itself uses:
 * FACT_ACTIONS (the inventory's reads) and the probe table (each declared service's probe). No second
 * list of actions is kept here, so the policy, docs/iam.md and the calls cannot drift apart.
 */

export interface PolicyStatement {
  Sid: string
  Effect: 'Allow'
  Action: string | string[]
  Resource: string | string[]
  Condition?: Record<string, Record<string, string[]>>
}

export interface IamPolicy {
  Version: '2012-10-17'
  Statement: PolicyStatement[]
}

/** What a run needs, independent of how it was learned (a manifest, or the docs' examples). */
export interface PolicyNeeds {
  /** A VPC declares `account`: the inventory reads the caller's account. */
  account: boolean
  /** `--evidence` (or an Action mode that probes and verifies). */
  evidence: boolean
  /** IAM actions of the probes that will be sent, in manifest order. */
  probeActions: string[]
  /** Declared `role-arn`s, assumed with the runner's credentials. */
  roleArns: string[]
  /** `reachability: true` / `--reachability`: Reachability Analyzer's calls (optional, opt-in). */
  reachability?: boolean
  /** Opt-in `access-log` of S3 endpoints (with evidence): the S3 reads of that method, scoped to its buckets. */
  accessLogs?: AccessLogNeed[]
  /** `privatelink-metrics: true` (opt-in): cloudwatch:GetMetricData. */
  privateLinkMetrics?: boolean
}

/**
 * The opt-in methods and what each adds to the policy: nothing for a user who leaves them off. docs/iam.md's
 * "optional" table is generated from this list.
 */
export interface OptionalMethod {
  method: string
  /** How it is turned on. */
  switch: string
  actions: readonly string[]
  /** Why it needs them, or why nothing. */
  note: string
}

export const OPTIONAL_METHODS: readonly OptionalMethod[] = [
  {
    method: 'connectivity (no internet, yet the API answers)',
    switch: 'manifest `egress: none` on a VPC',
    actions: [],
    note: 'one TCP connection attempt from the runner to `egress-target`; no AWS call, so no permission'
  },
  {
    method: 'CloudWatch PrivateLink metrics',
    switch: 'input `privatelink-metrics: true` / `--privatelink-metrics`',
    actions: [GET_METRIC_DATA_ACTION],
    note:
      'reads AWS/PrivateLinkEndpoints for the probes’ minutes (GetMetricData has no resource-level permissions: `Resource: "*"`). ' +
      'Denied: the metrics findings are inconclusive, naming the action'
  }
]

const CALLER_ACCOUNT_ACTION = FACT_ACTIONS.callerAccount

/** The EC2 reads every configuration run makes (each fact but the caller's account, which is STS). */
export const CONFIGURATION_ACTIONS: readonly string[] = unique(
  Object.entries(FACT_ACTIONS)
    .filter(([fact]) => fact !== 'callerAccount')
    .map(([, action]) => action)
)

export const LOOKUP_ACTION = 'cloudtrail:LookupEvents'

/**
 * Probe grants a security team may not want to give a CI role: they list names that can be sensitive
 * (functions, secrets). Each stays optional: a denied probe is still evidence, or `probe: false` drops it.
 */
export const SENSITIVE_PROBE_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['lambda:ListFunctions', 'it lists every function with its configuration, environment variables included'],
  ['secretsmanager:ListSecrets', "it lists every secret's name and metadata (not the values)"]
])

/** The needs of one manifest, as `check` (with or without `--evidence`) will call. */
export function needsOf(
  manifest: Manifest,
  evidence: boolean,
  optional: { privateLinkMetrics?: boolean; reachability?: boolean } = {}
): PolicyNeeds {
  const probeActions: string[] = []
  if (evidence) {
    for (const vpc of manifest.vpcs) {
      for (const decl of vpc.endpoints) {
        const probe = resolveProbe(decl)
        if (probe.kind === 'probe') probeActions.push(probe.probe.iamAction)
      }
    }
  }
  return {
    account: manifest.vpcs.some(v => v.account !== undefined),
    evidence,
    probeActions: unique(probeActions),
    roleArns: unique(manifest.vpcs.flatMap(v => (v.roleArn ? [v.roleArn] : []))),
    ...(optional.reachability ? { reachability: true } : {}),
    ...(evidence && accessLogsOf(manifest).length > 0 ? { accessLogs: accessLogsOf(manifest) } : {}),
    ...(evidence && optional.privateLinkMetrics ? { privateLinkMetrics: true } : {})
  }
}

/** Every probe action the probe table can send, in table order (the docs' full evidence policy). */
export function allProbeActions(): string[] {
  return unique([...probeTable.values()].flatMap(entry => entry.probes.map(p => p.iamAction)))
}

export function leastPrivilegePolicy(needs: PolicyNeeds): IamPolicy {
  const statements: PolicyStatement[] = [allow('VpceProofConfiguration', [...CONFIGURATION_ACTIONS])]
  if (needs.account) statements.push(allow('VpceProofAccountAssertion', CALLER_ACCOUNT_ACTION))
  if (needs.evidence) {
    statements.push(allow('VpceProofFindProbes', LOOKUP_ACTION))
    // GetCallerIdentity is also STS's probe: granted once.
    const granted = new Set(needs.account ? [CALLER_ACCOUNT_ACTION] : [])
    const probes = needs.probeActions.filter(a => !granted.has(a))
    if (probes.length > 0) statements.push(allow('VpceProofProbes', probes))
    statements.push(...accessLogStatements(needs.accessLogs ?? []))
    if (needs.privateLinkMetrics)
      statements.push(allow('VpceProofPrivateLinkMetrics', GET_METRIC_DATA_ACTION))
  }
  if (needs.reachability) statements.push(...reachabilityStatements())
  if (needs.roleArns.length > 0) {
    statements.push({
      Sid: 'VpceProofAssumeRoles',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: needs.roleArns
    })
  }
  return { Version: '2012-10-17', Statement: statements }
}

/** Every action a policy grants (for tests and for the simulator's deny list). */
export function grantedActions(policy: IamPolicy): string[] {
  return unique(policy.Statement.flatMap(s => (Array.isArray(s.Action) ? s.Action : [s.Action])))
}

export function renderPolicy(policy: IamPolicy): string {
  return `${JSON.stringify(policy, null, 2)}\n`
}

function allow(sid: string, action: string | string[]): PolicyStatement {
  return { Sid: sid, Effect: 'Allow', Action: action, Resource: '*' }
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
