import { describe, expect, it } from 'vitest'
import { parseActionInputs } from '../../src/action/inputs.js'

const env = { GITHUB_WORKSPACE: '/w', RUNNER_TEMP: '/t' }
const parse = (inputs: Record<string, string>) => parseActionInputs(name => inputs[name] ?? '', env)

describe('matrix inputs (shard, mode: merge)', () => {
  it('reads shard, shard-reports and expected-shards; none of them by default', () => {
    const none = parse({})
    expect(none).not.toHaveProperty('shard')
    expect(none).not.toHaveProperty('shardReports')
    expect(none).not.toHaveProperty('expectedShards')
    expect(
      parse({
        mode: 'merge',
        'shard-reports': 'shards\n/abs/one.json',
        'expected-shards': '111111111111/ap-northeast-1,\n eu-west-1, eu-west-1'
      })
    ).toMatchObject({
      mode: 'merge',
      shardReports: ['/w/shards', '/abs/one.json'],
      expectedShards: ['111111111111/ap-northeast-1', 'eu-west-1']
    })
    expect(parse({ shard: ' 222222222222/eu-west-1 ' }).shard).toBe('222222222222/eu-west-1')
  })

  it('names the input when a shard is not ACCOUNT/REGION or REGION', () => {
    expect(() => parse({ shard: 'production' })).toThrow(/^Input shard: "production" is not a shard/)
    expect(() => parse({ 'expected-shards': 'eu-west-1, 12/eu-west-1' })).toThrow(
      /^Input expected-shards: "12\/eu-west-1" is not a shard/
    )
  })
})
