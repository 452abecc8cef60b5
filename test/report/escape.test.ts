import { describe, expect, it } from 'vitest'
import { renderAsGitHub } from './rendered-markdown.js'
import { escapeHtmlText, escapeMarkdown, truncate } from '../../src/report/markdown/escape.js'

describe('escaping', () => {
  it('cuts long values on whole characters and says so with an ellipsis', () => {
    expect(truncate('✅'.repeat(10), 5)).toBe('✅✅✅✅…')
    expect(truncate('short', 5)).toBe('short')
    expect(escapeMarkdown('x'.repeat(10_000), 100)).toHaveLength(100)
  })

  it('drops control characters and bidirectional overrides that would disguise a value', () => {
    expect(escapeMarkdown('vpc-\u202eevil\u0007')).toBe('vpc-evil')
  })

  it('keeps a table row on one line and its pipes literal', () => {
    expect(escapeMarkdown('a|b\nc')).toBe('a\\|b<br>c')
  })

  it('escapes HTML in HTML blocks without Markdown backslashes, which would show there', () => {
    expect(escapeHtmlText('<b>x_y</b> @team')).toBe('&lt;b&gt;x_y&lt;/b&gt; @\u200bteam')
  })

  it('a value at a line start (a note after "> ") cannot open a heading, list, rule or code block', () => {
    for (const hostile of ['# heading', '- item', '+ item', '1. item', '2) item', '---', '===', '    code']) {
      const html = renderAsGitHub(`> ${escapeMarkdown(hostile)}\n`)
      expect(html, hostile).not.toMatch(/<h\d|<li|<ol|<ul|<hr|<pre|<code/)
      expect(html, hostile).toContain(hostile.trim())
    }
  })

  it('drops C1 control characters too (the 8-bit CSI of a terminal escape)', () => {
    expect(escapeMarkdown('a\u009b31mb\u0085c')).toBe('a31mbc')
  })
})
