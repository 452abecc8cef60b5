import { isMap, isScalar, isSeq } from 'yaml'
import type { Resolution } from './resolve.js'
import type { ParsedManifest } from './schema.js'
import type { EndpointDeclaration, IgnoreEntry, Manifest, SourceLocation, VpcDeclaration } from './types.js'
import { lookup, nodePosition, problemAt } from './yaml-source.js'
import type { PathSegment, YamlSource } from './yaml-source.js'

/**
 * The normalised manifest: defaults applied, names resolved, and each VPC and endpoint tied to the line it was
 * declared on. Only called once zod and the resolution found nothing wrong, so every resolution is present.
 */
export function buildManifest(source: YamlSource, parsed: ParsedManifest, resolution: Resolution): Manifest {
  const vpcs = parsed.vpcs.map((vpc, vpcIndex): VpcDeclaration => {
    const resolved = resolution.vpcs[vpcIndex]
    const region = resolved?.region
    if (region === undefined) throw new Error(`bug: vpcs[${vpcIndex}] has no resolved region`)
    const vpcPath = ['vpcs', vpcIndex]
    const endpoints = vpc.endpoints.map((endpoint, index): EndpointDeclaration => {
      const names = resolved?.endpoints[index]
      if (names === undefined) throw new Error(`bug: vpcs[${vpcIndex}].endpoints[${index}] was not resolved`)
      const path = [...vpcPath, 'endpoints', index]
      const interfaceEndpoint = names.type === 'Interface'
      return {
        serviceName: names.serviceName,
        service: names.service,
        type: names.type,
        ...(endpoint.id === undefined ? {} : { id: endpoint.id }),
        privateDns: interfaceEndpoint && (endpoint['private-dns'] ?? true),
        subnets: endpoint.subnets ?? [],
        routeTables: endpoint['route-tables'] ?? [],
        ...(endpoint.probe === undefined ? {} : { probe: endpoint.probe }),
        ...(endpoint['access-log'] === undefined
          ? {}
          : {
              accessLog: {
                bucket: endpoint['access-log'].bucket,
                logBucket: endpoint['access-log']['log-bucket'],
                logPrefix: endpoint['access-log']['log-prefix'] ?? '',
                keyFormat: endpoint['access-log']['key-format'] ?? 'simple'
              }
            }),
        location: locationOf(source, path),
        fieldLocations: fieldLocations(source, path)
      }
    })
    return {
      id: vpc.id,
      region,
      ...(vpc.account === undefined ? {} : { account: vpc.account }),
      ...(vpc['role-arn'] === undefined ? {} : { roleArn: vpc['role-arn'] }),
      ...(vpc['reachability-source'] === undefined ? {} : { reachabilitySource: vpc['reachability-source'] }),
      ...(vpc.egress === undefined ? {} : { egress: vpc.egress }),
      endpoints,
      location: locationOf(source, vpcPath),
      fieldLocations: fieldLocations(source, vpcPath)
    }
  })
  const warnings = resolution.warnings.map(w => problemAt(source, w.path, w.message))
  const ignore = (parsed.ignore ?? []).map((entry, index): IgnoreEntry => {
    const { rule, vpc, service, endpoint, reason, expires } = entry
    return {
      rule,
      ...(vpc === undefined ? {} : { vpc }),
      ...(service === undefined ? {} : { service }),
      ...(endpoint === undefined ? {} : { endpoint }),
      reason,
      ...(expires === undefined ? {} : { expires }),
      location: locationOf(source, ['ignore', index])
    }
  })
  return {
    file: source.file,
    version: parsed.version,
    vpcs,
    ...(ignore.length > 0 ? { ignore } : {}),
    ...(warnings.length > 0 ? { warnings } : {})
  }
}

function locationOf(source: YamlSource, path: readonly PathSegment[]): SourceLocation {
  const found = lookup(source, path)
  return { file: source.file, ...nodePosition(source, found.found ? found.node : found.parent) }
}

/** Where each field's value sits (`subnets[1]` for a list item), so a finding can point at the exact value. */
function fieldLocations(source: YamlSource, path: readonly PathSegment[]): Record<string, SourceLocation> {
  const found = lookup(source, path)
  const locations: Record<string, SourceLocation> = {}
  if (!found.found || !isMap(found.node)) return locations
  for (const pair of found.node.items) {
    if (!isScalar(pair.key)) continue
    const key = String(pair.key.value)
    const value = pair.value
    locations[key] = {
      file: source.file,
      ...nodePosition(source, isScalar(value) || isMap(value) || isSeq(value) ? value : pair.key)
    }
    if (!isSeq(value)) continue
    value.items.forEach((item, index) => {
      if (isScalar(item)) locations[`${key}[${index}]`] = { file: source.file, ...nodePosition(source, item) }
    })
  }
  return locations
}
