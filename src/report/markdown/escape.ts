/**
 * Escaping for strings that come from the manifest or from AWS before they reach Markdown or HTML on
 * GitHub (job summary, PR comment, check run summary). The result renders as the literal text: no
 * markup, no links, no @mentions (which would notify people) and no #123 cross-references (which would
 * add a timeline entry to another issue).
 */

/** It separates `@` from a name (or `#` from a number) without being visible. */
const ZERO_WIDTH_SPACE = '\u200b'

/** Control characters and bidirectional overrides ("Trojan Source") never belong in a report. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** Cuts `value` to at most `max` characters (code points, so no emoji is split), ending with `…`. */
export function truncate(value: string, max: number): string {
  const chars = Array.from(value)
  if (chars.length <= max) return value
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…'
}

/** For attribute values and text inside HTML elements: `&`, `<`, `>`, quotes. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

function clean(value: string, maxLength: number): string {
  return truncate(value.replace(/\r\n?/g, '\n').replace(INVISIBLE, ''), maxLength)
}

/** GitHub links these in any text node, after Markdown and entities are decoded, so break them up. */
function neutraliseReferences(text: string): string {
  return text
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/#(?=\d)/g, `#${ZERO_WIDTH_SPACE}`)
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/\bwww\./gi, m => `${m.slice(0, 3)}${ZERO_WIDTH_SPACE}.`)
}

/**
 * Text inside an HTML block (e.g. `<summary>`), where GitHub does not apply Markdown: HTML-escaped,
 * references neutralised, newlines as `<br>`, cut to `maxLength` characters.
 */
export function escapeHtmlText(value: string, maxLength = 200): string {
  return escapeHtml(neutraliseReferences(clean(value, maxLength))).replace(/\n/g, '<br>')
}

/**
 * Inline Markdown text, safe in a table cell and in a list item: HTML-escaped, Markdown punctuation
 * backslash-escaped (backticks, emphasis, links, strikethrough, table pipes), references neutralised,
 * newlines as `<br>` so a value can never start a block (heading, list, quote) or end a table row.
 */
export function escapeMarkdown(value: string, maxLength = 200): string {
  const inline = escapeHtml(neutraliseReferences(clean(value, maxLength))).replace(
    /[\\`*_[\]~|]/g,
    c => `\\${c}`
  )
  return neutraliseBlockStart(inline).replace(/\n/g, '<br>')
}

/**
 * The value may be placed at the start of a line (a note after `> `, a list item): a leading `#`,
 * `-`, `+`, `=`, `1.`/`1)` or indentation would make it a heading, a list, a rule or a code block.
 * (`>` and `*` are already escaped, and newlines become `<br>`, so only the very start matters.)
 */
function neutraliseBlockStart(text: string): string {
  return text
    .replace(/^[ \t]+/, indent => '&#32;'.repeat(indent.length))
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2')
}
