import type { EndpointDeclaration, Manifest, VpcDeclaration } from '../manifest/types.js'
import type { Finding } from '../model/finding.js'
import type { CloudTrailRecord } from './cloudtrail-record.js'
import { evidenceFinding } from './evidence-finding.js'
import { LEDGER_START_SKEW_MS, type Ledger } from './ledger.js'
import { endpointLink, type EndpointLink, type ProbeRecord } from './probe-record.js'
import type { DnsAnswers, HostResolver } from './dns.js'
import { resolveProbe, standardHost } from './probe-table.js'

/**
 * Between `mode: probe` and `mode: verify` the workflow runs the pull request's own build, which can rewrite the
 * ledger file. So the verify step takes from the ledger only what it can check against what it knows itself
 * (this run, its credentials, the manifest, the clock) and what CloudTrail confirms; anything else makes the
 * evidence inconclusive, never a pass.
 */

/** GitHub-hosted jobs end after 6 hours: a ledger this job wrote cannot be older (self-hosted: see docs). */
export const LEDGER_MAX_AGE_MS = 6 * 60 * 60_000

export interface VerifierKnowledge {
  manifest: Manifest
  now: Date
  /** GITHUB_RUN_ID / GITHUB_RUN_ATTEMPT as the verify step sees them; undefined outside Actions. */
  run?: { id: string; attempt: string }
  /** The role session name this run uses (it carries the run id). */
  sessionName: string
  /** For each VPC without `role-arn` (key `region|vpcId`): the access key the verify step itself resolves. */
  ownAccessKeys: ReadonlyMap<string, string>
}

/** Ledger text is the build step's to write: short, and only characters an id has. */
function clip(s: string): string {
  return s.replace(/[^\w.:@/+=-]/g, '?').slice(0, 64)
}

export const vpcKey = (v: { region: string; vpcId?: string; id?: string }) => `${v.region}|${v.vpcId ?? v.id}`

/** Why the ledger as a whole cannot be this run's (empty when it can). */
export function ledgerTrustProblems(ledger: Ledger, know: VerifierKnowledge): string[] {
  const problems: string[] = []
  if (know.run) {
    const theirs = ledger.run ? `run ${clip(ledger.run.id)} attempt ${clip(ledger.run.attempt)}` : 'no run'
    if (ledger.run?.id !== know.run.id || ledger.run.attempt !== know.run.attempt)
      problems.push(`it names ${theirs}, not this run (${know.run.id} attempt ${know.run.attempt})`)
  }
  const started = Date.parse(ledger.startedAt)
  const now = know.now.getTime()
  if (started > now + LEDGER_START_SKEW_MS) problems.push(`it starts in the future (${ledger.startedAt})`)
  if (started < now - LEDGER_MAX_AGE_MS - LEDGER_START_SKEW_MS)
    problems.push(`it starts at ${ledger.startedAt}, longer ago than a job runs`)
  for (const p of ledger.probes) {
    const sent = Date.parse(p.sentAt)
    if (sent < started || sent > now + LEDGER_START_SKEW_MS)
      problems.push(
        `probe ${clip(p.service)}:${clip(p.operation)} was sent at ${p.sentAt}, outside the ledger's run`
      )
  }
  problems.push(...identityProblems(ledger, know), ...coverageProblems(ledger, know.manifest))
  return problems
}

/** Without a role the probe and verify steps use the job's credentials: the same access key. */
function identityProblems(ledger: Ledger, know: VerifierKnowledge): string[] {
  const problems: string[] = []
  for (const p of ledger.probes) {
    const vpc = know.manifest.vpcs.find(v => v.id === p.link.vpcId && v.region === p.link.region)
    if (!vpc || vpc.roleArn) continue
    const own = know.ownAccessKeys.get(vpcKey(vpc))
    if (own !== undefined && p.accessKeyId !== own)
      problems.push(
        `probe ${clip(p.service)}:${clip(p.operation)} of ${vpc.id} was signed by access key ${clip(p.accessKeyId)}, not by this job's credentials`
      )
  }
  return problems
}

/** Every declared endpoint is in the ledger as the manifest says (probed or not), and nothing else is. */
function coverageProblems(ledger: Ledger, manifest: Manifest): string[] {
  const problems: string[] = []
  const entries = [
    ...ledger.probes.map(p => ({ link: p.link, probe: p })),
    ...ledger.unprobed.map(u => ({ link: u.link, probe: undefined }))
  ]
  for (const vpc of manifest.vpcs) {
    for (const decl of vpc.endpoints) {
      const found = entries.filter(e => sameEndpoint(e.link, vpc, decl))
      const plan = resolveProbe(decl)
      const label = `${decl.service} (${vpc.id})`
      if (found.length !== 1) {
        problems.push(`it holds ${found.length} entries for ${label}, declared once`)
        continue
      }
      const probe = found[0]!.probe
      if (plan.kind === 'probe' && (!probe || probe.operation !== plan.probe.operation))
        problems.push(`it does not hold ${label}'s probe ${plan.probe.service}:${plan.probe.operation}`)
      if (plan.kind !== 'probe' && probe)
        problems.push(`it holds a probe for ${label}, which the manifest does not probe`)
    }
  }
  const declared = entries.filter(e =>
    manifest.vpcs.some(v => v.endpoints.some(d => sameEndpoint(e.link, v, d)))
  ).length
  if (declared !== entries.length)
    problems.push(`it holds ${entries.length - declared} entries for endpoints the manifest does not declare`)
  return problems
}

function sameEndpoint(link: EndpointLink, vpc: VpcDeclaration, decl: EndpointDeclaration): boolean {
  return (
    link.vpcId === vpc.id &&
    link.region === vpc.region &&
    link.serviceName === decl.serviceName &&
    link.service === decl.service &&
    link.type === decl.type &&
    link.privateDns === decl.privateDns &&
    link.declaredEndpointId === decl.id
  )
}

/**
 * Whether a CloudTrail record found for a probe is this run's: signed by the probe's access key, made after the
 * ledger's start and not after now, and, through a role, by this run's role session (its name carries the run id).
 */
export function recordIdentityProblem(
  probe: ProbeRecord,
  record: CloudTrailRecord,
  ledger: Ledger,
  know: Pick<VerifierKnowledge, 'manifest' | 'now' | 'sessionName'>
): string | undefined {
  const key = record.userIdentity?.accessKeyId
  if (key !== undefined && key !== probe.accessKeyId)
    return `the record was made with access key ${key}, not the probe's ${probe.accessKeyId}`
  const at = Date.parse(record.eventTime ?? '')
  if (Number.isNaN(at)) return 'the record has no event time'
  if (at < Date.parse(ledger.startedAt) || at > know.now.getTime() + LEDGER_START_SKEW_MS)
    return `the record's time ${record.eventTime} is outside this run (${ledger.startedAt} to now)`
  const vpc = know.manifest.vpcs.find(v => v.id === probe.link.vpcId && v.region === probe.link.region)
  if (vpc?.roleArn) {
    const m = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(vpc.roleArn)
    const expected = m ? `arn:${m[1]}:sts::${m[2]}:assumed-role/${m[3]}/${know.sessionName}` : undefined
    if (record.userIdentity?.arn !== expected)
      return `the record's identity ${record.userIdentity?.arn ?? '(none)'} is not this run's role session ${expected ?? ''}`
  }
  return undefined
}

/** The record CloudTrail returned for a probe is not this run's: the probe's evidence is inconclusive. */
export function notThisRunFinding(probe: ProbeRecord, why: string, endpointId: string | undefined): Finding {
  return evidenceFinding(
    probe.link,
    'cloudtrail-record-found',
    'inconclusive',
    `The CloudTrail record found for ${probe.service}:${probe.operation} is not this run's: ${why}. ` +
      'Not judged; run mode: full (one step), or keep the build out of the job between probe and verify.',
    { probe: `${probe.service}:${probe.operation}`, requestId: probe.requestId, eventId: undefined },
    endpointId
  )
}

/**
 * The ledger was rejected: every declared endpoint's traffic and DNS evidence is inconclusive, located on the
 * manifest (never on what the ledger says), so no rule vanishes and nothing passes on the ledger's word.
 */
export function untrustedLedgerFindings(
  manifest: Manifest,
  problems: readonly string[],
  file: string
): Finding[] {
  const why =
    `The evidence ledger ${file} is not this run's (${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}), ` +
    'so nothing in it is judged. Run mode: full, or mode: probe and verify in the same job with no untrusted step writing to the ledger between them.'
  return manifest.vpcs.flatMap(vpc =>
    vpc.endpoints.flatMap(decl => {
      const link = endpointLink(vpc, decl)
      return [
        evidenceFinding(link, 'cloudtrail-record-found', 'inconclusive', why, { ledger: file }),
        ...(decl.type === 'Interface'
          ? [evidenceFinding(link, 'dns-resolves-to-endpoint', 'inconclusive', why, { ledger: file })]
          : [])
      ]
    })
  )
}

/** What the verify step knows without the ledger: this run (env), its credentials, the manifest, the clock. */
export async function verifierKnowledge(
  manifest: Manifest,
  env: NodeJS.ProcessEnv,
  now: Date,
  sessionName: string,
  ownAccessKey: (vpc: VpcDeclaration) => Promise<string>
): Promise<VerifierKnowledge> {
  const ownAccessKeys = new Map<string, string>()
  for (const vpc of manifest.vpcs) {
    if (!vpc.roleArn && vpc.endpoints.length > 0) ownAccessKeys.set(vpcKey(vpc), await ownAccessKey(vpc))
  }
  const run = runOf(env)
  return { manifest, now, sessionName, ownAccessKeys, ...(run ? { run } : {}) }
}

/** The workflow run, as the runner names it to every step; undefined outside Actions. */
export function runOf(env: NodeJS.ProcessEnv): { id: string; attempt: string } | undefined {
  const id = env.GITHUB_RUN_ID
  return id ? { id, attempt: env.GITHUB_RUN_ATTEMPT || '1' } : undefined
}

/**
 * The DNS answers in a ledger file are the build step's to rewrite, so `mode: verify` asks again from where it
 * runs (the same runner, inside the VPC) for the standard hostname of each declared service, and judges those.
 */
export async function withOwnDnsAnswers(ledger: Ledger, resolve: HostResolver): Promise<Ledger> {
  const cache = new Map<string, Promise<DnsAnswers>>()
  const ask = (service: string, region: string, fallback: DnsAnswers | undefined) => {
    const host = standardHost(service, region)
    if (!host) return Promise.resolve(fallback)
    let answer = cache.get(host)
    if (!answer) {
      answer = resolve(host)
      cache.set(host, answer)
    }
    return answer
  }
  const probes = await Promise.all(
    ledger.probes.map(async p => ({ ...p, dns: (await ask(p.link.service, p.link.region, p.dns)) ?? p.dns }))
  )
  const unprobed = await Promise.all(
    ledger.unprobed.map(async u => {
      if (!u.dns) return u
      const dns = await ask(u.link.service, u.link.region, u.dns)
      return dns ? { ...u, dns } : u
    })
  )
  return { ...ledger, probes, unprobed }
}
