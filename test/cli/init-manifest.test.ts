import { describe, expect, it } from 'vitest'
import type { VpcEndpoint, VpcSnapshot } from '../../src/aws/snapshot.js'
import { draftVpc, renderManifest } from '../../src/cli/init-manifest.js'
import { parseManifest } from '../../src/manifest/load.js'

const REGION = 'eu-west-1'
const endpoint = (
  id: string,
  service: string,
  type: string,
  more: Partial<VpcEndpoint> = {}
): VpcEndpoint => ({
  id,
  type,
  vpcId: 'vpc-0123456789abcdef0',
  serviceName: service.includes('.amazonaws.') ? service : `com.amazonaws.${REGION}.${service}`,
  state: 'available',
  privateDnsEnabled: true,
  privateDnsOnlyForInboundResolverEndpoint: false,
  routeTableIds: [],
  subnetIds: [],
  networkInterfaceIds: [],
  dnsNames: [],
  ...more
})
const snapshot = { vpcId: 'vpc-0123456789abcdef0', region: REGION } as VpcSnapshot

describe('init drafts', () => {
  it('declares what exists in a form the manifest loader accepts, one entry per service and type', () => {
    const draft = draftVpc(snapshot, [
      endpoint('vpce-0000000000000000a', 's3', 'Gateway', {
        routeTableIds: ['rtb-0000000000000000b', 'rtb-0000000000000000a']
      }),
      endpoint('vpce-0000000000000000b', 's3', 'Interface', { subnetIds: ['subnet-0a1b2c3d4e5f60718'] }),
      endpoint('vpce-0000000000000000c', 'kms', 'Interface', { privateDnsEnabled: false }),
      endpoint('vpce-0000000000000000d', 'kms', 'Interface'),
      endpoint('vpce-0000000000000000e', 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123', 'GatewayLoadBalancer'),
      endpoint('vpce-0000000000000000f', 'sns', 'Interface', { state: 'deleted' })
    ])
    expect(draft.endpoints.map(e => e.fields)).toEqual([
      { service: 'kms', type: 'Interface', 'private-dns': true },
      { service: 's3', type: 'Gateway', 'route-tables': ['rtb-0000000000000000a', 'rtb-0000000000000000b'] },
      { service: 's3', type: 'Interface', 'private-dns': true, subnets: ['subnet-0a1b2c3d4e5f60718'] }
    ])
    expect(draft.left).toEqual([
      expect.stringContaining('vpce-0000000000000000d'),
      expect.stringContaining('type GatewayLoadBalancer')
    ])
    const text = renderManifest(REGION, [draft])
    expect(text).toContain('# not declared: vpce-0000000000000000d')
    expect(parseManifest(text, 'm.yml').vpcs[0]?.endpoints.map(e => `${e.service}/${e.type}`)).toEqual([
      'kms/Interface',
      's3/Gateway',
      's3/Interface'
    ])
  })

  it('keeps a note carrying line breaks from AWS inside its comment', () => {
    const text = renderManifest(REGION, [
      { id: 'vpc-0a1b2c3d4e5f60718', endpoints: [], left: ['vpce-1 (x\r\nvpcs: []\r# y\nregion: us-east-1)'] }
    ])
    const parsed = parseManifest(text, 'vpc-endpoints.yml')
    expect(parsed.vpcs.map(v => [v.id, v.region])).toEqual([['vpc-0a1b2c3d4e5f60718', REGION]])
    expect(text).toContain('# not declared: vpce-1 (x vpcs: [] # y region: us-east-1)')
  })
})
