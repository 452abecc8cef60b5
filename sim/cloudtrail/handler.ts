import type { OperationCall, OperationResult } from '../core/operation.js'
import { unknownOperationError } from '../services/standard-errors.js'
import { lookupEvents } from './lookup-events.js'

/** CloudTrail JSON 1.1: only LookupEvents (Event history). */
export function handleCloudTrail(call: OperationCall): OperationResult {
  if (call.operation === 'LookupEvents') return lookupEvents(call)
  throw unknownOperationError(call.protocol, call.operation)
}
