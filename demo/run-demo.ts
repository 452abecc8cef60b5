/**
 * `npm run demo`: the whole product against the simulated AWS on loopback. It starts the simulator with
 * the demo account (demo/scenario.ts), a real DNS server on loopback that answers like the VPC's resolver,
 * and runs `vpce-proof check --evidence` on demo/vpc-endpoints.yml: what a user sees, with passes and
 * failures at the manifest's lines. No AWS account and no network are used.
 *
 * `npm run demo -- --plan` also gives it demo/terraform-plan.json (what `terraform show -json` prints for a
 * pull request that fixes KMS's private DNS and the main table's S3 route, drops an SNS subnet and adds a
 * route that shadows S3): predicted findings ("After apply: ...") beside the live ones.
 */
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { main } from '../src/cli.js'
import type { RunReport } from '../src/core/run-report.js'
import { renderReportMarkdown } from '../src/report/markdown/render.js'
import { startDnsServer } from '../sim/dns/server.js'
import { startSimulatedAws } from '../sim/server.js'
import { demoScenario } from './scenario.js'

const REGION = demoScenario.region
const showMarkdown = process.argv.includes('--markdown')
const withPlan = process.argv.includes('--plan')
const planArgs = withPlan ? ['--terraform-plan', 'demo/terraform-plan.json'] : []

const sim = await startSimulatedAws(structuredClone(demoScenario))
// What the VPC's resolver answers: private DNS is on for SNS (its ENIs), off for KMS (public addresses).
const dns = await startDnsServer({
  records: [
    { host: `sns.${REGION}.amazonaws.com`, ipv4: ['10.0.1.10', '10.0.2.10'] },
    { host: `kms.${REGION}.amazonaws.com`, ipv4: ['52.119.160.5'] }
  ]
})

Object.assign(process.env, {
  AWS_ENDPOINT_URL: sim.url,
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: REGION,
  AWS_EC2_METADATA_DISABLED: 'true'
})
const reportPath = path.join(await mkdtemp(path.join(tmpdir(), 'vpce-proof-demo-')), 'report.json')

console.error(
  `Simulated AWS on ${sim.url}; CloudTrail delivers ${demoScenario.cloudTrailDelayMs} ms after each call.`
)
console.error(`$ vpce-proof check --manifest demo/vpc-endpoints.yml --evidence ${planArgs.join(' ')}\n`)
const exitCode = await main([
  'check',
  '--manifest',
  'demo/vpc-endpoints.yml',
  '--evidence',
  '--evidence-timeout',
  '30s',
  '--report',
  reportPath,
  '--dns-servers',
  dns.server,
  ...planArgs
])

const report = JSON.parse(await readFile(reportPath, 'utf8')) as RunReport
const ec2 = sim.calls.filter(c => c.service === 'ec2').length
console.log(
  `\nexit code ${exitCode} (1: a check failed). AWS calls: ${ec2} EC2, ${sim.callCount('LookupEvents')} LookupEvents, ` +
    `${report.findings.length} findings. JSON report: ${reportPath}`
)
if (showMarkdown)
  console.log(`\n--- job summary / PR comment (Markdown) ---\n${renderReportMarkdown(report)}`)
else console.log('Run `npm run demo -- --markdown` to also see the job summary / PR comment Markdown.')
if (!withPlan)
  console.log(
    'Run `npm run demo -- --plan` to also check a Terraform plan: predicted findings beside the live ones.'
  )

await dns.stop()
await sim.close()
