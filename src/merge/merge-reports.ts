import { resultOf } from '../core/fail-on.js'
import type { RunReport, ShardStamp } from '../core/run-report.js'
import { VERSION } from '../core/version.js'
import type { VpcDeclaration } from '../manifest/types.js'
import { countByVerdict, type Finding, type Verdict } from '../model/finding.js'
import type { SourceLocation } from '../model/location.js'
import { recomputeVerdict } from '../report/published-report.js'
import { REPORT_LIMITS } from '../report/report-schema.js'
import { ALWAYS_FAILING, type ReportRuleId } from './merge-rules.js'
import type { ShardFile } from './read-shards.js'

/**
 * `mode: merge`, the pure part: the shard reports of one matrix folded into one report. Each shard report
 * is untrusted input, judged as `mode: publish` judges an artifact (verdict recomputed from its findings
 * with the merge's own `fail-on`, a disagreeing verdict is `report-consistent: fail`). Only one report per
 * expected shard, of this run and commit, counts; every shard without one is a `fail` naming it, so the
 * merged verdict is never about fewer shards than expected. With every shard present and sound, the
 * merged verdict is the worst shard's.
 */
export interface MergeInput {
  files: readonly ShardFile[]
  /** Shard names the merge expects, in order. */
  expected: readonly string[]
  /** Where `expected` came from, for the report ("expected-shards", "the policy manifest m.yml"). */
  expectedFrom: string
  /** The policy's VPCs by shard, when `expected` comes from the manifest: each must be in its shard's report. */
  policyVpcs?: ReadonlyMap<string, readonly VpcDeclaration[]>
  failOn: readonly Verdict[]
  /**
   * The merging job's own run and commit (GITHUB_RUN_ID, GITHUB_SHA). Outside Actions there is none, and
   * the shard reports must then at least all name the same run and commit.
   */
  reference: { runId?: string; sha?: string }
  manifestFile: string
  startedAt: Date
  finishedAt: Date
}

interface Stamped {
  file: string
  report: RunReport
  stamp: ShardStamp
}

const clip = (s: string, n = 100) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)
const short = (sha: string | undefined) => (sha ? sha.slice(0, 12) : 'no commit')
const runText = (s: ShardStamp) =>
  s.run ? `run ${clip(s.run.id, 20)} attempt ${clip(s.run.attempt, 10)}` : 'no run'

export function mergeShardReports(input: MergeInput): RunReport {
  const problems: Finding[] = []
  const add = (ruleId: ReportRuleId, shard: string | undefined, message: string, file?: string) =>
    problems.push(problemFinding(input, ruleId, shard, message, file))
  const expected = new Set(input.expected)

  const stamped: Stamped[] = []
  for (const f of input.files) {
    if (!f.report) add('shard-reported', undefined, `${f.problem ?? f.file}. Not counted.`, f.file)
    else if (!f.report.shard)
      add(
        'shard-expected',
        undefined,
        `${f.file} is not a shard report (it was written without \`shard\`), so it is not counted.`,
        f.file
      )
    else stamped.push({ file: f.file, report: f.report, stamp: f.report.shard })
  }

  // Every report that does not count is a `fail` of its own; a missing shard then names the reasons again.
  const whyNot = new Map<string, string[]>()
  const reject = (entry: Stamped, reason: string) => {
    whyNot.set(entry.stamp.name, [...(whyNot.get(entry.stamp.name) ?? []), reason])
    add('shard-reported', entry.stamp.name, `${entry.file} ${reason}; not counted.`, entry.file)
  }

  const current = stamped.filter(entry => {
    const stale = staleness(entry.stamp, input.reference, stamped)
    if (stale) reject(entry, stale)
    return !stale
  })
  const byShard = new Map<string, Stamped[]>()
  for (const entry of current)
    byShard.set(entry.stamp.name, [...(byShard.get(entry.stamp.name) ?? []), entry])

  const counted = new Map<string, Stamped>()
  for (const [name, entries] of byShard) {
    if (!expected.has(name)) {
      for (const entry of entries)
        add(
          'shard-expected',
          name,
          `${entry.file} is the report of shard ${clip(name)}, which this merge does not expect (${input.expectedFrom}: ${input.expected.join(', ') || 'none'}). Its findings are not counted.`,
          entry.file
        )
    } else if (entries.length > 1) {
      for (const entry of entries)
        reject(entry, `is one of ${entries.length} reports for shard ${name}, which must deliver one`)
    } else counted.set(name, entries[0] as Stamped)
  }

  const findings: Finding[] = []
  const notes: string[] = []
  const apiCalls: Record<string, number> = {}
  const apiAttempts: Record<string, number> = {}
  const undecided: string[] = []
  /** Each shard's notes, by note: one every shard made (the policy's origin) is shown once. */
  const shardNotes = new Map<string, string[]>()
  for (const name of input.expected) {
    const entry = counted.get(name)
    if (!entry) {
      const reasons = whyNot.get(name)
      add(
        'shard-reported',
        name,
        `shard ${name} missing: ${reasons ? `no report of it counts (${reasons.length} rejected)` : 'no report names it'}. The merged verdict cannot speak for it.`
      )
      notes.push(`Shard ${name}: missing.`)
      continue
    }
    const judged = recomputeVerdict(entry.report, input.failOn)
    findings.push(...judged.findings.map(f => tagged(f, name)))
    if (judged.undecided) {
      undecided.push(`${name}: ${judged.undecided}`)
      add('shard-decided', name, `shard ${name} could not check: ${clip(judged.undecided, 1000)}`)
    }
    for (const vpc of input.policyVpcs?.get(name) ?? []) {
      if (!entry.report.findings.some(f => f.vpcId === vpc.id && f.region === vpc.region))
        problems.push({
          ...problemFinding(
            input,
            'shard-complete',
            name,
            `shard ${name}'s report (${entry.file}) has no finding for ${vpc.id} (${vpc.region}), which the policy declares in this shard.`
          ),
          location: vpc.location,
          vpcId: vpc.id,
          region: vpc.region
        })
    }
    notes.push(shardLine(name, entry, judged))
    for (const note of judged.notes) shardNotes.set(note, [...(shardNotes.get(note) ?? []), name])
    addInto(apiCalls, entry.report.apiCalls)
    addInto(apiAttempts, entry.report.apiAttempts ?? entry.report.apiCalls)
  }

  for (const [note, shards] of shardNotes)
    notes.push(shards.length === counted.size && counted.size > 1 ? note : `[${shards.join(', ')}] ${note}`)
  const all = dedupe([...problems, ...findings])
  const counts = countByVerdict(all)
  const decidedNothing = counted.size === 0 || undecided.length === counted.size
  const cause = decidedNothing
    ? counted.size === 0
      ? `no shard report counted (${input.expected.length} expected: ${input.expected.join(', ') || 'none'})`
      : `no shard decided anything (${undecided.join('; ')})`
    : undefined
  const mustFail = all.some(f => f.verdict === 'fail' && ALWAYS_FAILING.has(f.ruleId))
  const head = `Merged ${counted.size} of ${input.expected.length} expected shards (${input.expectedFrom}); a missing or unsound shard fails the merged verdict whatever fail-on says.`
  return {
    schemaVersion: 1,
    tool: { name: 'vpce-proof', version: VERSION },
    manifestFile: input.manifestFile,
    startedAt: earliest(
      [...counted.values()].map(e => e.report.startedAt),
      input.startedAt
    ),
    finishedAt: input.finishedAt.toISOString(),
    failOn: [...input.failOn],
    result: cause || mustFail ? 'fail' : resultOf(counts, input.failOn),
    ...(cause ? { undecided: clip(cause, REPORT_LIMITS.noteLength) } : {}),
    counts,
    findings: all,
    notes: capNotes(unique([head, ...notes])),
    apiCalls,
    apiAttempts
  }
}

/** Why a shard report is not this run's, or undefined when it is. */
function staleness(
  stamp: ShardStamp,
  reference: MergeInput['reference'],
  all: readonly Stamped[]
): string | undefined {
  if (reference.runId || reference.sha) {
    if (reference.runId && stamp.run?.id !== reference.runId)
      return `was written by ${runText(stamp)}, not this run (${reference.runId})`
    if (reference.sha && stamp.sha !== reference.sha)
      return `proves commit ${short(stamp.sha)}, not this run's ${short(reference.sha)}`
    return undefined
  }
  // Outside Actions nothing says which run is the right one: they must at least be one run's.
  const key = (s: ShardStamp) => `${s.run?.id ?? ''}@${s.sha ?? ''}`
  const runs = new Set(all.map(e => key(e.stamp)))
  return runs.size > 1
    ? `is one of reports from ${runs.size} different runs or commits (outside GitHub Actions they must all be one run's)`
    : undefined
}

function shardLine(name: string, entry: Stamped, judged: RunReport): string {
  const s = entry.stamp
  const verdict = judged.undecided ? 'could not check' : judged.result === 'pass' ? 'passed' : 'failed'
  const c = judged.counts
  return (
    `Shard ${name}: ${verdict} (${c.pass} passed, ${c.fail} failed, ${c.warn} warnings, ${c.inconclusive} inconclusive, ${c.skipped} skipped); ` +
    `job ${clip(s.job ?? 'unnamed', 100)}, ${runText(s)}, commit ${short(s.sha)}, ${entry.file}.`
  )
}

/** The shard a finding came from, first among its evidence (every channel shows evidence). */
function tagged(f: Finding, shard: string): Finding {
  const rest = Object.entries(f.evidence).filter(([k]) => k !== 'shard')
  return {
    ...f,
    evidence: Object.fromEntries([['shard', shard], ...rest.slice(0, REPORT_LIMITS.evidenceEntries - 1)])
  }
}

function problemFinding(
  input: MergeInput,
  ruleId: ReportRuleId,
  shard: string | undefined,
  message: string,
  file?: string
): Finding {
  const vpc = shard ? input.policyVpcs?.get(shard)?.[0] : undefined
  const location: SourceLocation = vpc?.location ?? { file: input.manifestFile, line: 1, column: 1 }
  const region = shard ? (shard.split('/').at(-1) ?? '') : ''
  return {
    ruleId,
    verdict: 'fail',
    message: clip(message, REPORT_LIMITS.messageLength),
    location,
    vpcId: vpc?.id ?? '(merge)',
    region: vpc?.region ?? (clip(region) || 'all'),
    evidence: {
      ...(shard ? { shard: clip(shard) } : {}),
      ...(file ? { report: clip(file, REPORT_LIMITS.evidenceValueLength) } : {})
    }
  }
}

/**
 * A finding every shard reports alike (the pull request's policy diff is in each) is shown once, with
 * the shards that reported it.
 */
function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, Finding>()
  for (const f of findings) {
    const { shard, ...evidence } = f.evidence
    const key = JSON.stringify([
      f.ruleId,
      f.verdict,
      f.message,
      f.location,
      f.vpcId,
      f.region,
      f.service ?? '',
      f.endpointId ?? '',
      evidence
    ])
    const first = seen.get(key)
    if (!first) seen.set(key, f)
    else if (shard && first.evidence.shard !== undefined && !first.evidence.shard.split(', ').includes(shard))
      seen.set(key, {
        ...first,
        evidence: {
          ...first.evidence,
          shard: clip(`${first.evidence.shard}, ${shard}`, REPORT_LIMITS.evidenceValueLength)
        }
      })
  }
  return [...seen.values()]
}

function addInto(sum: Record<string, number>, add: Record<string, number>): void {
  for (const [k, v] of Object.entries(add)) sum[k] = (sum[k] ?? 0) + v
}

function earliest(times: readonly string[], fallback: Date): string {
  const ms = times.map(t => Date.parse(t)).filter(t => Number.isFinite(t) && t <= fallback.getTime() + 60_000)
  return new Date(ms.length > 0 ? Math.min(...ms) : fallback.getTime()).toISOString()
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)]
}

/** A merged report stays a report `mode: publish` can read back: at most 100 notes of 4,000 characters. */
function capNotes(notes: readonly string[]): string[] {
  const clipped = notes.map(n => clip(n, REPORT_LIMITS.noteLength))
  if (clipped.length <= REPORT_LIMITS.notes) return clipped
  const kept = clipped.slice(0, REPORT_LIMITS.notes - 1)
  return [...kept, `${clipped.length - kept.length} more notes are in the shard reports.`]
}
