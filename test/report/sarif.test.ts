import { describe, expect, it } from 'vitest'
import { ruleById } from '../../src/catalogue.js'
import { buildSarif } from '../../src/report/sarif/build.js'
import { finding, MANIFEST, mixedReport, report } from './fixtures.js'
import { sarifValidator } from './sarif-schema.js'

interface SarifLog {
  version: string
  runs: {
    tool: {
      driver: {
        name: string
        rules: { id: string; shortDescription: { text: string }; help?: { text: string; markdown: string } }[]
      }
    }
    results: {
      ruleId: string
      ruleIndex: number
      level: string
      message: { text: string }
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string }
          region: { startLine: number; startColumn: number }
        }
      }[]
      partialFingerprints: Record<string, string>
    }[]
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[]
  }[]
}

const validate = sarifValidator()

function sarif(r = mixedReport()): SarifLog {
  return buildSarif(r) as SarifLog
}

function fingerprintOf(log: SarifLog, index = 0): string {
  return Object.values(log.runs[0]?.results[index]?.partialFingerprints ?? {})[0] ?? ''
}

describe('buildSarif', () => {
  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const ok = validate(sarif())
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('is rejected by the schema when it breaks it (the validation is real)', () => {
    const broken = sarif() as unknown as {
      runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[]
    }
    const region = broken.runs[0]?.results[0]?.locations[0]?.physicalLocation.region
    if (region) region.startLine = 0
    expect(validate(broken)).toBe(false)
  })

  it('reports only problems, each on its manifest line, with the level of its verdict', () => {
    const log = sarif()
    const results = log.runs[0]?.results ?? []
    expect(results.map(r => [r.ruleId, r.level])).toEqual([
      ['endpoint-in-subnets', 'error'],
      ['endpoint-declared', 'warning'],
      ['probe-recorded-through-endpoint', 'note']
    ])
    const location = results[0]?.locations[0]?.physicalLocation
    expect(location?.artifactLocation).toEqual({ uri: MANIFEST, uriBaseId: '%SRCROOT%' })
    expect(location?.region).toMatchObject({ startLine: 10, startColumn: 11 })
  })

  it('makes a verdict listed in fail-on an error', () => {
    const log = sarif(report([finding({ verdict: 'inconclusive' })], { failOn: ['fail', 'inconclusive'] }))
    expect(log.runs[0]?.results[0]?.level).toBe('error')
  })

  it('describes each rule used once, from the catalogue, with the fix as help', () => {
    const log = sarif()
    const rules = log.runs[0]?.tool.driver.rules ?? []
    expect(rules.map(r => r.id)).toEqual([
      'endpoint-in-subnets',
      'endpoint-declared',
      'probe-recorded-through-endpoint'
    ])
    const catalogue = ruleById('endpoint-in-subnets')
    expect(rules[0]?.shortDescription.text).toBe(catalogue?.title)
    expect(rules[0]?.help?.text).toContain(catalogue?.fix)
    for (const result of log.runs[0]?.results ?? []) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId)
  })

  it('keeps the fingerprint when only the message or the line changes', () => {
    const before = sarif(report([finding({ verdict: 'fail' })]))
    const after = sarif(
      report([
        finding({ verdict: 'fail', message: 'Reworded.', location: { file: MANIFEST, line: 40, column: 3 } })
      ])
    )
    expect(fingerprintOf(after)).toBe(fingerprintOf(before))
  })

  it('gives different problems different fingerprints (endpoint, route table)', () => {
    const routes = (rtb: string, endpointId = 'vpce-0a1b2c3d4e5f60718') =>
      finding({
        ruleId: 'gateway-route-present',
        verdict: 'fail',
        service: 's3',
        endpointId,
        evidence: { rtb }
      })
    const log = sarif(
      report([
        routes('rtb-0aaa1111bbbb22223'),
        routes('rtb-0ccc1111dddd22223'),
        routes('rtb-0aaa1111bbbb22223', 'vpce-0b')
      ])
    )
    const prints = new Set([0, 1, 2].map(i => fingerprintOf(log, i)))
    expect(prints.size).toBe(3)
  })

  it('carries the notes as tool notifications and hostile text verbatim (SARIF is JSON, not Markdown)', () => {
    const hostile = 'name `x` | <script>alert(1)</script> @octocat'
    const log = sarif(
      report([finding({ verdict: 'fail', message: hostile })], { notes: ['runner outside the VPC'] })
    )
    expect(log.runs[0]?.results[0]?.message.text).toBe(`Private DNS is off: ${hostile}`)
    expect(log.runs[0]?.invocations[0]?.toolExecutionNotifications[0]?.message.text).toBe(
      'runner outside the VPC'
    )
    expect(validate(log)).toBe(true)
  })
})

describe('buildSarif for code scanning severities', () => {
  it('gives every rule a security-severity, tags [security], help with the fix and a helpUri', () => {
    const log = buildSarif(mixedReport()) as unknown as {
      runs: {
        tool: {
          driver: {
            rules: {
              id: string
              helpUri: string
              help?: { text: string }
              properties: { tags: string[]; 'security-severity': string }
            }[]
          }
        }
      }[]
    }
    const rules = log.runs[0]!.tool.driver.rules
    expect(rules.length).toBeGreaterThan(0)
    for (const r of rules) {
      expect(r.properties.tags).toContain('security')
      expect(Number(r.properties['security-severity'])).toBeGreaterThan(0)
      expect(Number(r.properties['security-severity'])).toBeLessThanOrEqual(10)
      expect(r.helpUri).toMatch(/docs\/rules\.md#/)
    }
    const subnets = rules.find(r => r.id === 'endpoint-in-subnets')!
    expect(subnets.properties['security-severity']).toBe('5.0')
    expect(subnets.help?.text).toContain(`How to fix: ${ruleById('endpoint-in-subnets')!.fix}`)
    expect(validate(log)).toBe(true)
  })
})
