import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { EC2Client } from '@aws-sdk/client-ec2'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { S3Client } from '@aws-sdk/client-s3'
import type {
  AwsCredentialIdentity,
  DeserializeMiddleware,
  InitializeMiddleware,
  MiddlewareStack,
  RetryStrategyV2
} from '@smithy/types'
import { UserError } from '../core/errors.js'
import { credentialsError, toFactProblem } from './aws-problem.js'
import { DEFAULT_AWS_TIMEOUTS, withCallBudget, type AwsTimeouts } from './timeouts.js'
import {
  createTokenBucket,
  EC2_DESCRIBE_LIMITS,
  type TokenBucket,
  type TokenBucketLimits
} from './token-bucket.js'
import { raceSignal } from '../core/deadline.js'
import { outsideCallBudget, type BudgetClock } from './call-budget.js'

interface ClientConfig {
  region: string
  endpoint?: string
  retryMode: RetryMode
  maxAttempts: number
  credentials?: AwsCredentialIdentity
  retryStrategy?: RetryStrategyV2
  requestHandler: {
    connectionTimeout: number
    requestTimeout: number
    throwOnRequestTimeout: true
    socketTimeout: number
  }
}

/** Counts API calls by `Service:Operation` across every client made by one factory. */
export type CallCounter = Record<string, number>

/**
 * `standard`: measured faster than `adaptive` under the same EC2 throttles (docs/benchmarks.md), and with
 * every EC2 request paced by the token bucket the client-side rate limiter of `adaptive` has nothing to add.
 */
export type RetryMode = 'standard' | 'adaptive'
export const DEFAULT_RETRY_MODE: RetryMode = 'standard'

export interface AwsAccess {
  /** Credentials for calls in this region, optionally through an assumed role. */
  region: string
  roleArn?: string
}

/**
 * EC2 counts requests as they arrive, and arrivals bunch (a request that waited for a socket lands
 * beside the next one): pacing at 90% of EC2's bucket keeps every second within it, as the 550 ms
 * LookupEvents spacing does for CloudTrail.
 */
const JITTER_MARGIN = 0.9
function withJitterMargin(limits: TokenBucketLimits): TokenBucketLimits {
  return {
    burst: Math.max(1, Math.floor(limits.burst * JITTER_MARGIN)),
    refillPerSecond: limits.refillPerSecond * JITTER_MARGIN
  }
}

/** How a declared VPC is reached: its region, through its `role-arn` when it names one. */
export function accessFor(vpc: { region: string; roleArn?: string | undefined }): AwsAccess {
  return { region: vpc.region, ...(vpc.roleArn ? { roleArn: vpc.roleArn } : {}) }
}

/**
 * The role session name carries the workflow run (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT): CloudTrail records it in
 * the assumed-role ARN, so the verify step can tell this run's probes from records any other session made.
 */
export function runSessionName(env: NodeJS.ProcessEnv): string {
  const id = env.GITHUB_RUN_ID ?? ''
  const attempt = env.GITHUB_RUN_ATTEMPT || '1'
  return /^\d{1,20}$/.test(id) && /^\d{1,5}$/.test(attempt) ? `vpce-proof-${id}-${attempt}` : 'vpce-proof'
}

/**
 * Makes the SDK clients. Region and credentials come from the SDK's default chain (environment, web
 * identity from configure-aws-credentials, profiles, instance roles); endpoints only from the SDK's own
 * `AWS_ENDPOINT_URL*` variables. `role-arn` in the manifest is assumed once per role and region.
 */
export class AwsClientFactory {
  readonly calls: CallCounter = {}
  /** HTTP requests by `service:Operation`: every attempt, the SDK's retries included. */
  readonly attempts: CallCounter = {}
  /** EC2 throttles per account and region: one bucket for every EC2 request of the run there. */
  private readonly ec2Buckets = new Map<string, TokenBucket>()
  private readonly ec2Limits: TokenBucketLimits | undefined
  private readonly retryMode: RetryMode
  private readonly assumed = new Map<string, Promise<AwsCredentialIdentity>>()
  private readonly ec2 = new Map<string, EC2Client>()

  private readonly sessionName: string
  private readonly onSecret: (secret: string) => void
  private readonly timeouts: AwsTimeouts
  private readonly signal: AbortSignal | undefined

  private readonly retryStrategy: RetryStrategyV2 | undefined
  private readonly endpoint: string | undefined
  private readonly clock: (BudgetClock & { sleep: (ms: number) => Promise<void> }) | undefined

  constructor(
    options: {
      sessionName?: string
      onSecret?: (secret: string) => void
      /** Tests only: replaces the SDK's retry timing (e.g. no backoff), so "throttled past retries" is fast. */
      retryStrategy?: RetryStrategyV2
      /** Per-connection, per-attempt and per-call limits (defaults in timeouts.ts). */
      timeouts?: Partial<AwsTimeouts>
      /** The run's deadline: every call in flight is aborted when it fires. */
      signal?: AbortSignal
      /** EC2 pacing per account and region (default: EC2's documented Describe* bucket); null: none. */
      ec2Limits?: TokenBucketLimits | null
      retryMode?: RetryMode
      /** Tests only: the clock of the EC2 bucket and the call budgets (default: real time). */
      clock?: BudgetClock & { sleep: (ms: number) => Promise<void> }
      /**
       * Tests only: every client's endpoint, as `AWS_ENDPOINT_URL` would set it, so that tests with separate
       * simulators can run at once in one process (the environment is one per process).
       */
      endpoint?: string
    } = {}
  ) {
    this.sessionName = options.sessionName ?? 'vpce-proof'
    this.onSecret = options.onSecret ?? (() => undefined)
    this.retryStrategy = options.retryStrategy
    this.timeouts = { ...DEFAULT_AWS_TIMEOUTS, ...options.timeouts }
    this.signal = options.signal
    this.ec2Limits = options.ec2Limits === null ? undefined : (options.ec2Limits ?? EC2_DESCRIBE_LIMITS)
    this.retryMode = options.retryMode ?? DEFAULT_RETRY_MODE
    this.clock = options.clock
    this.endpoint = options.endpoint
  }

  async ec2For(access: AwsAccess): Promise<EC2Client> {
    const key = `${access.region}|${access.roleArn ?? ''}`
    let client = this.ec2.get(key)
    if (!client) {
      client = new EC2Client({ ...(await this.baseConfig(access)) })
      this.instrument(client, 'ec2', this.ec2BucketFor(access))
      this.ec2.set(key, client)
    }
    return client
  }

  async stsFor(access: AwsAccess): Promise<STSClient> {
    const client = new STSClient({ ...(await this.baseConfig(access)) })
    this.instrument(client, 'sts')
    return client
  }

  async cloudTrailFor(access: AwsAccess): Promise<CloudTrailClient> {
    // The evidence poller paces itself under the 2 requests/second limit; SDK retries would add
    // requests it cannot see, so it gets exactly one attempt per call.
    const client = new CloudTrailClient({ ...(await this.baseConfig(access)), maxAttempts: 1 })
    this.instrument(client, 'cloudtrail')
    return client
  }

  /**
   * S3, for the opt-in access-log evidence only: the SDK client is imported on first use, so a run without
   * `access-log` never loads it. `maxAttempts: 1` for the probe (one request, one log line to find).
   * `webpackMode: eager`: ncc keeps it in the one bundle file (no chunk file to ship, or to forget at a
   * release), and still runs the module only when this is first called.
   */
  async s3For(access: AwsAccess, options: { maxAttempts?: number } = {}): Promise<S3Client> {
    const { S3Client } = await import(/* webpackMode: "eager" */ '@aws-sdk/client-s3')
    const { retryStrategy, ...base } = await this.baseConfig(access)
    const retries = options.maxAttempts
      ? { maxAttempts: options.maxAttempts }
      : retryStrategy
        ? { retryStrategy }
        : {}
    const client = new S3Client({ ...base, ...retries })
    this.instrument(client, 's3')
    return client
  }

  /**
   * CloudWatch for the PrivateLink metrics (opt-in): the SDK client is loaded only here, so runs that do not
   * turn the method on never load it. Standard retries, timeouts and the run's deadline like every client.
   */
  async cloudWatchFor(access: AwsAccess): Promise<CloudWatchClient> {
    const { CloudWatchClient } = await import('@aws-sdk/client-cloudwatch')
    const client = new CloudWatchClient({ ...(await this.baseConfig(access)) })
    this.instrument(client, 'cloudwatch')
    return client
  }

  /** The credentials a client for this access would use (the probes sign with the same ones). */
  async credentialsFor(access: AwsAccess): Promise<AwsCredentialIdentity> {
    const config = await this.baseConfig(access)
    if (config.credentials) return config.credentials
    const probe = new STSClient({ region: access.region })
    try {
      const credentials = await probe.config.credentials()
      this.maskCredentials(credentials)
      return credentials
    } catch (error) {
      throw credentialsError(error)
    }
  }

  /** Default-chain credentials (web identity, SSO, instance role) are masked like assumed ones. */
  private maskCredentials(c: AwsCredentialIdentity): void {
    for (const value of [c.accessKeyId, c.secretAccessKey, c.sessionToken]) if (value) this.onSecret(value)
  }

  /** The account of the caller, for the manifest's `account` assertion. */
  async callerAccount(access: AwsAccess): Promise<string> {
    const sts = await this.stsFor(access)
    const out = await sts.send(new GetCallerIdentityCommand({}))
    return out.Account ?? ''
  }

  private async baseConfig(access: AwsAccess): Promise<ClientConfig> {
    const base: ClientConfig = {
      region: access.region,
      ...(this.endpoint ? { endpoint: this.endpoint } : {}),
      retryMode: this.retryMode,
      maxAttempts: 6,
      ...(this.retryStrategy ? { retryStrategy: this.retryStrategy } : {}),
      requestHandler: this.handlerOptions()
    }
    if (!access.roleArn) return base
    return { ...base, credentials: await this.assume(access.roleArn, access.region) }
  }

  private assume(roleArn: string, region: string): Promise<AwsCredentialIdentity> {
    const key = `${region}|${roleArn}`
    let pending = this.assumed.get(key)
    if (!pending) {
      pending = (async () => {
        const sts = new STSClient({
          region,
          ...(this.endpoint ? { endpoint: this.endpoint } : {}),
          retryMode: this.retryMode,
          maxAttempts: 6,
          requestHandler: this.handlerOptions()
        })
        this.instrument(sts, 'sts')
        try {
          const out = await sts.send(
            new AssumeRoleCommand({
              RoleArn: roleArn,
              RoleSessionName: this.sessionName,
              DurationSeconds: 3600
            })
          )
          const c = out.Credentials
          if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials')
          // Mask before anything could log them (the Actions log redacts registered secrets).
          this.onSecret(c.AccessKeyId)
          this.onSecret(c.SecretAccessKey)
          if (c.SessionToken) this.onSecret(c.SessionToken)
          return {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration
          }
        } catch (error) {
          const problem = toFactProblem(error, 'sts:AssumeRole')
          throw new UserError(
            `Could not assume ${roleArn} in ${region}: ${problem.code}: ${problem.message}. ` +
              'Check the role trust policy allows the runner credentials (sts:AssumeRole).'
          )
        }
      })()
      this.assumed.set(key, pending)
    }
    return pending
  }

  /**
   * The SDK's node HTTP handler: a connection that does not open, response headers that do not arrive,
   * or a socket that goes idle each end the attempt (and the SDK retries it).
   */
  private handlerOptions(): ClientConfig['requestHandler'] {
    return {
      connectionTimeout: this.timeouts.connectMs,
      requestTimeout: this.timeouts.attemptMs,
      throwOnRequestTimeout: true,
      socketTimeout: this.timeouts.idleMs
    }
  }

  /**
   * EC2 throttles per account and region. The account is the role's when the manifest names one, else
   * the default credentials' (one bucket for all of those in the region).
   */
  private ec2BucketFor(access: AwsAccess): TokenBucket | undefined {
    if (!this.ec2Limits) return undefined
    const account = /^arn:[^:]+:iam::(\d{12}):/.exec(access.roleArn ?? '')?.[1] ?? 'default'
    const key = `${access.region}|${account}`
    let bucket = this.ec2Buckets.get(key)
    if (!bucket) {
      bucket = createTokenBucket(
        withJitterMargin(this.ec2Limits),
        this.clock ? { now: () => this.clock!.now(), sleep: ms => this.clock!.sleep(ms) } : {}
      )
      this.ec2Buckets.set(key, bucket)
    }
    return bucket
  }

  /** Counts calls and attempts, paces EC2, and bounds every call (retries and a trickling body included) by time. */
  private instrument(
    client: { middlewareStack: unknown; send: unknown },
    service: string,
    bucket?: TokenBucket
  ): void {
    this.count(client, service)
    this.perAttempt(client, service, bucket)
    withCallBudget(client as Parameters<typeof withCallBudget>[0], {
      callMs: this.timeouts.callMs,
      ...(this.signal ? { signal: this.signal } : {}),
      ...(this.clock ? { clock: this.clock } : {})
    })
  }

  /**
   * Runs inside the SDK's retry loop (the retry middleware is in finalizeRequest) and last before the
   * HTTP handler, so every attempt takes a token and is counted, retries included, and a request goes
   * out as soon as it has its token (what EC2 counts is its arrival). The wait is outside the call's
   * own budget (the queue is not the call's time) and inside the run's deadline.
   */
  private perAttempt(client: { middlewareStack: unknown }, service: string, bucket?: TokenBucket): void {
    const signal = this.signal
    const paced: DeserializeMiddleware<object, object> = (next, context) => async args => {
      if (bucket) await outsideCallBudget(raceSignal(bucket.acquire(), signal))
      const key = `${service}:${String(context.commandName ?? 'unknown').replace(/Command$/, '')}`
      this.attempts[key] = (this.attempts[key] ?? 0) + 1
      return next(args)
    }
    ;(client.middlewareStack as MiddlewareStack<object, object>).add(paced, {
      step: 'deserialize',
      priority: 'low',
      name: 'vpceProofAttemptPacing'
    })
  }

  private count(client: { middlewareStack: unknown }, service: string): void {
    const counter: InitializeMiddleware<object, object> = (next, context) => args => {
      const key = `${service}:${String(context.commandName ?? 'unknown').replace(/Command$/, '')}`
      this.calls[key] = (this.calls[key] ?? 0) + 1
      return next(args)
    }
    ;(client.middlewareStack as MiddlewareStack<object, object>).add(counter, {
      step: 'initialize',
      name: 'vpceProofCallCounter'
    })
  }
}
