import type { OperationCall } from '../core/operation.js'
import { selectRows } from './select.js'
import { itemList, text, valueList, type Xml } from '../core/xml.js'
import { prefixListsIn } from '../defaults.js'
import type { SimPrefixList } from '../scenario.js'
import type { FilterFields } from './filters.js'
import { hasEmptyFault, paginate } from './paginate.js'
import { notFoundError } from './region.js'

const FIELDS: FilterFields<SimPrefixList> = {
  'prefix-list-id': p => p.id,
  'prefix-list-name': p => p.name
}

function selected(call: OperationCall, action: string, limits: { min: number; max: number }) {
  const { params } = call.req
  const all = prefixListsIn(call.env.scenario, call.region)
  const matching = selectRows(
    call,
    all,
    {
      param: 'PrefixListId',
      of: p => p.id,
      notFound: id => notFoundError('InvalidPrefixListID.NotFound', 'prefix list ID', id)
    },
    action === 'DescribeManagedPrefixLists' ? { ...FIELDS, 'owner-id': () => 'AWS' } : FIELDS
  )
  return paginate(matching, action, params, limits, call.env.scenario.ec2MaxPageSize, hasEmptyFault(call))
}

/** The AWS-managed prefix lists of the region (s3, dynamodb and the scenario's own). */
export function describePrefixLists(call: OperationCall): Xml[] {
  const { page, nextToken } = selected(call, 'DescribePrefixLists', { min: 1, max: 1000 })
  return [
    itemList(
      'prefixListSet',
      page.map(p => [
        text('prefixListName', p.name),
        text('prefixListId', p.id),
        valueList('cidrSet', p.cidrs)
      ])
    ),
    nextToken
  ]
}

export function describeManagedPrefixLists(call: OperationCall): Xml[] {
  const { page, nextToken } = selected(call, 'DescribeManagedPrefixLists', { min: 1, max: 100 })
  return [
    itemList(
      'prefixListSet',
      page.map(p => [
        text('prefixListId', p.id),
        text('addressFamily', 'IPv4'),
        text('state', 'create-complete'),
        text('prefixListArn', `arn:aws:ec2:${p.region}:aws:prefix-list/${p.id}`),
        text('prefixListName', p.name),
        itemList('tagSet', []),
        text('ownerId', 'AWS')
      ])
    ),
    nextToken
  ]
}
