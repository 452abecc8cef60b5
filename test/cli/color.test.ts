import { describe, expect, it } from 'vitest'
import { colorWanted } from '../../src/cli/color.js'

describe('colour follows NO_COLOR and FORCE_COLOR', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, false],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '3', NO_COLOR: '1' }, false, true]
  ])('%o on a TTY=%s: colour %s', (env, tty, expected) => {
    expect(colorWanted(env, tty)).toBe(expected)
  })
})
