import type { OperationCall } from '../core/operation.js'
import { SimError } from '../core/response.js'
import { node, text, type Xml } from '../core/xml.js'
import { requiredParam } from './params.js'
import { notFoundError, vpcsIn } from './region.js'

const ATTRIBUTES = ['enableDnsSupport', 'enableDnsHostnames', 'enableNetworkAddressUsageMetrics'] as const

/** One attribute per call, as in AWS. DNS support and hostnames default to on in the simulator. */
export function describeVpcAttribute(call: OperationCall): Xml[] {
  const { params } = call.req
  const vpcId = requiredParam(params, 'VpcId')
  const attribute = requiredParam(params, 'Attribute')
  if (!(ATTRIBUTES as readonly string[]).includes(attribute)) {
    throw new SimError(
      'InvalidParameterValue',
      `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`
    )
  }
  const vpc = vpcsIn(call).find(v => v.id === vpcId)
  if (!vpc) throw notFoundError('InvalidVpcID.NotFound', 'vpc ID', vpcId)
  const value =
    attribute === 'enableDnsSupport'
      ? (vpc.enableDnsSupport ?? true)
      : attribute === 'enableDnsHostnames'
        ? (vpc.enableDnsHostnames ?? true)
        : false
  return [text('vpcId', vpc.id), node(attribute, text('value', value))]
}
