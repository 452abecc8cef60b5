/**
 * A label for a Mermaid node from AWS or the manifest, safe inside `id["…"]` and inside the Markdown
 * code fence around the diagram: every character outside a plain set (letters, digits, space and
 * `.:/,_-`) becomes a Mermaid entity code (`#34;`), which Mermaid shows as that character and never
 * reads as syntax, HTML or Markdown. Control characters are dropped; long values are cut.
 */
const PLAIN = /^[A-Za-z0-9 .:/,_-]$/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

export function mermaidText(value: string, max = 60): string {
  const chars = Array.from(value.replace(CONTROL, ''))
  const cut = chars.length > max ? [...chars.slice(0, max - 1), '…'] : chars
  return cut.map(c => (PLAIN.test(c) ? c : `#${c.codePointAt(0)};`)).join('')
}

/** Lines of escaped text, joined with Mermaid's line break. */
export function mermaidLabel(...lines: string[]): string {
  return lines
    .filter(Boolean)
    .map(l => mermaidText(l))
    .join('<br>')
}
