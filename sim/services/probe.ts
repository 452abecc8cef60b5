import type { OperationCall, OperationResult } from '../core/operation.js'
import { probeOperation } from './catalog.js'
import { emptyOk } from './protocols.js'
import { unknownOperationError } from './standard-errors.js'

/** A probe-table operation: the minimal valid empty result, in the protocol the client spoke. */
export function handleProbe(call: OperationCall): OperationResult {
  const probe = probeOperation(call.service.signingName, call.operation)
  if (!probe || !probe.protocols.includes(call.protocol))
    throw unknownOperationError(call.protocol, call.operation)
  return {
    response: emptyOk(call.protocol, call.service, call.operation, call.ids, {
      ...(probe.emptyResult === undefined ? {} : { json: probe.emptyResult }),
      ...(probe.emptyQueryLists === undefined ? {} : { queryLists: probe.emptyQueryLists })
    })
  }
}
