import { createServer, type AddressInfo } from 'node:net'
import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { AwsClientFactory } from '../../src/aws/clients.js'
import { collectInventory } from '../../src/aws/inventory.js'
import type { AwsTimeouts } from '../../src/aws/timeouts.js'
import { runProbePhase } from '../../src/evidence/collect.js'
import type { DnsAnswers } from '../../src/evidence/dns.js'
import type { Ledger } from '../../src/evidence/ledger.js'
import { parseManifest } from '../../src/manifest/load.js'
import type { Manifest } from '../../src/manifest/types.js'
import {
  runMetricsPhase,
  type MetricsPhaseInput,
  type MetricsPhaseResult
} from '../../src/metrics/collect-metrics.js'
import type { RunnerLocation } from '../../src/runner/location.js'
import { startDnsServer, type DnsServer } from '../../sim/dns/server.js'
import type { SimScenario } from '../../sim/scenario.js'
import { startSimulatedAws, type SimulatedAws } from '../../sim/server.js'
import { skippingClock, type SkippingClock } from '../clock/skipping-clock.js'

export const REGION = 'ap-northeast-1'
export const VPC = 'vpc-0123456789abcdef0'
export const SUBNET_A = 'subnet-0a1111111111111aa'
export const SUBNET_B = 'subnet-0b2222222222222bb'
export const SNS = 'vpce-01251def6b627a209'
export const KMS = 'vpce-0b2c3d4e5f6a7b8c9'
export const S3 = 'vpce-0a1b2c3d4e5f60718'

export const silentLog = { info: () => undefined, notice: () => undefined, warning: () => undefined }

/**
 * SNS through its endpoint; KMS resolves to its endpoint but the simulator sends the call around it (NAT),
 * as a proxy on the runner would; S3 through a gateway endpoint.
 */
export function metricsScenario(over: Partial<SimScenario> = {}): SimScenario {
  const iface = (id: string, service: string, ips: [string, string]) => ({
    id,
    serviceName: `com.amazonaws.${REGION}.${service}`,
    type: 'Interface' as const,
    privateDnsEnabled: true,
    subnetIds: [SUBNET_A, SUBNET_B],
    eniIps: { [SUBNET_A]: ips[0], [SUBNET_B]: ips[1] }
  })
  return {
    accountId: '123456789012',
    region: REGION,
    vpcs: [
      {
        id: VPC,
        region: REGION,
        cidr: '10.0.0.0/16',
        subnets: [
          { id: SUBNET_A, cidr: '10.0.1.0/24', availabilityZone: `${REGION}a` },
          { id: SUBNET_B, cidr: '10.0.2.0/24', availabilityZone: `${REGION}c` }
        ],
        routeTables: [{ id: 'rtb-0a1b2c3d4e5f60002', main: true }],
        endpoints: [
          iface(SNS, 'sns', ['10.0.1.10', '10.0.2.10']),
          iface(KMS, 'kms', ['10.0.1.11', '10.0.2.11']),
          {
            id: S3,
            serviceName: `com.amazonaws.${REGION}.s3`,
            type: 'Gateway',
            routeTableIds: ['rtb-0a1b2c3d4e5f60002']
          }
        ]
      }
    ],
    traffic: { kms: { via: 'nat' } },
    privateLinkMetrics: { subnetIds: { [SNS]: SUBNET_A } },
    ...over
  }
}

export const MANIFEST = `version: 1
region: ${REGION}
vpcs:
  - id: ${VPC}
    endpoints:
      - service: sns
      - service: kms
      - service: s3
        type: Gateway
`

export const inVpc = (subnetId?: string): RunnerLocation => ({
  kind: 'vpc',
  vpcId: VPC,
  ...(subnetId ? { subnetId } : {}),
  privateIps: ['10.0.1.25'],
  source: 'imds',
  detail: 'test'
})

/** Private DNS as the VPC resolver answers it: each service's name to its endpoint's first interface. */
export const PRIVATE_DNS: Record<string, string[]> = {
  [`sns.${REGION}.amazonaws.com`]: ['10.0.1.10'],
  [`kms.${REGION}.amazonaws.com`]: ['10.0.1.11'],
  [`s3.${REGION}.amazonaws.com`]: ['52.219.16.5']
}

const privateDns = async (host: string): Promise<DnsAnswers> => ({
  host,
  servers: ['test'],
  ipv4: PRIVATE_DNS[host] ?? [],
  ipv6: []
})

export interface Harness {
  sim: SimulatedAws
  aws: AwsClientFactory
  manifest: Manifest
  ledger: Ledger
  /** The metrics phase's and the simulator's time: the polls' waits are skipped, not slept. */
  clock: SkippingClock
  run(over?: Partial<MetricsPhaseInput>): Promise<MetricsPhaseResult>
  close(): Promise<void>
}

/**
 * Probes (real signed requests) and the inventory (real EC2 client) against the simulator, then the metrics
 * phase through the real CloudWatch client: the datapoints are those of the probes the simulator served.
 * The phase polls on a skipping clock that the simulator shares (CloudWatch's publishing delay moves with
 * it); the SDK's own timeouts and call budgets stay on real time.
 */
export async function harness(
  scenario: SimScenario,
  opts: { manifest?: string; timeouts?: Partial<AwsTimeouts>; location?: RunnerLocation } = {}
): Promise<Harness> {
  const clock = skippingClock()
  const sim = await startSimulatedAws(scenario, { now: clock.now })
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: 'true'
  })
  const aws = new AwsClientFactory({
    retryStrategy: new ConfiguredRetryStrategy(3, 0),
    ec2Limits: null,
    // This harness's own simulator, whatever AWS_ENDPOINT_URL says: harnesses may run at once.
    endpoint: sim.url,
    ...(opts.timeouts ? { timeouts: opts.timeouts } : {})
  })
  const manifest = parseManifest(opts.manifest ?? MANIFEST, 'vpc-endpoints.yml')
  const ledger = await runProbePhase({
    manifest,
    credentialsFor: async () => ({
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' },
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE'
    }),
    env: { AWS_ENDPOINT_URL: sim.url },
    resolver: privateDns,
    log: silentLog
  })
  const inventory = await collectInventory(manifest, aws)
  const location = opts.location ?? inVpc(SUBNET_A)
  return {
    sim,
    aws,
    manifest,
    ledger,
    clock,
    run: over =>
      runMetricsPhase({
        manifest,
        ledger,
        snapshots: inventory.vpcs,
        runnerLocation: location,
        cloudWatchFor: (region, vpc) =>
          aws.cloudWatchFor({ region, ...(vpc.roleArn ? { roleArn: vpc.roleArn } : {}) }),
        timeoutMs: 3_000,
        log: silentLog,
        pollIntervalMs: 100,
        minCallIntervalMs: 0,
        noTrafficAfterMs: 400,
        now: clock.now,
        sleep: clock.sleep,
        ...over
      }),
    close: () => sim.close()
  }
}

/**
 * What an evidence run of metricsScenario talks to besides AWS: a real DNS server answering PRIVATE_DNS,
 * and an "internet" on loopback that accepts and hangs up (`egressTarget`, for --egress-target).
 */
export interface EvidenceNeighbours {
  dns: DnsServer
  egressTarget: string
  close(): Promise<void>
}

export async function startEvidenceNeighbours(): Promise<EvidenceNeighbours> {
  const dns = await startDnsServer({
    records: Object.entries(PRIVATE_DNS).map(([host, ipv4]) => ({ host, ipv4 }))
  })
  const internet = createServer(s => s.destroy())
  await new Promise<void>(resolve => internet.listen(0, '127.0.0.1', resolve))
  return {
    dns,
    egressTarget: `127.0.0.1:${(internet.address() as AddressInfo).port}`,
    close: async () => {
      await dns.stop()
      await new Promise<void>(resolve => internet.close(() => resolve()))
    }
  }
}
