import type { Fact, VpcEndpoint, VpcSnapshot } from '../../src/aws/snapshot.js'
import type { EndpointDeclaration, VpcDeclaration } from '../../src/manifest/types.js'

export const REGION = 'ap-northeast-1'
export const VPC = 'vpc-0123456789abcdef0'

export const ok = <T>(value: T): Fact<T> => ({ ok: true, value })
export const denied = (action: string): Fact<never> => ({
  ok: false,
  problem: { kind: 'denied', action, code: 'UnauthorizedOperation', message: 'You are not authorized' }
})

let line = 10
export function declare(service: string, more: Partial<EndpointDeclaration> = {}): EndpointDeclaration {
  line += 5
  return {
    service,
    serviceName: `com.amazonaws.${REGION}.${service}`,
    type: service === 's3' || service === 'dynamodb' ? 'Gateway' : 'Interface',
    privateDns: true,
    subnets: [],
    routeTables: [],
    location: { file: 'vpc-endpoints.yml', line, column: 9 },
    ...more
  }
}

export function vpcDecl(
  endpoints: EndpointDeclaration[],
  more: Partial<VpcDeclaration> = {}
): VpcDeclaration {
  return {
    id: VPC,
    region: REGION,
    endpoints,
    location: { file: 'vpc-endpoints.yml', line: 4, column: 5 },
    ...more
  }
}

export function endpoint(id: string, service: string, more: Partial<VpcEndpoint> = {}): VpcEndpoint {
  const gateway = service === 's3' || service === 'dynamodb'
  return {
    id,
    type: gateway ? 'Gateway' : 'Interface',
    vpcId: VPC,
    serviceName: `com.amazonaws.${REGION}.${service}`,
    state: 'available',
    privateDnsEnabled: !gateway,
    privateDnsOnlyForInboundResolverEndpoint: false,
    routeTableIds: [],
    subnetIds: [],
    networkInterfaceIds: [],
    dnsNames: [],
    ...more
  }
}

/** A healthy VPC: DNS on, two subnets, a main table and a custom table. */
export function snapshot(more: Partial<VpcSnapshot> = {}): VpcSnapshot {
  return {
    vpcId: VPC,
    region: REGION,
    vpc: ok({ id: VPC, state: 'available' }),
    enableDnsSupport: ok(true),
    enableDnsHostnames: ok(true),
    endpoints: ok([]),
    routeTables: ok([
      { id: 'rtb-0main00000000000', vpcId: VPC, routes: [], associations: [{ main: true }] },
      {
        id: 'rtb-0custom000000000',
        vpcId: VPC,
        routes: [],
        associations: [{ main: false, subnetId: 'subnet-0aaa0000000000000' }]
      }
    ]),
    subnets: ok([
      { id: 'subnet-0aaa0000000000000', vpcId: VPC },
      { id: 'subnet-0bbb0000000000000', vpcId: VPC }
    ]),
    networkInterfaces: ok([]),
    prefixLists: ok([{ id: 'pl-61a54008', name: `com.amazonaws.${REGION}.s3`, cidrs: ['52.219.0.0/20'] }]),
    ...more
  }
}
