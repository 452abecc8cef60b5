/**
 * Where a report comes from, for its headline: the commit it checked, the run that checked it, and which
 * manifest the policy was read from. All from the runner's own variables and event, never from a report
 * artifact (which a fork's pull request may have written).
 */
export interface ReportContext {
  /** The commit checked (a pull request's head, not the test merge commit). */
  commit?: string
  /** The workflow run's page. */
  runUrl?: string
  /** `manifest-ref` on a pull request: `base` (the base branch's manifest) or `head` (the PR's own). */
  manifestRef?: 'base' | 'head'
}

const SHA = /^[0-9a-f]{7,40}$/i

/** A commit id as the headline shows it: 7 characters in a code span, or nothing for a malformed one. */
export function shortCommit(commit: string | undefined): string | undefined {
  return commit && SHA.test(commit) ? commit.slice(0, 7).toLowerCase() : undefined
}

/** http(s) only, parentheses encoded so the URL cannot end a Markdown link early. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
    return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29')
  } catch {
    return undefined
  }
}
