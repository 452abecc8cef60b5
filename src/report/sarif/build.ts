import { createHash } from 'node:crypto'
import type { Finding, Verdict } from '../../model/finding.js'
import { allRules, ruleById, type Rule } from '../../catalogue.js'
import type { RunReport } from '../../core/run-report.js'

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'
export const INFORMATION_URI = 'https://github.com/vpce-proof/vpce-proof'
const RULES_DOC = `${INFORMATION_URI}/blob/main/docs/rules.md`
/** Versioned so a future change of what identifies a finding can start a new series of alerts. */
const FINGERPRINT_KEY = 'vpceProofFinding/v1'

type SarifLevel = 'error' | 'warning' | 'note'

/**
 * Only problems become results: code scanning opens an alert per result and closes it when a later
 * upload no longer contains it, so `pass` and `skipped` are left out. A verdict listed in `fail-on` is
 * an error; otherwise fail = error, warn = warning, inconclusive = note.
 */
export function sarifLevel(verdict: Verdict, failOn: readonly Verdict[]): SarifLevel | undefined {
  if (verdict === 'pass' || verdict === 'skipped') return undefined
  if (verdict === 'fail' || failOn.includes(verdict)) return 'error'
  return verdict === 'warn' ? 'warning' : 'note'
}

/**
 * Identifies the same problem across runs, whatever its message or line: the rule, the VPC, the
 * service and the endpoint, plus the subnet and route table ids in the evidence (one rule can fire
 * once per declared subnet or table). Per-run ids (event, request) are left out.
 */
export function findingFingerprint(f: Finding): string {
  const placeIds = Object.values(f.evidence)
    .filter(v => /^(subnet|rtb)-/.test(v))
    .sort()
  // A prediction is its own alert: it closes when the plan is applied or changed, not with the live one.
  const parts = [
    f.ruleId,
    f.vpcId,
    f.service ?? '',
    f.endpointId ?? '',
    ...placeIds,
    ...(f.phase ? [f.phase] : [])
  ]
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)
}

/** Relative, forward slashes, percent-encoded: a URI reference against %SRCROOT%. */
function artifactUri(file: string): string {
  const relative = file
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
  return relative
    .split('/')
    .map(segment => encodeURIComponent(segment))
    .join('/')
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(w => w[0]?.toUpperCase() + w.slice(1))
    .join('')
}

function sarifRule(id: string, rule: Rule | undefined, level: SarifLevel) {
  if (!rule) {
    return { id, name: pascalCase(id), shortDescription: { text: id }, defaultConfiguration: { level } }
  }
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.checks} ${rule.why}` },
    helpUri: `${RULES_DOC}#${id}`,
    help: {
      text: `${rule.checks}\n\nWhy: ${rule.why}\n\nFix: ${rule.fix}`,
      markdown: `${rule.checks}\n\n**Why:** ${rule.why}\n\n**Fix:** ${rule.fix}`
    },
    defaultConfiguration: { level },
    properties: { tags: ['vpc-endpoints', 'aws', rule.kind] }
  }
}

function sarifResult(f: Finding, level: SarifLevel, ruleIndex: number) {
  const { line, column, endLine = line, endColumn } = f.location
  const region: Record<string, number> = { startLine: line, startColumn: column }
  if (endLine > line) region['endLine'] = endLine
  if (endColumn !== undefined && (endLine > line || endColumn > column)) region['endColumn'] = endColumn
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level,
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.location.file), uriBaseId: '%SRCROOT%' },
          region
        }
      }
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(f) },
    properties: {
      verdict: f.verdict,
      vpcId: f.vpcId,
      region: f.region,
      ...(f.service ? { service: f.service } : {}),
      ...(f.endpointId ? { endpointId: f.endpointId } : {}),
      ...(f.phase ? { phase: f.phase } : {}),
      ...(f.fixedByPlan ? { fixedByPlan: true } : {}),
      evidence: f.evidence
    }
  }
}

/**
 * SARIF 2.1.0 for code scanning (`github/codeql-action/upload-sarif`): one rule per rule id the run
 * reported (catalogue order), results on the manifest's lines, stable `partialFingerprints`, and the
 * report's notes as tool notifications.
 */
export function buildSarif(report: RunReport): object {
  const problems = report.findings.flatMap(f => {
    const level = sarifLevel(f.verdict, report.failOn)
    return level ? [{ finding: f, level }] : []
  })
  const catalogueOrder = new Map(allRules.map((r, i) => [r.id, i]))
  const ruleIds = [...new Set(problems.map(p => p.finding.ruleId))].sort(
    (a, b) => (catalogueOrder.get(a) ?? Infinity) - (catalogueOrder.get(b) ?? Infinity) || a.localeCompare(b)
  )
  const worstLevel = (id: string): SarifLevel => {
    const levels = problems.filter(p => p.finding.ruleId === id).map(p => p.level)
    return levels.includes('error') ? 'error' : levels.includes('warning') ? 'warning' : 'note'
  }
  const rules = ruleIds.map(id => sarifRule(id, ruleById(id), worstLevel(id)))
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]))

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            ...(/^\d+\.\d+\.\d+/.test(report.tool.version) ? { semanticVersion: report.tool.version } : {}),
            informationUri: INFORMATION_URI,
            rules
          }
        },
        automationDetails: { id: `vpce-proof/${artifactUri(report.manifestFile)}/` },
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The repository root (GITHUB_WORKSPACE).' } }
        },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            toolExecutionNotifications: report.notes.map(text => ({ level: 'note', message: { text } }))
          }
        ],
        results: problems.map(({ finding, level }) =>
          sarifResult(finding, level, ruleIndex.get(finding.ruleId) as number)
        )
      }
    ]
  }
}
