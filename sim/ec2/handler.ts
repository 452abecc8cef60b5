import type { OperationCall, OperationResult } from '../core/operation.js'
import { SimError } from '../core/response.js'
import type { Xml } from '../core/xml.js'
import { ec2Ok } from '../services/protocols.js'
import { describeNetworkInterfaces } from './describe-network-interfaces.js'
import { describeNatGateways } from './describe-nat-gateways.js'
import { describeManagedPrefixLists, describePrefixLists } from './describe-prefix-lists.js'
import { describeRegions } from './describe-regions.js'
import { describeRouteTables } from './describe-route-tables.js'
import { describeSubnets } from './describe-subnets.js'
import { describeVpcAttribute } from './describe-vpc-attribute.js'
import { describeVpcEndpoints } from './describe-vpc-endpoints.js'
import { describeVpcs } from './describe-vpcs.js'
import {
  createNetworkInsightsPath,
  deleteNetworkInsightsAnalysis,
  deleteNetworkInsightsPath,
  describeNetworkInsightsAnalyses,
  startNetworkInsightsAnalysis
} from './network-insights.js'

const OPERATIONS: Record<string, (call: OperationCall) => Xml[]> = {
  DescribeVpcs: describeVpcs,
  DescribeVpcAttribute: describeVpcAttribute,
  DescribeVpcEndpoints: describeVpcEndpoints,
  DescribeRouteTables: describeRouteTables,
  DescribeSubnets: describeSubnets,
  DescribeNetworkInterfaces: describeNetworkInterfaces,
  DescribeNatGateways: describeNatGateways,
  DescribePrefixLists: describePrefixLists,
  DescribeManagedPrefixLists: describeManagedPrefixLists,
  DescribeRegions: describeRegions,
  CreateNetworkInsightsPath: createNetworkInsightsPath,
  StartNetworkInsightsAnalysis: startNetworkInsightsAnalysis,
  DescribeNetworkInsightsAnalyses: describeNetworkInsightsAnalyses,
  DeleteNetworkInsightsAnalysis: deleteNetworkInsightsAnalysis,
  DeleteNetworkInsightsPath: deleteNetworkInsightsPath
}

/** The EC2 operations the simulator answers (tests deny every action outside a policy). */
export const EC2_OPERATIONS: readonly string[] = Object.keys(OPERATIONS)

/** EC2 Query API: `Action=...&Version=2016-11-15`, XML answers in the 2016-11-15 namespace. */
export function handleEc2(call: OperationCall): OperationResult {
  const operation = OPERATIONS[call.operation]
  if (!operation) {
    throw new SimError('InvalidAction', `The action ${call.operation} is not valid for this web service.`)
  }
  return { response: ec2Ok(call.operation, call.ids, operation(call)) }
}
