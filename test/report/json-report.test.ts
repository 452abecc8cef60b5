import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildReport } from '../../src/core/build-report.js'
import { readJsonReport, writeJsonReport } from '../../src/report/json-report.js'

const report = buildReport({
  manifestFile: '.github/vpc-endpoints.yml',
  startedAt: new Date('2026-11-28T10:00:00Z'),
  finishedAt: new Date('2026-11-28T10:01:00Z'),
  failOn: ['fail'],
  findings: [
    {
      ruleId: 'private-dns-enabled',
      verdict: 'fail',
      message: 'Private DNS is off for vpce-0aaa.',
      location: { file: '.github/vpc-endpoints.yml', line: 9, column: 9 },
      vpcId: 'vpc-0123456789abcdef0',
      region: 'ap-northeast-1',
      service: 'kms',
      endpointId: 'vpce-0aaa',
      evidence: { endpoint: 'vpce-0aaa' }
    }
  ]
})

async function tempFile(content?: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'vpce-report-')), 'report.json')
  if (content !== undefined) await writeFile(file, content)
  return file
}

describe('the JSON report that mode: publish reads', () => {
  it('round-trips', async () => {
    const file = await tempFile()
    await writeJsonReport(report, file)
    expect(await readJsonReport(file)).toEqual(report)
  })

  it('names the file and the bad field when the artifact is not a report', async () => {
    const bad = { ...report, findings: [{ ...report.findings[0], verdict: 'maybe' }] }
    const file = await tempFile(JSON.stringify(bad))
    await expect(readJsonReport(file)).rejects.toThrow(`${file}: not a vpce-proof report (findings.0.verdict`)
    await expect(readJsonReport(await tempFile('{not json'))).rejects.toThrow('not valid JSON')
    await expect(readJsonReport(path.join(tmpdir(), 'nope', 'r.json'))).rejects.toThrow(
      'no JSON report there'
    )
  })

  it('drops fields a report does not have, so nothing unexpected reaches a renderer', async () => {
    const file = await tempFile(JSON.stringify({ ...report, extra: '<script>' }))
    expect(await readJsonReport(file)).not.toHaveProperty('extra')
  })
})
