import type { OperationCall } from '../core/operation.js'
import { itemList, text, type Xml } from '../core/xml.js'
import { applyFilters } from './filters.js'
import { filtersOf, listParam } from './params.js'

/** The regions the scenario uses (plus the one called): a harmless read-only probe for the ec2 endpoint. */
export function describeRegions(call: OperationCall): Xml[] {
  const { scenario } = call.env
  const regions = [...new Set([scenario.region, call.region, ...scenario.vpcs.map(v => v.region)])].sort()
  const names = listParam(call.req.params, 'RegionName')
  const matching = applyFilters(
    regions.filter(r => names.length === 0 || names.includes(r)),
    filtersOf(call.req.params),
    {
      'region-name': r => r,
      endpoint: r => `ec2.${r}.amazonaws.com`,
      'opt-in-status': () => 'opt-in-not-required'
    }
  )
  return [
    itemList(
      'regionInfo',
      matching.map(r => [
        text('regionName', r),
        text('regionEndpoint', `ec2.${r}.amazonaws.com`),
        text('optInStatus', 'opt-in-not-required')
      ])
    )
  ]
}
