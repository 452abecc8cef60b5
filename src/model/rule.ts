import type { Verdict } from './verdict.js'

export interface Rule {
  id: string
  /** The property the rule checks, stated as true ("Private DNS is on"): SARIF shortDescription, docs. */
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
  /**
   * The report matrix's column: one per way of checking (endpoint exists, private DNS or routes,
   * CloudTrail path, …). A new evidence method names its own family and gets its own column; rules
   * without one get a column of their own, named after their id.
   */
  family?: string
  /**
   * What a finding of a verdict states, as a title ("Private DNS is off" for `fail`). A verdict left
   * out reads as the rule's title (for `pass`) or "<verdict word>: <title>"; a decide that knows more
   * sets the finding's own `title`.
   */
  found?: Partial<Record<Verdict, string>>
  /** SARIF `security-severity` (0.1–10, GitHub code scanning's scale) of a failure; default 5.0. */
  severity?: number
}
