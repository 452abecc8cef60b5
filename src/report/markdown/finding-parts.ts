import type { Finding, Verdict } from '../../model/finding.js'
import { consoleLink } from './console-links.js'
import { escapeMarkdown, truncate } from './escape.js'
import { VERDICT_EMOJI } from './headline.js'

/** The anchor a matrix cell links to. GitHub prefixes `user-content-` and follows `#name` links to it. */
export function anchorName(index: number): string {
  return `vp-f${index}`
}

export function anchorTag(index: number): string {
  return `<a name="${anchorName(index)}"></a>`
}

/** A report read back from JSON is data from a pull request: an unknown verdict still gets an icon. */
export function verdictIcon(verdict: Verdict | undefined): string {
  return (verdict && VERDICT_EMOJI[verdict]) || '❔'
}

/** A problem's message is cut here in the report; only what is shown counts as said. */
export const MESSAGE_LIMIT = 2000

/** The message as the reader sees it: cut where the report cuts it. */
function shownMessage(f: Finding): string {
  return truncate(f.message, MESSAGE_LIMIT)
}

/** How a link is written: inline by default; a report may write one it repeats by reference. */
export type LinkWriter = (text: string, url: string) => string

const inlineLink: LinkWriter = (text, url) => `[${text}](${url})`

/**
 * "**kms** vpce-0a1b…, line 12" (with "in vpc-… (region)" when the report covers several VPCs); a
 * VPC-level finding is named by its VPC. The endpoint id is left out where the message names it
 * ("Private DNS is off for vpce-0a1b…"): the reader reads it once.
 */
export function subjectText(f: Finding, withVpc: boolean): string {
  const vpc = `${escapeMarkdown(f.vpcId, 60)} (${escapeMarkdown(f.region, 30)})`
  const line = `line ${escapeMarkdown(String(f.location.line), 12)}`
  if (!f.service) return `**${vpc}**, ${line}`
  const id =
    f.endpointId && !saysWord(shownMessage(f), f.endpointId) ? ` ${escapeMarkdown(f.endpointId, 60)}` : ''
  return `**${escapeMarkdown(f.service, 80)}**${id}${withVpc ? ` in ${vpc}` : ''}, ${line}`
}

const EVIDENCE_VALUE_LIMIT = 100
const EVIDENCE_PER_FINDING = 5
/** Values a person looks up: AWS ids, addresses, event and request ids (times and modes are not). */
const ID_LIKE = /^([a-z]+-[0-9a-f]{6,}|\d{1,3}(\.\d{1,3}){3}\b.*|[0-9a-f:]*:[0-9a-f:]+|[0-9A-Fa-f-]{16,})$/

/**
 * `value` as a whole word of `text`: "10.0.1.1" is not in "10.0.1.11" nor in "10.0.1.1:443"; a full stop
 * or a colon ending the phrase may follow it.
 */
function saysWord(text: string, value: string): boolean {
  if (value.length === 0) return false
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\w.:-])${escaped}(?![\\w-]|[.:]\\w)`).test(text)
}

/**
 * The evidence a person can check by hand, ids linked to the AWS console. What the reader has already
 * read is left out: the VPC, the finding's own endpoint (the subject or the message names it, and its
 * matrix row), and any value the message, as shown (cut where the report cuts it), states word for word,
 * unless it is a console link (the link is the point). `+N more` counts only what is neither shown nor
 * said.
 */
export function evidenceText(f: Finding, link: LinkWriter = inlineLink): string {
  const said = shownMessage(f)
  const entries = Object.entries(f.evidence).filter(
    ([key, value]) =>
      !(
        value === f.vpcId ||
        (f.service && f.endpointId && value === f.endpointId) ||
        (!consoleLink(f.region, key, value) && saysWord(said, value))
      )
  )
  if (entries.length === 0) return ''
  const rank = ([key, value]: [string, string]) =>
    consoleLink(f.region, key, value) ? 0 : ID_LIKE.test(value) ? 1 : 2
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
  // Times, modes and statuses only where there are hardly any ids to show (`privateDnsEnabled: false`).
  const ids = ordered.filter(({ e }) => rank(e) < 2).length
  const chosen = ids >= 2 ? ordered.filter(({ e }) => rank(e) < 2) : ordered
  const shown = chosen.slice(0, EVIDENCE_PER_FINDING).map(({ e: [key, value] }) => {
    const text = escapeMarkdown(value, EVIDENCE_VALUE_LIMIT)
    const url = consoleLink(f.region, key, value)
    return `${escapeMarkdown(key, 40)}: ${url ? link(text, url) : text}`
  })
  if (entries.length > shown.length) shown.push(`+${entries.length - shown.length} more`)
  return shown.join(' · ')
}
