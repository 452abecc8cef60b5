export interface Rule {
  id: string
  /** Short title (SARIF shortDescription, summary headings). */
  title: string
  /** What the rule checks. */
  checks: string
  /** Why it matters. */
  why: string
  /** How to fix a failure. */
  fix: string
  /** IAM actions whose answers the rule needs; without any of them it is inconclusive, never a pass. */
  permissions?: readonly string[]
  /** Which half of the product produces it. */
  kind: 'manifest' | 'configuration' | 'evidence' | 'report'
}
