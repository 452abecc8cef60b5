/**
 * Inventory cost with EC2 pacing on: EC2 calls, HTTP attempts, wall time and the most EC2 requests that
 * reached the simulator in any one second, for 1x5 ... 200x5 (VPCs x endpoints) behind a per-call
 * latency; then, with pacing off and the simulator throttling like EC2 (burst 100, refill 20/s), the
 * SDK's standard and adaptive retry modes under the same throttles. Run: npm run bench
 */
import { AwsClientFactory, type RetryMode } from '../src/aws/clients.js'
import { collectInventory } from '../src/aws/inventory.js'
import { EC2_DESCRIBE_LIMITS } from '../src/aws/token-bucket.js'
import { checkConfiguration } from '../src/checks/check-configuration.js'
import type { Manifest, VpcDeclaration } from '../src/manifest/types.js'
import { maxPerSecond } from '../sim/core/call-log.js'
import { startSimulatedAws } from '../sim/server.js'
import type { SimScenario, SimVpc } from '../sim/scenario.js'

const REGION = 'ap-northeast-1'
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50)

function world(vpcCount: number, endpoints: number): { scenario: SimScenario; manifest: Manifest } {
  const vpcs: SimVpc[] = []
  const declared: VpcDeclaration[] = []
  for (let v = 0; v < vpcCount; v += 1) {
    const n = String(v).padStart(3, '0')
    const id = `vpc-0b1b2c3d4e5f60${n}`
    const subnet = `subnet-0b1b2c3d4e5f6a${n}`
    vpcs.push({
      id,
      region: REGION,
      cidr: '10.0.0.0/16',
      subnets: [{ id: subnet, cidr: '10.0.0.0/20' }],
      routeTables: [{ id: `rtb-0b1b2c3d4e5f6b${n}`, main: true }],
      endpoints: Array.from({ length: endpoints }, (_, i) => ({
        id: `vpce-0b${n}${String(i).padStart(12, '0')}`,
        serviceName: `com.amazonaws.${REGION}.svc${i}`,
        type: 'Interface' as const,
        privateDnsEnabled: true,
        subnetIds: [subnet]
      }))
    })
    declared.push({
      id,
      region: REGION,
      location: { file: 'bench.yml', line: 3 + v, column: 5 },
      endpoints: Array.from({ length: endpoints }, (_, i) => ({
        service: `svc${i}`,
        serviceName: `com.amazonaws.${REGION}.svc${i}`,
        type: 'Interface' as const,
        privateDns: true,
        subnets: [subnet],
        routeTables: [],
        location: { file: 'bench.yml', line: 5 + i, column: 9 }
      }))
    })
  }
  return {
    scenario: { accountId: '123456789012', region: REGION, latencyMs: LATENCY_MS, vpcs },
    manifest: { file: 'bench.yml', version: 1, vpcs: declared }
  }
}

interface Setup {
  paced: boolean
  retryMode?: RetryMode
  /** The simulator answers RequestLimitExceeded past EC2's bucket. */
  throttled?: boolean
}

async function measure(vpcCount: number, endpoints: number, setup: Setup) {
  const { scenario, manifest } = world(vpcCount, endpoints)
  const sim = await startSimulatedAws({
    ...scenario,
    ...(setup.throttled ? { ec2RequestLimit: EC2_DESCRIBE_LIMITS } : {})
  })
  process.env.AWS_ENDPOINT_URL = sim.url
  const aws = new AwsClientFactory({
    ec2Limits: setup.paced ? EC2_DESCRIBE_LIMITS : null,
    ...(setup.retryMode ? { retryMode: setup.retryMode } : {})
  })
  const started = performance.now()
  const inventory = await collectInventory(manifest, aws)
  const findings = checkConfiguration(manifest, inventory)
  const wallMs = performance.now() - started
  const ec2 = sim.calls.filter(c => c.service === 'ec2')
  await sim.close()
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0)
  return {
    shape: `${vpcCount}×${endpoints}`,
    calls: sum(aws.calls),
    attempts: sum(aws.attempts),
    throttled: ec2.filter(c => c.status !== 200).length,
    maxPerSecond: maxPerSecond(ec2.map(c => c.at)),
    wallMs,
    inconclusive: findings.filter(f => f.verdict === 'inconclusive').length
  }
}

Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: REGION,
  AWS_EC2_METADATA_DISABLED: 'true'
})

const allowed = EC2_DESCRIBE_LIMITS.burst + EC2_DESCRIBE_LIMITS.refillPerSecond
const shapes: Array<[number, number]> = [
  [1, 5],
  [1, 500],
  [10, 50],
  [50, 20],
  [200, 5]
]
const paced = []
for (const [v, e] of shapes) paced.push(await measure(v, e, { paced: true }))

console.log(
  `Inventory benchmark (simulated AWS, ${LATENCY_MS} ms per call; EC2 paced to burst ${EC2_DESCRIBE_LIMITS.burst}, refill ${EC2_DESCRIBE_LIMITS.refillPerSecond}/s: at most ${allowed} requests in any second)`
)
console.log(
  '| VPCs × endpoints | EC2 API calls | HTTP attempts | max EC2 requests in 1 s | wall time | inconclusive findings |'
)
console.log('|---|---:|---:|---:|---:|---:|')
for (const r of paced) {
  console.log(
    `| ${r.shape} | ${r.calls} | ${r.attempts} | ${r.maxPerSecond} | ${(r.wallMs / 1000).toFixed(2)} s | ${r.inconclusive} |`
  )
}

const retry = []
for (const [v, e] of [
  [60, 5],
  [200, 5]
] as const) {
  for (const mode of ['standard', 'adaptive'] as const)
    retry.push({
      mode: `off, ${mode}`,
      ...(await measure(v, e, { paced: false, retryMode: mode, throttled: true }))
    })
  retry.push({ mode: 'on, standard', ...(await measure(v, e, { paced: true, throttled: true })) })
}
console.log('\nRetry modes under the same throttles (simulator throttling like EC2: burst 100, refill 20/s)')
console.log(
  '| VPCs × endpoints | pacing, retry mode | EC2 API calls | HTTP attempts | RequestLimitExceeded | wall time | inconclusive findings |'
)
console.log('|---|---|---:|---:|---:|---:|---:|')
for (const r of retry) {
  console.log(
    `| ${r.shape} | ${r.mode} | ${r.calls} | ${r.attempts} | ${r.throttled} | ${(r.wallMs / 1000).toFixed(2)} s | ${r.inconclusive} |`
  )
}

const over = paced.filter(r => r.maxPerSecond > allowed)
if (over.length > 0) {
  console.error(`Above ${allowed} EC2 requests in one second: ${over.map(r => r.shape).join(', ')}`)
  process.exitCode = 1
}
