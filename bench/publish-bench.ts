/**
 * What `mode: publish` costs on hostile artifacts, in process (no GitHub): refusing a 50 MB file and an
 * 80,000-finding file, and reading, recomputing and rendering the largest report the caps allow.
 * Run: npx tsx bench/publish-bench.ts
 */
import { mkdtemp, open, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { buildReport } from '../src/core/build-report.js'
import type { Finding } from '../src/model/finding.js'
import { planAnnotations } from '../src/report/annotations.js'
import { reportAnnotations } from '../src/report/github/annotations.js'
import { renderReportMarkdown } from '../src/report/markdown/render.js'
import { readPublishedReport } from '../src/report/published-report.js'
import { REPORT_LIMITS } from '../src/report/report-schema.js'

function findings(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    ruleId: 'endpoint-declared',
    verdict: i % 3 === 0 ? 'fail' : 'warn',
    message: `vpce-${i.toString(16).padStart(17, '0')} is in the VPC but not declared.`,
    location: { file: 'infra/vpc-endpoints.yml', line: 1 + (i % 50), column: 9 },
    vpcId: `vpc-${(i % 7).toString(16).padStart(17, '0')}`,
    region: 'ap-northeast-1',
    service: `svc${i % 40}`,
    evidence: { vpce: `vpce-${i.toString(16).padStart(17, '0')}` }
  }))
}

async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<T | undefined> {
  const start = performance.now()
  try {
    return await fn()
  } catch (error) {
    console.log(`  refused: ${(error as Error).message.replace(/^\S+: /, '')}`)
    return undefined
  } finally {
    console.log(`${label}: ${Math.round(performance.now() - start)} ms`)
  }
}

const dir = await mkdtemp(path.join(tmpdir(), 'vpce-proof-bench-'))
const big = path.join(dir, 'big.json')
const handle = await open(big, 'w')
await handle.truncate(50 * 1024 * 1024)
await handle.close()
await timed('refuse a 50 MB artifact', () => readPublishedReport(big, ['fail']))

const many = path.join(dir, 'many.json')
const tooMany = buildReport({
  manifestFile: 'm.yml',
  startedAt: new Date(),
  finishedAt: new Date(),
  failOn: ['fail'],
  // Small findings, so the count (not the size) is what refuses them.
  findings: findings(80_000).map(f => ({
    ruleId: 'x',
    verdict: f.verdict,
    message: '',
    location: f.location,
    vpcId: 'v',
    region: 'r',
    evidence: {}
  }))
})
await writeFile(many, JSON.stringify(tooMany))
await timed('refuse an 80,000-finding artifact', () => readPublishedReport(many, ['fail']))

const max = path.join(dir, 'max.json')
await writeFile(
  max,
  JSON.stringify(
    buildReport({
      manifestFile: 'infra/vpc-endpoints.yml',
      startedAt: new Date(),
      finishedAt: new Date(),
      failOn: [],
      findings: findings(REPORT_LIMITS.findings)
    })
  )
)
const report = await timed(`read and recompute ${REPORT_LIMITS.findings} findings`, () =>
  readPublishedReport(max, ['fail'])
)
if (report) {
  await timed('render the PR comment (65,536 chars)', () =>
    renderReportMarkdown(report, { maxLength: 65536 })
  )
  await timed('render the job summary (512 KiB)', () =>
    renderReportMarkdown(report, { maxLength: 512 * 1024 })
  )
  await timed('plan workflow annotations', () => planAnnotations(report))
  await timed('build check-run annotations', () => reportAnnotations(report.findings, report.failOn))
}
const huge = buildReport({
  manifestFile: 'm.yml',
  startedAt: new Date(),
  finishedAt: new Date(),
  failOn: ['fail'],
  findings: findings(80_000)
})
await timed('render 80,000 findings uncapped (renderer alone)', () => renderReportMarkdown(huge))
await timed('plan annotations for 80,000 findings', () => planAnnotations(huge))
