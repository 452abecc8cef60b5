import type { OperationCall, OperationResult } from '../core/operation.js'
import { SimError } from '../core/response.js'
import { jsonOk } from '../services/protocols.js'

/**
 * GetMetricData as the JS SDK v3 client speaks it: awsJson1_0 with awsQueryCompatible (POST /,
 * `X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`, `x-amzn-query-mode: true`), timestamps as
 * epoch seconds (cloudwatch-getmetricdata.json). Only `AWS/PrivateLinkEndpoints` has data here. Past 500
 * queries, as AWS documents, the first 500 are answered and `Messages` says the limit was exceeded.
 */
const MAX_QUERIES = 500
const ID = /^[a-z][a-zA-Z0-9_]*$/

interface Query {
  Id?: unknown
  MetricStat?: {
    Metric?: {
      Namespace?: unknown
      MetricName?: unknown
      Dimensions?: Array<{ Name?: unknown; Value?: unknown }>
    }
    Period?: unknown
    Stat?: unknown
  }
  Label?: unknown
  ReturnData?: unknown
}

function seconds(value: unknown, name: string): number {
  const ms =
    typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : Number.NaN
  if (!Number.isFinite(ms))
    throw new SimError('InvalidParameterValue', `The parameter ${name} is not a timestamp.`)
  return ms
}

export function getMetricData(call: OperationCall): OperationResult {
  if (call.protocol !== 'json1.0')
    throw new SimError('InvalidAction', 'GetMetricData: this simulator speaks awsJson1_0 only.')
  let input: { MetricDataQueries?: Query[]; StartTime?: unknown; EndTime?: unknown }
  try {
    input = JSON.parse(call.req.body.toString('utf8') || '{}') as typeof input
  } catch {
    throw new SimError('SerializationException', 'The request body is not JSON.')
  }
  const queries = Array.isArray(input.MetricDataQueries) ? input.MetricDataQueries : []
  if (queries.length === 0)
    throw new SimError('MissingParameter', 'The parameter MetricDataQueries is required.')
  const start = Math.floor(seconds(input.StartTime, 'StartTime') / 60_000) * 60_000
  const end = seconds(input.EndTime, 'EndTime')
  if (end <= start)
    throw new SimError('InvalidParameterValue', 'The parameter StartTime must be less than EndTime.')
  const answered = queries.slice(0, MAX_QUERIES)
  const results = answered.map(q => {
    const id = q.Id
    if (typeof id !== 'string' || !ID.test(id))
      throw new SimError('ValidationError', `Invalid metric data query id: ${String(id).slice(0, 50)}`)
    const stat = q.MetricStat
    const period = stat?.Period
    if (typeof period !== 'number' || period < 60 || period % 60 !== 0)
      throw new SimError('InvalidParameterValue', 'The parameter MetricStat.Period must be a multiple of 60.')
    const metric = stat?.Metric
    const dims = (metric?.Dimensions ?? []).map(d => ({ Name: String(d.Name), Value: String(d.Value) }))
    const series =
      metric?.Namespace === 'AWS/PrivateLinkEndpoints' && typeof metric.MetricName === 'string'
        ? call.env.metrics.series(
            call.env.scenario,
            metric.MetricName,
            dims,
            String(stat?.Stat ?? ''),
            start,
            end,
            call.at
          )
        : []
    return {
      Id: id,
      Label: typeof q.Label === 'string' ? q.Label : String(metric?.MetricName ?? id),
      Timestamps: series.map(p => p.minute / 1000),
      Values: series.map(p => p.value),
      StatusCode: 'Complete'
    }
  })
  const messages =
    queries.length > MAX_QUERIES
      ? [{ Code: 'MaxMetricsExceeded', Value: 'Maximum number of allowed metrics exceeded' }]
      : []
  return { response: jsonOk('1.0', call.ids, { MetricDataResults: results, Messages: messages }) }
}
