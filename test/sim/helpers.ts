import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { gatewayEndpoint, interfaceEndpoint, scenario, vpc } from '../../sim/defaults.js'
import type { SimScenario } from '../../sim/scenario.js'

/** Documentation-style fake keys: the simulator never checks signatures, AWS is never reached. */
export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}

export const REGION = 'ap-northeast-1'

export function clientConfig(url: string, extra: Record<string, unknown> = {}) {
  return { region: REGION, endpoint: url, credentials: FAKE_CREDENTIALS, ...extra }
}

export interface SignedCall {
  service: string
  method?: string
  path?: string
  headers?: Record<string, string>
  body?: string | Uint8Array
  region?: string
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
}

/** A request signed with the SDK's own SigV4 signer and sent with fetch, as a probe would send it. */
export async function signedFetch(baseUrl: string, call: SignedCall): Promise<Response> {
  const url = new URL(call.path ?? '/', baseUrl)
  const request = new HttpRequest({
    method: call.method ?? 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host, ...(call.headers ?? {}) },
    ...(call.body === undefined ? {} : { body: call.body })
  })
  const signer = new SignatureV4({
    service: call.service,
    region: call.region ?? REGION,
    credentials: call.credentials ?? FAKE_CREDENTIALS,
    sha256: Sha256
  })
  const signed = await signer.sign(request)
  return fetch(url, {
    method: signed.method,
    headers: signed.headers,
    ...(call.body === undefined ? {} : { body: call.body })
  })
}

/** One VPC with an SNS interface endpoint in two subnets and an S3 gateway endpoint on the private table. */
export function demoScenario(overrides: Partial<SimScenario> = {}): SimScenario {
  const subnets = [
    { id: 'subnet-0aaa1111111111111', cidr: '10.0.1.0/24', availabilityZone: `${REGION}a` },
    { id: 'subnet-0bbb2222222222222', cidr: '10.0.2.0/24', availabilityZone: `${REGION}c` }
  ]
  return scenario({
    accountId: '123456789012',
    vpcs: [
      vpc({
        id: 'vpc-0123456789abcdef0',
        region: REGION,
        subnets,
        routeTables: [
          { id: 'rtb-0main000000000000', main: true },
          { id: 'rtb-0private0000000000', subnetIds: ['subnet-0aaa1111111111111'] }
        ],
        endpoints: [
          interfaceEndpoint({
            id: 'vpce-01251def6b627a209',
            region: REGION,
            service: 'sns',
            subnetIds: subnets.map(s => s.id),
            eniIps: { 'subnet-0aaa1111111111111': '10.0.1.77' }
          }),
          gatewayEndpoint({
            id: 'vpce-0a1b2c3d4e5f60718',
            region: REGION,
            service: 's3',
            routeTableIds: ['rtb-0private0000000000']
          })
        ]
      })
    ],
    ...overrides
  })
}
