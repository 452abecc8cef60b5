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
  /** Which half of the product produces it. */
  kind: 'manifest' | 'configuration' | 'evidence'
}
