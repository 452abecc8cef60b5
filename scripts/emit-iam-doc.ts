/**
 * Fills the generated blocks of docs/iam.md (between `<!-- generated:NAME -->` and `<!-- /generated -->`)
 * from the code that decides what a run calls (src/iam/least-privilege.ts, the probe table), so the docs'
 * policies are exactly what `vpce-proof iam-policy` prints. `--check` exits 1 when the file is stale.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { probeTable } from '../src/evidence/probe-table.js'
import {
  OPTIONAL_METHODS,
  SENSITIVE_PROBE_ACTIONS,
  allProbeActions,
  leastPrivilegePolicy,
  needsOf,
  renderPolicy
} from '../src/iam/least-privilege.js'
import { loadManifest } from '../src/manifest/load.js'
import { reachabilityStatements } from '../src/reachability/policy.js'
import { accessLogStatements } from '../src/access-log/iam.js'

const TARGET = new URL('../docs/iam.md', import.meta.url)
/** The manifest of the docs' "everything in one policy" example; a test holds iam-policy to it. */
export const EXAMPLE_MANIFEST = 'examples/vpc-endpoints.yml'

const ACCESS_LOG_EXAMPLE = {
  bucket: 'my-vpce-probe-bucket',
  logBucket: 'my-access-logs',
  logPrefix: 'logs/',
  region: 'ap-northeast-1'
}

const json = (text: string) => ['```json', text.trimEnd(), '```'].join('\n')

async function blocks(): Promise<Record<string, string>> {
  const configuration = leastPrivilegePolicy({
    account: true,
    evidence: false,
    probeActions: [],
    roleArns: []
  })
  const full = leastPrivilegePolicy({
    account: false,
    evidence: true,
    probeActions: allProbeActions(),
    roleArns: []
  })
  const evidenceOnly = { ...full, Statement: full.Statement.filter(s => s.Sid !== 'VpceProofConfiguration') }
  const example = await loadManifest(fileURLToPath(new URL(`../${EXAMPLE_MANIFEST}`, import.meta.url)), {
    displayPath: EXAMPLE_MANIFEST
  })
  return {
    configuration: json(renderPolicy(configuration)),
    evidence: json(renderPolicy(evidenceOnly)),
    probes: probeRows(),
    optional: optionalRows(),
    example: json(renderPolicy(leastPrivilegePolicy(needsOf(example, true)))),
    reachability: json(renderPolicy({ Version: '2012-10-17', Statement: reachabilityStatements() })),
    accesslog: json(
      renderPolicy({ Version: '2012-10-17', Statement: accessLogStatements([ACCESS_LOG_EXAMPLE]) })
    )
  }
}

/** The opt-in methods: what each adds to the policy (nothing when it is off). */
function optionalRows(): string {
  const rows = ['| method (opt-in) | turned on by | IAM actions, **optional** | notes |', '|---|---|---|---|']
  for (const m of OPTIONAL_METHODS) {
    const actions = m.actions.length > 0 ? m.actions.map(a => `\`${a}\``).join(', ') : 'none'
    rows.push(`| ${m.method} | ${m.switch} | ${actions} | ${m.note} |`)
  }
  return rows.join('\n')
}

function probeRows(): string {
  const rows = ['| manifest `service` | probe | IAM action |', '|---|---|---|']
  for (const entry of probeTable.values()) {
    if (entry.probes.length === 0) {
      rows.push(
        `| \`${entry.service}\` | none: ${entry.noProbeReason ?? 'configuration and DNS checks only'} | — |`
      )
      continue
    }
    const actions = [...new Set(entry.probes.map(p => p.iamAction))].map(action => {
      const sensitive = SENSITIVE_PROBE_ACTIONS.get(action)
      const operation = entry.probes.find(p => p.iamAction === action)?.operation
      const renamed = operation && !action.endsWith(`:${operation}`) ? ` (authorises ${operation})` : ''
      return sensitive
        ? `\`${action}\`${renamed} **optional**: ${sensitive}; leave it out (a denied probe is still evidence) or set \`probe: false\``
        : `\`${action}\`${renamed}`
    })
    rows.push(
      `| \`${entry.service}\` | ${entry.probes.map(p => p.operation).join(', ')} | ${actions.join(', ')} |`
    )
  }
  return rows.join('\n')
}

export function fill(doc: string, generated: Record<string, string>): string {
  const seen = new Set<string>()
  const out = doc.replace(
    /(<!-- generated:([a-z]+) [^\n]*-->\n)[\s\S]*?(\n<!-- \/generated -->)/g,
    (_all, open: string, name: string, close: string) => {
      const body = generated[name]
      if (body === undefined) throw new Error(`docs/iam.md: unknown generated block "${name}"`)
      seen.add(name)
      return `${open}${body}${close}`
    }
  )
  const missing = Object.keys(generated).filter(name => !seen.has(name))
  if (missing.length > 0) throw new Error(`docs/iam.md: no generated block for ${missing.join(', ')}`)
  return out
}

const current = await readFile(TARGET, 'utf8')
const text = fill(current, await blocks())
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error('docs/iam.md is stale: run `npm run docs:iam` and commit it.')
    process.exit(1)
  }
} else if (text !== current) {
  await writeFile(TARGET, text)
}
