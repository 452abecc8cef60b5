import type { VpcEndpoint, VpcSnapshot } from '../aws/snapshot.js'
import type { EndpointDeclaration, VpcDeclaration } from '../manifest/types.js'
import { finding, inconclusive, type Subject } from './finding-builder.js'
import type { Finding } from '../model/finding.js'
import { checkGatewayRoutes } from './gateway-routes.js'
import { checkInterfacePrivateDns, checkInterfaceSubnets } from './interface-checks.js'
import { matchEndpoint } from './match-endpoint.js'

export interface EndpointCheckResult {
  findings: Finding[]
  /** The endpoint this declaration matched, so drift detection knows it is declared. */
  matched?: VpcEndpoint
}

/** All configuration checks of one declared endpoint: exists, available, type, then type-specific ones. */
export function checkEndpoint(
  vpc: VpcDeclaration,
  decl: EndpointDeclaration,
  snap: VpcSnapshot
): EndpointCheckResult {
  const subject: Subject = { vpc, endpoint: decl }
  if (!snap.endpoints.ok) {
    return { findings: [inconclusive('endpoint-missing', subject, snap.endpoints.problem, 'the endpoint')] }
  }
  const endpoint = matchEndpoint(decl, snap.endpoints.value)
  if (!endpoint) {
    const what = decl.id ? `Endpoint ${decl.id}` : `No endpoint for ${decl.serviceName}`
    const message = decl.id
      ? `${what} (${decl.serviceName}) was not found in ${vpc.id}.`
      : `${what} was found in ${vpc.id}: its traffic leaves through NAT or the internet gateway, or fails.`
    return {
      findings: [finding('endpoint-missing', 'fail', subject, message, { service: decl.serviceName })]
    }
  }

  const found: Subject = { ...subject, endpointId: endpoint.id }
  const findings: Finding[] = [
    finding('endpoint-missing', 'pass', found, `${endpoint.id} serves ${endpoint.serviceName}.`),
    endpoint.state === 'available'
      ? finding('endpoint-available', 'pass', found, `${endpoint.id} is available.`)
      : finding(
          'endpoint-available',
          'fail',
          found,
          `${endpoint.id} is ${endpoint.state}, not available: it carries no traffic.`,
          { state: endpoint.state }
        )
  ]
  if (endpoint.serviceName !== decl.serviceName) {
    findings.push(
      finding(
        'endpoint-missing',
        'fail',
        found,
        `${endpoint.id} serves ${endpoint.serviceName}, but the manifest declares it for ${decl.serviceName}.`
      )
    )
  }
  if (endpoint.type !== decl.type) {
    findings.push(
      finding(
        'endpoint-type',
        'fail',
        found,
        `${endpoint.id} is of type ${endpoint.type}, but the manifest declares ${decl.type}.`,
        { type: endpoint.type }
      )
    )
    return { findings, matched: endpoint }
  }
  findings.push(finding('endpoint-type', 'pass', found, `${endpoint.id} is of type ${endpoint.type}.`))

  if (decl.type === 'Interface') {
    findings.push(
      checkInterfacePrivateDns(found, decl, endpoint),
      ...checkInterfaceSubnets(found, decl, endpoint, snap)
    )
  } else {
    findings.push(...checkGatewayRoutes(found, decl, endpoint, snap))
  }
  return { findings, matched: endpoint }
}
