/**
 * Inventory cost as the number of endpoints grows: EC2 calls and wall time for a VPC with 5 and with 500
 * endpoints, behind a per-call latency. The call count must not grow with the endpoints beyond
 * pagination (1000 endpoints a page on AWS). Run: npm run bench
 */
import { AwsClientFactory } from '../src/aws/clients.js'
import { collectInventory } from '../src/aws/inventory.js'
import { checkConfiguration } from '../src/checks/check-configuration.js'
import type { Manifest } from '../src/manifest/types.js'
import { startSimulatedAws } from '../sim/server.js'
import type { SimEndpoint, SimScenario } from '../sim/scenario.js'

const REGION = 'ap-northeast-1'
const VPC = 'vpc-0b1b2c3d4e5f60718'
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50)

function scenarioWith(endpoints: number): SimScenario {
  const list: SimEndpoint[] = Array.from({ length: endpoints }, (_, i) => ({
    id: `vpce-0b${String(i).padStart(15, '0')}`,
    serviceName: `com.amazonaws.${REGION}.svc${i}`,
    type: 'Interface',
    privateDnsEnabled: true,
    subnetIds: ['subnet-0b1b2c3d4e5f6a001']
  }))
  return {
    accountId: '123456789012',
    region: REGION,
    latencyMs: LATENCY_MS,
    vpcs: [
      {
        id: VPC,
        region: REGION,
        cidr: '10.0.0.0/16',
        subnets: [{ id: 'subnet-0b1b2c3d4e5f6a001', cidr: '10.0.0.0/20' }],
        routeTables: [{ id: 'rtb-0b1b2c3d4e5f6b000', main: true }],
        endpoints: list
      }
    ]
  }
}

function manifestWith(endpoints: number): Manifest {
  return {
    file: 'bench.yml',
    version: 1,
    vpcs: [
      {
        id: VPC,
        region: REGION,
        location: { file: 'bench.yml', line: 3, column: 5 },
        endpoints: Array.from({ length: endpoints }, (_, i) => ({
          service: `svc${i}`,
          serviceName: `com.amazonaws.${REGION}.svc${i}`,
          type: 'Interface' as const,
          privateDns: true,
          subnets: ['subnet-0b1b2c3d4e5f6a001'],
          routeTables: [],
          location: { file: 'bench.yml', line: 5 + i * 3, column: 9 }
        }))
      }
    ]
  }
}

async function measure(endpoints: number) {
  const sim = await startSimulatedAws(scenarioWith(endpoints))
  process.env.AWS_ENDPOINT_URL = sim.url
  const manifest = manifestWith(endpoints)
  const started = performance.now()
  const inventory = await collectInventory(manifest, new AwsClientFactory())
  const findings = checkConfiguration(manifest, inventory)
  const wallMs = performance.now() - started
  const ec2Calls = sim.calls.filter(c => c.service === 'ec2').length
  await sim.close()
  const failed = findings.filter(f => f.verdict !== 'pass').length
  return { endpoints, ec2Calls, wallMs, findings: findings.length, failed }
}

Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: REGION,
  AWS_EC2_METADATA_DISABLED: 'true'
})

const small = await measure(5)
const large = await measure(500)
console.log(`Inventory benchmark (simulated AWS, ${LATENCY_MS} ms added to every call)`)
console.log('| endpoints | EC2 calls | calls per endpoint | wall time | findings (non-pass) |')
console.log('|---:|---:|---:|---:|---:|')
for (const r of [small, large]) {
  console.log(
    `| ${r.endpoints} | ${r.ec2Calls} | ${(r.ec2Calls / r.endpoints).toFixed(3)} | ${r.wallMs.toFixed(0)} ms | ${r.findings} (${r.failed}) |`
  )
}
console.log(
  `\n100x the endpoints: ${(large.ec2Calls / small.ec2Calls).toFixed(2)}x the EC2 calls, ${(large.wallMs / small.wallMs).toFixed(2)}x the wall time.`
)
if (large.ec2Calls !== small.ec2Calls) {
  console.error('The EC2 call count grew with the number of endpoints (it should only grow with pages).')
  process.exitCode = 1
}
