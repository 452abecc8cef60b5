import { describe, expect, it } from 'vitest'
import { didYouMean, editDistance } from '../../src/manifest/did-you-mean.js'

const endpointKeys = ['service', 'type', 'id', 'private-dns', 'subnets', 'route-tables', 'probe']

describe('didYouMean', () => {
  it.each([
    ['routeTables', 'route-tables'],
    ['route_tables', 'route-tables'],
    ['privateDns', 'private-dns'],
    ['PrivateDNS', 'private-dns'],
    ['subnet', 'subnets'],
    ['serivce', 'service'],
    ['prboe', 'probe']
  ])('suggests %s → %s', (typed, meant) => {
    expect(didYouMean(typed, endpointKeys)).toBe(meant)
  })

  it.each(['colour', 'endpoint-id', 'x'])('suggests nothing for %s, which is nothing like any key', typed => {
    expect(didYouMean(typed, endpointKeys)).toBeUndefined()
  })

  it('counts a swap of two letters as one slip', () => {
    expect(editDistance('regoin', 'region')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })
})
