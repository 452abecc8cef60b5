import { describe, expect, it } from 'vitest'
import { GITHUB_SECOND_ENV, githubSecondFromEnv } from '../../src/report/github/loopback-second.js'

/** The end-to-end tests' faster GitHub second must be impossible to set against a real GitHub. */
describe('githubSecondFromEnv', () => {
  const at = (url: string | undefined, value = '1') =>
    githubSecondFromEnv({ GITHUB_API_URL: url, [GITHUB_SECOND_ENV]: value })

  it('shrinks the second only for plain http on a loopback address', () => {
    expect(at('http://127.0.0.1:41234')).toEqual({ secondMs: 1 })
    expect(at('http://[::1]:41234/api/v3')).toEqual({ secondMs: 1 })
    expect(at('http://127.0.0.1:8080', '999')).toEqual({ secondMs: 999 })
  })

  it('ignores it for any GitHub a workflow reports to, or without an API URL', () => {
    expect(at('https://api.github.com')).toEqual({})
    expect(at('https://ghe.example.com/api/v3')).toEqual({})
    expect(at('https://127.0.0.1:8443')).toEqual({})
    expect(at('http://localhost:8080')).toEqual({})
    expect(at('http://127.0.0.1.example.com')).toEqual({})
    expect(at('http://10.0.0.5')).toEqual({})
    expect(at(undefined)).toEqual({})
    expect(githubSecondFromEnv({ GITHUB_API_URL: 'http://127.0.0.1:1' })).toEqual({})
  })

  it('ignores anything but a whole number of ms below the real second', () => {
    for (const value of ['0', '1000', '5000', '-1', '1.5', '1e2', ' 1', '', 'fast'])
      expect(at('http://127.0.0.1:41234', value), value).toEqual({})
  })
})
