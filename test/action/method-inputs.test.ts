import { describe, expect, it } from 'vitest'
import { parseActionInputs } from '../../src/action/inputs.js'

const env = { GITHUB_WORKSPACE: '/w', RUNNER_TEMP: '/t', AWS_REGION: 'eu-west-1' }
const parse = (inputs: Record<string, string>) => parseActionInputs(name => inputs[name] ?? '', env)

describe('inputs of the opt-in methods', () => {
  it('default to metrics off and the article\u2019s public target', () => {
    expect(parse({})).toMatchObject({ privateLinkMetrics: false, egressTarget: 'www.amazon.com:443' })
  })

  it('read privatelink-metrics as a boolean and egress-target as host:port', () => {
    expect(parse({ 'privatelink-metrics': 'true', 'egress-target': '192.0.2.10:443' })).toMatchObject({
      privateLinkMetrics: true,
      egressTarget: '192.0.2.10:443'
    })
  })

  it('refuse junk with the input named', () => {
    expect(() => parse({ 'privatelink-metrics': 'yes please' })).toThrow(/privatelink-metrics/)
    expect(() => parse({ 'egress-target': 'http://example.com' })).toThrow(
      /Input egress-target: .* host:port/
    )
  })
})
