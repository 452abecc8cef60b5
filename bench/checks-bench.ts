/**
 * Check time of the pure rules for one large VPC: 10,000 endpoints (9,000 Interface with an ENI in each
 * of two subnets, 1,000 Gateway in two route tables each) and 2,000 route tables, every endpoint
 * declared. The inventory is built in memory: this measures the rules, not AWS. Target (issue 12): ≤ 0.5 s.
 * Run: npm run bench
 */
import type { InventorySnapshot, NetworkInterface, RouteTable, VpcEndpoint } from '../src/aws/snapshot.js'
import { checkConfiguration } from '../src/checks/check-configuration.js'
import type { EndpointDeclaration, Manifest } from '../src/manifest/types.js'

const REGION = 'ap-northeast-1'
const VPC = 'vpc-0c1b2c3d4e5f60718'
/** BENCH_CHECKS_SCALE=0.1 runs a tenth of the size: the time should shrink with it (linear, not quadratic). */
const SCALE = Number(process.env.BENCH_CHECKS_SCALE ?? 1)
const INTERFACES = Math.round(9_000 * SCALE)
const GATEWAYS = Math.round(1_000 * SCALE)
const TABLES = Math.round(2_000 * SCALE)

const hex = (prefix: string, i: number) => `${prefix}-0c${String(i).padStart(15, '0')}`
const subnet = (i: number) => hex('subnet', i % TABLES)
const table = (i: number) => hex('rtb', i % TABLES)

function inventory(): InventorySnapshot {
  const endpoints: VpcEndpoint[] = []
  const enis: NetworkInterface[] = []
  const tables: RouteTable[] = Array.from({ length: TABLES }, (_, t) => ({
    id: table(t),
    vpcId: VPC,
    routes: [{ destinationCidrBlock: '10.0.0.0/8', gatewayId: 'local', state: 'active' }],
    associations: t === 0 ? [{ main: true }] : [{ main: false, subnetId: subnet(t) }]
  }))
  for (let i = 0; i < INTERFACES + GATEWAYS; i++) {
    const gateway = i >= INTERFACES
    const id = hex('vpce', i)
    const eniIds = gateway ? [] : [hex('eni', 2 * i), hex('eni', 2 * i + 1)]
    const subnets = gateway ? [] : [subnet(i), subnet(i + 1)]
    eniIds.forEach((eni, k) =>
      enis.push({ id: eni, subnetId: subnets[k]!, privateIpAddresses: ['10.0.0.1'], ipv6Addresses: [] })
    )
    const routeTableIds = gateway ? [table(i), table(i + 1)] : []
    for (const rtb of routeTableIds) {
      tables[Number(rtb.slice(6))]!.routes.push({
        destinationPrefixListId: `pl-${i}`,
        gatewayId: id,
        state: 'active'
      })
    }
    endpoints.push({
      id,
      type: gateway ? 'Gateway' : 'Interface',
      vpcId: VPC,
      serviceName: `com.amazonaws.${REGION}.svc${i}`,
      state: 'available',
      privateDnsEnabled: !gateway,
      privateDnsOnlyForInboundResolverEndpoint: false,
      routeTableIds,
      subnetIds: subnets,
      networkInterfaceIds: eniIds,
      dnsNames: []
    })
  }
  const ok = <T>(value: T) => ({ ok: true as const, value })
  return {
    apiCalls: {},
    vpcs: [
      {
        vpcId: VPC,
        region: REGION,
        vpc: ok({ id: VPC, state: 'available' }),
        enableDnsSupport: ok(true),
        enableDnsHostnames: ok(true),
        endpoints: ok(endpoints),
        routeTables: ok(tables),
        subnets: ok(Array.from({ length: TABLES }, (_, s) => ({ id: subnet(s), vpcId: VPC }))),
        networkInterfaces: ok(enis),
        prefixLists: ok(
          Array.from({ length: INTERFACES + GATEWAYS }, (_, i) => ({
            id: `pl-${i}`,
            name: `com.amazonaws.${REGION}.svc${i}`,
            cidrs: ['52.219.0.0/20']
          }))
        )
      }
    ]
  }
}

function manifest(): Manifest {
  const location = { file: 'bench.yml', line: 1, column: 1 }
  const endpoints: EndpointDeclaration[] = Array.from({ length: INTERFACES + GATEWAYS }, (_, i) => {
    const gateway = i >= INTERFACES
    return {
      service: `svc${i}`,
      serviceName: `com.amazonaws.${REGION}.svc${i}`,
      type: gateway ? 'Gateway' : 'Interface',
      privateDns: !gateway,
      subnets: gateway ? [subnet(i + 7)] : [subnet(i), subnet(i + 1)],
      routeTables: gateway ? [table(i)] : [],
      location: { ...location, line: i + 2 }
    }
  })
  return { file: 'bench.yml', version: 1, vpcs: [{ id: VPC, region: REGION, endpoints, location }] }
}

const snap = inventory()
const declared = manifest()
checkConfiguration(declared, snap) // warm-up: JIT, not indexes (those are per fact list and kept)
// Wall time on a shared machine swings with the load; CPU time of this process is the steadier figure.
const wall: number[] = []
const cpu: number[] = []
let findings = 0
for (let r = 0; r < 5; r++) {
  const fresh = inventory() // fresh lists, so every run builds its indexes again
  // Collect the bench's own garbage first (with --expose-gc), so the figure is the checks' cost.
  ;(globalThis as { gc?: () => void }).gc?.()
  const start = performance.now()
  const used = process.cpuUsage()
  findings = checkConfiguration(declared, fresh).length
  const spent = process.cpuUsage(used)
  wall.push(performance.now() - start)
  cpu.push((spent.user + spent.system) / 1000)
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! / 1000
console.log(
  `checks: ${INTERFACES + GATEWAYS} endpoints, ${TABLES} route tables, one VPC: ${findings} findings, ` +
    `median ${median(wall).toFixed(3)} s wall, ${median(cpu).toFixed(3)} s CPU over ${wall.length} runs ` +
    '(target ≤ 0.5 s)'
)
