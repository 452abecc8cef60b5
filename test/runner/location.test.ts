import { afterEach, describe, expect, it } from 'vitest'
import { imdsEndpoint } from '../../src/runner/imds.js'
import { measureRunnerLocation, parseRunnerVpc } from '../../src/runner/location.js'
import { startSimulatedImds, type SimInstance, type SimulatedImds } from '../../sim/imds/server.js'

/** The runner's location through the real IMDSv2 exchange, against the simulated metadata service on loopback. */
const INSTANCE: SimInstance = {
  interfaces: [
    {
      mac: '02:29:96:8f:6a:2d',
      vpcId: 'vpc-0123456789abcdef0',
      subnetId: 'subnet-0a1111111111111aa',
      localIpv4s: ['10.0.1.25', '10.0.1.26']
    },
    {
      mac: '02:aa:bb:cc:dd:ee',
      vpcId: 'vpc-0fff0000000000000',
      subnetId: 'subnet-0b2222222222222bb',
      localIpv4s: []
    }
  ]
}

let imds: SimulatedImds | undefined
afterEach(async () => {
  await imds?.close()
  imds = undefined
})

const at = (url: string) => ({ AWS_EC2_METADATA_SERVICE_ENDPOINT: url })

describe('measureRunnerLocation', () => {
  it("reads the primary interface's VPC, subnet and private IPs with an IMDSv2 token", async () => {
    imds = await startSimulatedImds(INSTANCE)
    const location = await measureRunnerLocation('auto', at(imds.url))
    expect(location).toEqual({
      kind: 'vpc',
      vpcId: 'vpc-0123456789abcdef0',
      subnetId: 'subnet-0a1111111111111aa',
      interfaceId: 'eni-0229968f6a2d',
      privateIps: ['10.0.1.25', '10.0.1.26'],
      source: 'imds',
      detail: 'instance metadata: vpc-0123456789abcdef0, subnet-0a1111111111111aa, 10.0.1.25, 10.0.1.26'
    })
    expect(imds.requests[0]).toBe('PUT /latest/api/token')
    expect(imds.requests).toContain('GET /latest/meta-data/network/interfaces/macs/02:29:96:8f:6a:2d/vpc-id')
  })

  it('says a GitHub-hosted runner is in no VPC without asking the metadata service', async () => {
    imds = await startSimulatedImds(INSTANCE)
    const location = await measureRunnerLocation('auto', {
      ...at(imds.url),
      RUNNER_ENVIRONMENT: 'github-hosted'
    })
    expect(location).toMatchObject({ kind: 'no-vpc', source: 'github-hosted' })
    expect(imds.requests).toEqual([])
  })

  it('lets runner-vpc override everything, and asks nothing then', async () => {
    imds = await startSimulatedImds(INSTANCE)
    const env = { ...at(imds.url), RUNNER_ENVIRONMENT: 'github-hosted' }
    expect(await measureRunnerLocation('outside', env)).toMatchObject({ kind: 'no-vpc', source: 'input' })
    expect(await measureRunnerLocation('vpc-0fff0000000000000', env)).toMatchObject({
      kind: 'vpc',
      vpcId: 'vpc-0fff0000000000000',
      source: 'input'
    })
    expect(imds.requests).toEqual([])
  })

  it('honours AWS_EC2_METADATA_DISABLED as the JavaScript SDK does (any value but "false")', async () => {
    imds = await startSimulatedImds(INSTANCE)
    for (const value of ['true', 'TRUE', '1']) {
      const location = await measureRunnerLocation('auto', {
        ...at(imds.url),
        AWS_EC2_METADATA_DISABLED: value
      })
      expect(location).toEqual({
        kind: 'unknown',
        detail: `instance metadata not asked (AWS_EC2_METADATA_DISABLED=${value})`
      })
    }
    expect(imds.requests).toEqual([])
    const enabled = await measureRunnerLocation('auto', {
      ...at(imds.url),
      AWS_EC2_METADATA_DISABLED: 'false'
    })
    expect(enabled.kind).toBe('vpc')
  })

  it('is unknown, saying why, when the metadata service is off, refuses tokens, or never answers', async () => {
    imds = await startSimulatedImds(INSTANCE, { status: 403 })
    expect(await measureRunnerLocation('auto', at(imds.url))).toMatchObject({
      kind: 'unknown',
      detail: expect.stringContaining('turned off')
    })
    await imds.close()
    imds = await startSimulatedImds(INSTANCE, { hang: true })
    const hung = await measureRunnerLocation('auto', at(imds.url), { timeoutMs: 200 })
    expect(hung).toMatchObject({ kind: 'unknown', detail: expect.stringContaining('no answer') })
  })
})

describe('imdsEndpoint', () => {
  it('uses the SDK settings: endpoint, else IPv4/IPv6 mode (case-sensitive), else 169.254.169.254', () => {
    expect(imdsEndpoint({})).toEqual({ disabled: false, url: 'http://169.254.169.254' })
    expect(imdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' })).toEqual({
      disabled: false,
      url: 'http://[fd00:ec2::254]'
    })
    expect(imdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:1338/' })).toEqual({
      disabled: false,
      url: 'http://127.0.0.1:1338'
    })
    expect(() => imdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' })).toThrow(/not IPv4 or IPv6/)
  })
})

describe('parseRunnerVpc', () => {
  it('accepts auto, outside or a VPC id, and names the input otherwise', () => {
    expect(parseRunnerVpc('', 'Input runner-vpc')).toBe('auto')
    expect(parseRunnerVpc('Outside', 'Input runner-vpc')).toBe('outside')
    expect(parseRunnerVpc('vpc-0123456789abcdef0', 'Input runner-vpc')).toBe('vpc-0123456789abcdef0')
    expect(() => parseRunnerVpc('subnet-0a1', 'Input runner-vpc')).toThrow(
      'Input runner-vpc: "subnet-0a1" is not auto, outside or a VPC id'
    )
  })
})
