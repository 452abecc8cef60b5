import { checkProbe } from '../evidence/probe-table.js'
import { checkServiceName, isKnownRegion, regionProblem } from './known-values.js'
import { ignoreProblems } from './resolve-ignore.js'
import { ENDPOINT_ID, GATEWAY_SERVICE_NAME, PROBE, REGION, SERVICE_NAME, VPC_ID } from './patterns.js'
import { isFullServiceName, resolveServiceName } from './service-names.js'
import type { ServiceNames } from './service-names.js'
import type { EndpointType } from './types.js'
import type { PathSegment } from './yaml-source.js'

/**
 * The rules that need more than one field: each VPC's region (which may come from the caller's environment),
 * full service names in that region, and what may be declared only once. They read the raw document
 * defensively rather than zod's output, so they still report their problems when some other field is wrong.
 */

export interface ResolvedEndpoint extends ServiceNames {
  type: EndpointType
}

export interface ResolvedVpc {
  region?: string
  /** Indexed like the VPC's `endpoints`; undefined where the service or type is itself invalid. */
  endpoints: (ResolvedEndpoint | undefined)[]
}

export interface ResolutionProblem {
  path: PathSegment[]
  message: string
  /** The earlier declaration a duplicate repeats; its line is added to the message. */
  firstPath?: PathSegment[]
}

export interface Resolution {
  vpcs: ResolvedVpc[]
  problems: ResolutionProblem[]
  /** Doubts that do not stop the run, e.g. a service name vpce-proof does not know (AWS adds services). */
  warnings: ResolutionProblem[]
}

export function resolveManifest(raw: unknown, defaultRegion: string | undefined): Resolution {
  const problems: ResolutionProblem[] = []
  const warnings: ResolutionProblem[] = []
  const top = asRecord(raw)
  const vpcs = Array.isArray(top.vpcs) ? top.vpcs : []
  const firstVpc = new Map<string, number>()
  const firstPin = new Map<string, PathSegment[]>()
  if (defaultRegion !== undefined && !REGION.test(defaultRegion) && needsDefaultRegion(top, vpcs)) {
    problems.push({
      path: ['region'],
      message:
        `no \`region\` in the manifest, and the default region from the environment ("${defaultRegion}") ` +
        'is not an AWS region; set `region` here or fix AWS_REGION'
    })
  }
  const defaultProblem = defaultRegion === undefined ? undefined : regionProblem(defaultRegion)
  if (defaultRegion !== undefined && REGION.test(defaultRegion) && defaultProblem !== undefined) {
    if (needsDefaultRegion(top, vpcs)) {
      problems.push({
        path: ['region'],
        message: `no \`region\` in the manifest, and the default region from the environment: ${defaultProblem}`
      })
    }
  }
  unknownRegion(top.region, ['region'], problems)

  const resolved = vpcs.map((rawVpc, vpcIndex): ResolvedVpc => {
    if (!isRecord(rawVpc)) return { endpoints: [] }
    const vpc = rawVpc
    const vpcPath: PathSegment[] = ['vpcs', vpcIndex]
    if (typeof vpc.id === 'string' && VPC_ID.test(vpc.id)) {
      const first = firstVpc.get(vpc.id)
      if (first === undefined) firstVpc.set(vpc.id, vpcIndex)
      else {
        problems.push({
          path: [...vpcPath, 'id'],
          message: `VPC ${vpc.id} is declared twice; declare each VPC once`,
          firstPath: ['vpcs', first]
        })
      }
    }

    unknownRegion(vpc.region, [...vpcPath, 'region'], problems)
    const region = vpcRegion(vpc, top, defaultRegion)
    if (region === 'missing') {
      problems.push({
        path: [...vpcPath, 'region'],
        message:
          'no region for this VPC: set `region` on it or at the top of the manifest, or set AWS_REGION in the environment'
      })
    }
    const knownRegion = region === 'missing' || region === 'invalid' ? undefined : region

    const firstService = new Map<string, number>()
    const endpoints = (Array.isArray(vpc.endpoints) ? vpc.endpoints : []).map((rawEndpoint, index) => {
      const endpoint = asRecord(rawEndpoint)
      const path = [...vpcPath, 'endpoints', index]
      if (typeof endpoint.id === 'string' && ENDPOINT_ID.test(endpoint.id)) {
        const first = firstPin.get(endpoint.id)
        if (first === undefined) firstPin.set(endpoint.id, path)
        else {
          problems.push({
            path: [...path, 'id'],
            message: `endpoint ${endpoint.id} is pinned twice; one endpoint serves one service`,
            firstPath: first
          })
        }
      }

      const { service } = endpoint
      const type = endpointType(endpoint)
      if (knownRegion === undefined || typeof service !== 'string' || !SERVICE_NAME.test(service))
        return undefined
      const names = resolveServiceName(service, knownRegion)
      if (!names.ok) {
        problems.push({ path: [...path, 'service'], message: names.message })
        return undefined
      }
      if (!isFullServiceName(names.service)) {
        const known = checkServiceName(names.service)
        if (!known.ok) {
          ;(known.level === 'error' ? problems : warnings).push({
            path: [...path, 'service'],
            message: known.message
          })
          if (known.level === 'error') return undefined
        }
      }
      if (typeof endpoint.probe === 'string' && PROBE.test(endpoint.probe)) {
        const { problem } = checkProbe(names.service, endpoint.probe)
        if (problem !== undefined) problems.push({ path: [...path, 'probe'], message: problem })
      }
      if (type === undefined) return undefined
      const key = `${names.serviceName} ${type}`
      const first = firstService.get(key)
      if (first === undefined) firstService.set(key, index)
      else {
        problems.push({
          path: [...path, 'service'],
          message: `${names.service} (${type}) is declared twice in this VPC; declare each endpoint once`,
          firstPath: [...vpcPath, 'endpoints', first]
        })
      }
      return { serviceName: names.serviceName, service: names.service, type }
    })
    return knownRegion === undefined ? { endpoints } : { region: knownRegion, endpoints }
  })
  problems.push(...ignoreProblems(top, resolved))
  return { vpcs: resolved, problems, warnings }
}

/** A VPC's own region, else the manifest's, else the caller's; 'invalid' when the one that applies is wrong. */
function vpcRegion(
  vpc: Record<string, unknown>,
  top: Record<string, unknown>,
  defaultRegion: string | undefined
): string | 'missing' | 'invalid' {
  const declared =
    vpc.region !== undefined ? vpc.region : top.region !== undefined ? top.region : defaultRegion
  if (declared === undefined) return 'missing'
  // A misshapen region in the manifest is zod's to report, an unknown one unknownRegion's; a wrong default is
  // reported once, for the whole file.
  return typeof declared === 'string' && REGION.test(declared) && isKnownRegion(declared)
    ? declared
    : 'invalid'
}

/** A region field shaped like a region (else zod reports it) that the AWS SDK does not know. */
function unknownRegion(value: unknown, path: PathSegment[], problems: ResolutionProblem[]): void {
  if (typeof value !== 'string' || !REGION.test(value)) return
  const message = regionProblem(value)
  if (message !== undefined) problems.push({ path, message })
}

function needsDefaultRegion(top: Record<string, unknown>, vpcs: unknown[]): boolean {
  return top.region === undefined && vpcs.some(vpc => asRecord(vpc).region === undefined)
}

/** The declared type, or the default one; undefined when it is invalid or must be given (zod reports those). */
function endpointType(endpoint: Record<string, unknown>): EndpointType | undefined {
  const { type, service } = endpoint
  if (type === 'Interface' || type === 'Gateway') return type
  if (type !== undefined) return undefined
  return typeof service === 'string' && GATEWAY_SERVICE_NAME.test(service) ? undefined : 'Interface'
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
