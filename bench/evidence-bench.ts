/**
 * Evidence cost and latency, through the real CloudTrail SDK client against the simulator: LookupEvents
 * calls per probe verdict, and the time from CloudTrail delivery to the verdict, which should stay within
 * one poll interval (polls start 2 s apart and grow 1.5x, capped at 30 s). Run: npm run bench
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { runProbePhase, runVerifyPhase } from '../src/evidence/collect.js'
import { probeTable, resolveProbe } from '../src/evidence/probe-table.js'
import type { EndpointDeclaration, Manifest } from '../src/manifest/types.js'
import { startSimulatedAws } from '../sim/server.js'
import type { SimEndpoint, SimScenario } from '../sim/scenario.js'

const REGION = 'ap-northeast-1'
const VPC = 'vpc-0e1b2c3d4e5f60718'
const SUBNET = 'subnet-0e1b2c3d4e5f6a001'
const DELAY_MS = Number(process.env.BENCH_DELIVERY_MS ?? 5000)
const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}
const silent = { info: () => undefined, notice: () => undefined, warning: () => undefined }

const gateway = (s: string) => s === 's3' || s === 'dynamodb'

function declaration(service: string, i: number): EndpointDeclaration {
  return {
    service,
    serviceName: `com.amazonaws.${REGION}.${service}`,
    type: gateway(service) ? 'Gateway' : 'Interface',
    privateDns: !gateway(service),
    subnets: [],
    routeTables: [],
    location: { file: 'bench.yml', line: 6 + i * 2, column: 9 }
  }
}

/** Every service whose default probe CloudTrail's Event history can return. */
const probedServices = [...probeTable.keys()].filter(
  (s, i) => resolveProbe(declaration(s, i)).kind === 'probe'
)

async function measure(services: string[]) {
  const endpoints: SimEndpoint[] = services.map((s, i) => ({
    id: `vpce-0e${String(i).padStart(15, '0')}`,
    serviceName: `com.amazonaws.${REGION}.${s}`,
    type: gateway(s) ? 'Gateway' : 'Interface',
    ...(gateway(s)
      ? { routeTableIds: ['rtb-0e1b2c3d4e5f6b000'] }
      : { subnetIds: [SUBNET], privateDnsEnabled: true })
  }))
  const scenario: SimScenario = {
    accountId: '123456789012',
    region: REGION,
    cloudTrailDelayMs: DELAY_MS,
    vpcs: [
      {
        id: VPC,
        region: REGION,
        cidr: '10.0.0.0/16',
        subnets: [{ id: SUBNET, cidr: '10.0.1.0/24' }],
        routeTables: [{ id: 'rtb-0e1b2c3d4e5f6b000', main: true }],
        endpoints
      }
    ]
  }
  const sim = await startSimulatedAws(scenario)
  const manifest: Manifest = {
    file: 'bench.yml',
    version: 1,
    vpcs: [
      {
        id: VPC,
        region: REGION,
        endpoints: services.map(declaration),
        location: { file: 'bench.yml', line: 4, column: 5 }
      }
    ]
  }
  const ledger = await runProbePhase({
    manifest,
    credentialsFor: async () => ({ credentials: CREDENTIALS, accessKeyId: CREDENTIALS.accessKeyId }),
    env: { AWS_ENDPOINT_URL: sim.url },
    resolver: async host => ({ host, servers: [], ipv4: [], ipv6: [] }),
    log: silent
  })
  const deliveredAt = Math.max(...sim.trail().map(e => e.deliverAt))
  const cloudTrail = new CloudTrailClient({
    region: REGION,
    endpoint: sim.url,
    credentials: CREDENTIALS,
    maxAttempts: 1
  })
  const result = await runVerifyPhase({
    ledger,
    manifest,
    snapshots: [],
    cloudTrailClientFor: () => cloudTrail,
    timeoutMs: DELAY_MS + 60_000,
    log: silent
  })
  const verdictAt = Date.now()
  const lookups = sim.callCount('LookupEvents')
  const maxRate = sim.maxRequestsPerSecond('LookupEvents')
  await sim.close()
  const verdicts = result.findings.filter(f => f.ruleId === 'evidence-endpoint-path')
  return {
    probes: ledger.probes.length,
    found: verdicts.filter(f => f.verdict === 'pass').length,
    lookups,
    perVerdict: lookups / verdicts.length,
    lagMs: verdictAt - deliveredAt,
    polls: result.lookups.reduce((n, l) => n + l.polls, 0),
    maxRate
  }
}

const small = await measure(['sns', 'kms', 's3'])
const all = await measure(probedServices)
console.log(`\nEvidence benchmark (simulated CloudTrail, delivery ${DELAY_MS} ms after each probe)`)
console.log(
  '| probes | found through endpoint | LookupEvents calls | calls per verdict | polls | max LookupEvents/s | delivery → verdict |'
)
console.log('|---:|---:|---:|---:|---:|---:|---:|')
for (const r of [small, all]) {
  console.log(
    `| ${r.probes} | ${r.found} | ${r.lookups} | ${r.perVerdict.toFixed(2)} | ${r.polls} | ${r.maxRate} | ${(r.lagMs / 1000).toFixed(1)} s |`
  )
}
console.log(
  '\nPoll schedule: 2 s, then x1.5 each poll (±20% jitter), capped at 30 s; the lag should be under the interval in force.'
)
if (all.found !== all.probes || small.found !== small.probes) process.exitCode = 1
