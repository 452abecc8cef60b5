import type { Finding } from '../../src/model/finding.js'

/** A finding's subject: its rule and the manifest line it is about (the VPC's line or the endpoint's). */
export function subjectKey(f: Finding): string {
  return `${f.ruleId} @ ${f.vpcId} line ${f.location.line}`
}

function bySubject(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>()
  for (const f of findings) map.set(subjectKey(f), [...(map.get(subjectKey(f)) ?? []), f])
  return map
}

/** How bad a verdict is for the reader: fail and inconclusive are both red (neither may merge). */
const BADNESS: Record<Finding['verdict'], number> = { pass: 0, skipped: 0, warn: 1, inconclusive: 2, fail: 2 }
const worst = (findings: readonly Finding[]) => Math.max(0, ...findings.map(f => BADNESS[f.verdict]))

/** A run passes overall when something passed and nothing failed or stayed undecided. */
export function passesOverall(findings: readonly Finding[]): boolean {
  return (
    findings.some(f => f.verdict === 'pass') &&
    findings.every(f => f.verdict === 'pass' || f.verdict === 'warn' || f.verdict === 'skipped')
  )
}

/**
 * What a faulty run may not do relative to the clean run (issue 7, principle 2): lose a subject, make a
 * subject look better (red to warn or green, warn to green), have more passes for a subject than the clean
 * run had, or pass overall where the clean run did not.
 */
export function monotonicityViolations(clean: readonly Finding[], faulty: readonly Finding[]): string[] {
  const violations: string[] = []
  const before = bySubject(clean)
  const after = bySubject(faulty)
  for (const [key, was] of before) {
    if (!after.has(key)) violations.push(`${key}: vanished (was ${was.map(f => f.verdict).join(', ')})`)
  }
  for (const [key, now] of after) {
    const passesNow = now.filter(f => f.verdict === 'pass').length
    const passesBefore = (before.get(key) ?? []).filter(f => f.verdict === 'pass').length
    const was = before.get(key) ?? []
    if (worst(now) < worst(was)) {
      violations.push(
        `${key}: now ${now.map(f => f.verdict).join(', ')}, was ${was.map(f => f.verdict).join(', ')}`
      )
    }
    if (passesNow > passesBefore) {
      const was = (before.get(key) ?? []).map(f => f.verdict).join(', ') || 'nothing'
      violations.push(`${key}: ${passesNow} pass where the clean run had ${passesBefore} (was ${was})`)
    }
  }
  if (passesOverall(faulty) && !passesOverall(clean))
    violations.push('the run passes overall; the clean run did not')
  return violations
}
