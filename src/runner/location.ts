import { UserError } from '../core/errors.js'
import { ImdsError, imdsEndpoint, openImds, type Env } from './imds.js'

/**
 * Where the runner is, measured at the edge and handed to the (pure) evidence judging:
 * - `no-vpc`: in no VPC (a GitHub-hosted runner, or `runner-vpc: outside`): its traffic says nothing
 *   about any VPC's endpoints;
 * - `vpc`: in this VPC (instance metadata, or `runner-vpc: vpc-…`);
 * - `unknown`: nothing answered; only then may the evidence fall back to guessing from the records.
 */
export type RunnerLocation =
  | { kind: 'no-vpc'; source: 'github-hosted' | 'input'; detail: string }
  | {
      kind: 'vpc'
      vpcId: string
      subnetId?: string
      /** The primary interface's id (instance metadata `interface-id`): Reachability Analyzer's source. */
      interfaceId?: string
      privateIps: string[]
      source: 'imds' | 'input'
      detail: string
    }
  | { kind: 'unknown'; detail: string }

/** The `runner-vpc` input / `--runner-vpc` flag. */
export type RunnerVpcSetting = 'auto' | 'outside' | `vpc-${string}`

export function parseRunnerVpc(raw: string, name: string): RunnerVpcSetting {
  const value = raw.trim()
  if (value === '' || value.toLowerCase() === 'auto') return 'auto'
  if (value.toLowerCase() === 'outside') return 'outside'
  if (/^vpc-[0-9a-f]{8,17}$/.test(value)) return value as `vpc-${string}`
  throw new UserError(`${name}: "${raw}" is not auto, outside or a VPC id (vpc-0123456789abcdef0).`)
}

export interface MeasureOptions {
  /** Per IMDS request (token, then each GET). */
  timeoutMs?: number
  signal?: AbortSignal
}

/**
 * The input wins; then `RUNNER_ENVIRONMENT=github-hosted` (set by GitHub on its own runners, which sit in
 * no customer VPC); then the EC2 instance metadata of the runner's primary interface (eth0).
 */
export async function measureRunnerLocation(
  setting: RunnerVpcSetting,
  env: Env,
  options: MeasureOptions = {}
): Promise<RunnerLocation> {
  if (setting === 'outside') {
    return { kind: 'no-vpc', source: 'input', detail: 'runner-vpc: outside says this runner is in no VPC' }
  }
  if (setting !== 'auto') {
    return {
      kind: 'vpc',
      vpcId: setting,
      privateIps: [],
      source: 'input',
      detail: `runner-vpc: ${setting} says this runner is in ${setting}`
    }
  }
  if (env.RUNNER_ENVIRONMENT === 'github-hosted') {
    return {
      kind: 'no-vpc',
      source: 'github-hosted',
      detail: 'RUNNER_ENVIRONMENT=github-hosted: a GitHub-hosted runner is in no VPC of yours'
    }
  }
  try {
    const endpoint = imdsEndpoint(env)
    if (endpoint.disabled) {
      return { kind: 'unknown', detail: `instance metadata not asked (${endpoint.why})` }
    }
    const imds = await openImds(endpoint.url, options)
    const mac = (await imds.get('mac'))?.trim().toLowerCase()
    if (!mac || !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(mac)) {
      return { kind: 'unknown', detail: `instance metadata at ${endpoint.url} names no network interface` }
    }
    const base = `network/interfaces/macs/${mac}`
    const [vpcId, subnetId, ipv4s, interfaceId] = await Promise.all([
      imds.get(`${base}/vpc-id`),
      imds.get(`${base}/subnet-id`),
      imds.get(`${base}/local-ipv4s`),
      imds.get(`${base}/interface-id`)
    ])
    const vpc = vpcId?.trim()
    if (!vpc || !/^vpc-[0-9a-f]+$/.test(vpc)) {
      return {
        kind: 'unknown',
        detail: `instance metadata at ${endpoint.url} names no VPC for interface ${mac}`
      }
    }
    const subnet = subnetId?.trim()
    const eni = interfaceId?.trim()
    const privateIps = (ipv4s ?? '')
      .split('\n')
      .map(s => s.trim())
      .filter(s => /^\d{1,3}(\.\d{1,3}){3}$/.test(s))
      .slice(0, 64)
    return {
      kind: 'vpc',
      vpcId: vpc,
      ...(subnet && /^subnet-[0-9a-f]+$/.test(subnet) ? { subnetId: subnet } : {}),
      ...(eni && /^eni-[0-9a-f]{8,17}$/.test(eni) ? { interfaceId: eni } : {}),
      privateIps,
      source: 'imds',
      detail: `instance metadata: ${vpc}${subnet ? `, ${subnet}` : ''}${privateIps.length > 0 ? `, ${privateIps.join(', ')}` : ''}`
    }
  } catch (error) {
    if (error instanceof ImdsError) return { kind: 'unknown', detail: `instance metadata: ${error.message}` }
    throw error
  }
}

/** One line for the log and the notes: where the runner is and how that is known. */
export function describeRunnerLocation(location: RunnerLocation): string {
  switch (location.kind) {
    case 'no-vpc':
      return `Runner: in no VPC (${location.detail}).`
    case 'vpc':
      return `Runner: in ${location.vpcId} (${location.detail}).`
    case 'unknown':
      return `Runner: location unknown (${location.detail}).`
  }
}
