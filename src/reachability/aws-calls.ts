import {
  CreateNetworkInsightsPathCommand,
  DeleteNetworkInsightsAnalysisCommand,
  DeleteNetworkInsightsPathCommand,
  DescribeNetworkInsightsAnalysesCommand,
  StartNetworkInsightsAnalysisCommand,
  type EC2Client,
  type NetworkInsightsAnalysis,
  type Tag
} from '@aws-sdk/client-ec2'
import { PORT } from './judge.js'

/**
 * The five Reachability Analyzer calls, each with its own abort signal (the wait's end, or the cleanup's
 * budget): shapes as in reference/aws/ec2-reachability-analyzer-shapes-extract.json. Every call carries
 * a ClientToken the caller keeps, so a create whose answer was lost can be sent again and AWS returns
 * the same resource (EC2 idempotency), which can then be deleted.
 */
export interface CallOptions {
  signal: AbortSignal
}

export async function createPath(
  ec2: EC2Client,
  input: { source: string; destination: string; clientToken: string; tags: Tag[] },
  { signal }: CallOptions
): Promise<string> {
  const out = await ec2.send(
    new CreateNetworkInsightsPathCommand({
      Source: input.source,
      Destination: input.destination,
      Protocol: 'tcp',
      DestinationPort: PORT,
      ClientToken: input.clientToken,
      TagSpecifications: [{ ResourceType: 'network-insights-path', Tags: input.tags }]
    }),
    { abortSignal: signal }
  )
  const id = out.NetworkInsightsPath?.NetworkInsightsPathId
  if (!id) throw malformed('CreateNetworkInsightsPath returned no NetworkInsightsPathId')
  return id
}

export async function startAnalysis(
  ec2: EC2Client,
  input: { pathId: string; clientToken: string; tags: Tag[] },
  { signal }: CallOptions
): Promise<string> {
  const out = await ec2.send(
    new StartNetworkInsightsAnalysisCommand({
      NetworkInsightsPathId: input.pathId,
      ClientToken: input.clientToken,
      TagSpecifications: [{ ResourceType: 'network-insights-analysis', Tags: input.tags }]
    }),
    { abortSignal: signal }
  )
  const id = out.NetworkInsightsAnalysis?.NetworkInsightsAnalysisId
  if (!id) throw malformed('StartNetworkInsightsAnalysis returned no NetworkInsightsAnalysisId')
  return id
}

/** At most 10 pages: a repeated or endless NextToken cannot hold the wait. */
const MAX_PAGES = 10

export async function describeAnalyses(
  ec2: EC2Client,
  query: { analysisIds: string[] } | { pathId: string },
  { signal }: CallOptions
): Promise<NetworkInsightsAnalysis[]> {
  const found: NetworkInsightsAnalysis[] = []
  let token: string | undefined
  const seen = new Set<string>()
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await ec2.send(
      new DescribeNetworkInsightsAnalysesCommand({
        ...('pathId' in query
          ? { NetworkInsightsPathId: query.pathId }
          : { NetworkInsightsAnalysisIds: query.analysisIds }),
        ...(token ? { NextToken: token } : {})
      }),
      { abortSignal: signal }
    )
    found.push(...(out.NetworkInsightsAnalyses ?? []))
    token = out.NextToken
    if (!token || seen.has(token)) break
    seen.add(token)
  }
  return found
}

export async function deleteAnalysis(ec2: EC2Client, id: string, { signal }: CallOptions): Promise<void> {
  await ec2.send(new DeleteNetworkInsightsAnalysisCommand({ NetworkInsightsAnalysisId: id }), {
    abortSignal: signal
  })
}

export async function deletePath(ec2: EC2Client, id: string, { signal }: CallOptions): Promise<void> {
  await ec2.send(new DeleteNetworkInsightsPathCommand({ NetworkInsightsPathId: id }), { abortSignal: signal })
}

function malformed(message: string): Error {
  const error = new Error(message)
  error.name = 'MalformedResponse'
  return error
}

/**
 * Whether a failed create may still have created the resource: no HTTP answer at all (timeout, reset,
 * the wait's end) or a server error. A refusal (4xx: denied, invalid, throttled past retries) created nothing.
 */
export function answerLost(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode
  const name = (error as { name?: string })?.name
  if (name === 'RequestLimitExceeded') return false
  return status === undefined || status >= 500
}
