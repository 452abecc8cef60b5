import type { Finding } from '../model/finding.js'

/** "Suppressed (fail) until 2027-03-31 by vpc-endpoints.yml:30: <reason>. " before a message; empty if not suppressed. */
export function suppressedPrefix(f: Pick<Finding, 'verdict' | 'suppressed'>): string {
  const s = f.suppressed
  if (!s) return ''
  const until = s.expires ? ` until ${s.expires}` : ''
  return `Suppressed (${f.verdict})${until} by ${s.location.file}:${s.location.line}: ${s.reason}. `
}
