import { describe, expect, it } from 'vitest'
import { commandSafeLog } from '../../src/core/log.js'
import { logSafe, terminalSafe } from '../../src/core/escape-log.js'

describe('plain-text channels', () => {
  it('no logged line can start a workflow command, even after a newline or leading spaces', () => {
    const lines: string[] = []
    const log = commandSafeLog({
      info: m => lines.push(m),
      notice: m => lines.push(m),
      warning: m => lines.push(m)
    })
    log.info('HTTP 403 ::warning::forged')
    log.info('::add-mask::x\n  ::stop-commands::abc\nfine')
    const all = lines.join('\n').split('\n')
    expect(all.filter(l => /^\s*::/.test(l))).toEqual([])
    expect(all).toContain(':\u200b:add-mask::x')
    // An IPv6 address in the middle of a line is left alone.
    expect(logSafe('resolved to fd00::1')).toBe('resolved to fd00::1')
  })

  it('terminal output loses escape sequences and carriage returns, keeps newlines and tabs', () => {
    const hostile = 'key\u001b]0;pwned\u0007\u001b[2J\rall checks passed\u009b31m\tend\nnext'
    expect(terminalSafe(hostile)).toBe('key]0;pwned[2Jall checks passed31m\tend\nnext')
  })
})
