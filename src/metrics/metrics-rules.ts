import type { Rule } from '../model/rule.js'

export const GET_METRIC_DATA_ACTION = 'cloudwatch:GetMetricData'

/**
 * The article's CloudWatch method (CloudWatch メトリクスで確認): AWS PrivateLink publishes per-minute datapoints
 * for interface endpoints to `AWS/PrivateLinkEndpoints`. Opt-in (`privatelink-metrics: true`): it costs a
 * GetMetricData call per poll and needs cloudwatch:GetMetricData.
 */
export const metricsRules = [
  {
    id: 'privatelink-metrics-show-traffic',
    family: 'Metrics',
    found: {
      fail: 'Endpoint metrics show no traffic',
      warn: 'Endpoint metrics show dropped or reset packets',
      inconclusive: 'Endpoint metrics not read'
    },
    severity: 4.0,
    kind: 'evidence',
    title: 'PrivateLink metrics show traffic in the probe\u2019s minutes',
    checks:
      'With `privatelink-metrics: true`: for each declared Interface endpoint whose probe was sent, `AWS/PrivateLinkEndpoints` NewConnections and BytesProcessed (Sum, 60 s) for the endpoint (dimensions Endpoint Type, Service Name, VPC Endpoint Id, VPC Id) are above zero in the minutes of the probes, read with one batched GetMetricData per region and account, polled until `evidence-timeout`. Also read: the same two for the Subnet Id of the runner\u2019s subnet when the endpoint has a network interface there, and PacketsDropped and RstPacketsReceived. Pass: traffic; warn: traffic, but dropped or reset packets, or none on the runner\u2019s subnet; fail: no datapoint 5 minutes after the last probe; inconclusive: not published yet, or GetMetricData denied or failing. Skipped for Gateway endpoints (AWS publishes no PrivateLink metrics for them), `private-dns: false`, endpoints without a probe, and a probe whose hostname resolved away from the endpoint\u2019s interfaces (`dns-resolves-to-endpoint` already fails it).',
    why: 'A second signal independent of CloudTrail\u2019s delivery: the endpoint itself counts the connections it carried. The metrics say that the endpoint carried connections in those minutes, not which ones (the article: the details of each connection are not visible), so on an endpoint other workloads use it is weaker than the CloudTrail record.',
    fix: 'No traffic: the probe went around the endpoint; check private DNS, the resolver the runner uses, and the endpoint\u2019s security group (HTTPS from the runner). Not published yet: raise `evidence-timeout`. Denied: grant cloudwatch:GetMetricData (resource `*`). Dropped or reset packets: check the endpoint\u2019s security group and NACLs, and the service\u2019s health in the zone.',
    permissions: [GET_METRIC_DATA_ACTION]
  }
] as const satisfies readonly Rule[]

export type MetricsRuleId = (typeof metricsRules)[number]['id']
