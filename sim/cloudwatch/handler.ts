import type { OperationCall, OperationResult } from '../core/operation.js'
import { handleProbe } from '../services/probe.js'
import { getMetricData } from './get-metric-data.js'

/** CloudWatch (signing name `monitoring`): GetMetricData from the traffic served; the probe calls as before. */
export function handleMonitoring(call: OperationCall): OperationResult {
  if (call.operation === 'GetMetricData') return getMetricData(call)
  return handleProbe(call)
}
