import { REGION } from './patterns.js'

export interface ServiceNames {
  /** The name EC2 knows the service by, e.g. com.amazonaws.eu-west-1.ecr.api. */
  serviceName: string
  /** The short name the probe table is keyed by, e.g. ecr.api; a full name of another form stays whole. */
  service: string
}

export type ServiceNameResult = ({ ok: true } & ServiceNames) | { ok: false; message: string }

/** `com.amazonaws.<region>.x` and, in the China regions, `cn.com.amazonaws.<region>.x`. */
const AWS_SERVICE = /^(?:cn\.)?com\.amazonaws\.([^.]+)\.(.+)$/

const FULL_NAME_PREFIXES = ['com.amazonaws.', 'cn.com.amazonaws.', 'aws.']

export function isFullServiceName(name: string): boolean {
  return FULL_NAME_PREFIXES.some(prefix => name.startsWith(prefix)) || regionSegments(name).length > 0
}

/**
 * Expands a short name for the VPC's region, or checks a full one against it: a full name that names another
 * region can never match an endpoint in this VPC, so it is a manifest mistake rather than a finding.
 */
export function resolveServiceName(name: string, region: string): ServiceNameResult {
  if (!isFullServiceName(name))
    return { ok: true, serviceName: `com.amazonaws.${region}.${name}`, service: name }
  const otherRegion = regionSegments(name).find(segment => segment !== region)
  const match = AWS_SERVICE.exec(name)
  const short = match?.[1] !== undefined && REGION.test(match[1]) ? match[2] : undefined
  if (otherRegion !== undefined) {
    const instead =
      short === undefined ? '' : `; write the short name \`${short}\` to follow the VPC's region`
    return {
      ok: false,
      message: `the service name is for region ${otherRegion}, but this VPC is in ${region}${instead}`
    }
  }
  return { ok: true, serviceName: name, service: short ?? name }
}

function regionSegments(name: string): string[] {
  return name.split('.').filter(segment => REGION.test(segment))
}
