import type { OperationCall } from '../core/operation.js'
import type { SimError } from '../core/response.js'
import { applyFilters, type FilterFields } from './filters.js'
import { filtersOf, listParam } from './params.js'
import { requireKnown } from './region.js'

/** How a Describe* call names its items by id, e.g. `VpcId.N`, and what EC2 answers for an unknown one. */
export interface IdParam<T> {
  param: string
  of: (row: T) => string
  notFound: (id: string) => SimError
}

/**
 * The rows a Describe* call asks for: those named by its id list (an unknown id fails the call, as in
 * EC2), then those its `Filter.N` parameters keep.
 */
export function selectRows<T>(call: OperationCall, rows: T[], ids: IdParam<T>, fields: FilterFields<T>): T[] {
  const { params } = call.req
  const wanted = listParam(params, ids.param)
  requireKnown(wanted, new Set(rows.map(ids.of)), ids.notFound)
  return applyFilters(
    rows.filter(r => wanted.length === 0 || wanted.includes(ids.of(r))),
    filtersOf(params),
    fields
  )
}
