import type { SourceLocation } from '../model/location.js'
import type { ManifestProblem } from './errors.js'

export type { SourceLocation } from '../model/location.js'

export type EndpointType = 'Interface' | 'Gateway'

/** One endpoint as declared, normalised (full service name, defaults applied). */
export interface EndpointDeclaration {
  /** Full service name, e.g. com.amazonaws.ap-northeast-1.sns. */
  serviceName: string
  /** The short name the probe table is keyed by, e.g. `sns`, `ecr.api`, `s3`. */
  service: string
  type: EndpointType
  /** Pinned endpoint id; when absent the endpoint is found by service name in the VPC. */
  id?: string
  /** Interface only: private DNS names must be on. Defaults to true for Interface endpoints. */
  privateDns: boolean
  /** Interface: an endpoint ENI must sit in each. Gateway: the route must be in the table each subnet uses. */
  subnets: string[]
  /** Gateway only: the endpoint route must be in each of these tables. */
  routeTables: string[]
  /** `undefined` = the service's default probe; `false` = no probe; otherwise `service:Operation`. */
  probe?: string | false
  /** S3 only, opt-in: server access log evidence (src/access-log/). */
  accessLog?: AccessLogDeclaration
  location: SourceLocation
  /** Where each declared field's value is, keyed as written (`private-dns`, `subnets`, `subnets[1]`). */
  fieldLocations?: Record<string, SourceLocation>
}

/** `access-log:` of an S3 endpoint: the probed bucket and where its server access logs are delivered. */
export interface AccessLogDeclaration {
  bucket: string
  logBucket: string
  /** The logging configuration's target prefix ('' for none). */
  logPrefix: string
  /** SimplePrefix or PartitionedPrefix key format. */
  keyFormat: 'simple' | 'partitioned'
}

export interface VpcDeclaration {
  id: string
  region: string
  account?: string
  roleArn?: string
  /** Reachability Analyzer: where paths start (eni- or i-); default the runner's network interface. */
  reachabilitySource?: string
  /** `egress`: the internet egress the runner subnet should have; undefined = not checked. */
  egress?: 'none' | 'allowed'
  endpoints: EndpointDeclaration[]
  location: SourceLocation
  /** Where each declared field's value is, keyed as written (`id`, `region`, `role-arn`). */
  fieldLocations?: Record<string, SourceLocation>
}

/** One `ignore:` entry: findings of `rule` in the scope are suppressed (shown, not counted) until `expires`. */
export interface IgnoreEntry {
  rule: string
  vpc?: string
  /** Declared service short name, e.g. `kms`, `ecr.api`. */
  service?: string
  endpoint?: string
  reason: string
  /** `YYYY-MM-DD`, the last day (UTC) it holds. */
  expires?: string
  location: SourceLocation
}

export interface Manifest {
  /** Path as the user gave it (used in annotations, so relative to the workspace where possible). */
  file: string
  version: 1
  vpcs: VpcDeclaration[]
  /** Known exceptions (`ignore:`); absent when the manifest has none. */
  ignore?: IgnoreEntry[]
  /** Located doubts that do not stop the run (an unknown service name); the run prints each as a warning. */
  warnings?: ManifestProblem[]
}
