import { z } from 'zod'
import type { EndpointLink } from '../evidence/probe-record.js'

/**
 * The access-log probe as the ledger keeps it: which request to look for in the log (S3's request id and
 * x-amz-id-2), the run marker it carried, and when it went. Codes only, never an AWS message; the bucket names
 * are kept to compare against the manifest, never to decide where to look (the manifest says that).
 */
export interface AccessLogProbe {
  link: EndpointLink
  bucket: string
  logBucket: string
  logPrefix: string
  /** The `x-vpce-proof-probe` query parameter the request carried (S3 logs it in Request-URI). */
  marker: string
  sentAt: string
  durationMs: number
  /** The answer's Date header, as ISO (S3's clock, which the log's Time field also uses). */
  serviceDate?: string
  httpStatus?: number
  requestId?: string
  hostId?: string
  errorCode?: string
  /** No HTTP answer (DNS, refused, timeout, the deadline). */
  networkError?: { code: string; message: string }
}

/** The query parameter the probe adds: S3 ignores `x-` parameters but logs them in the Request-URI field. */
export const MARKER_PARAM = 'x-vpce-proof-probe'

const location = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  endLine: z.number().int().optional(),
  endColumn: z.number().int().optional()
})

const short = z.string().max(256)
/** The ledger is the build step's to rewrite: what reaches a message has the shape S3 gives it, nothing else. */
const code = z.string().regex(/^[\w.-]{1,64}$/)

export const accessLogProbeSchema = z.object({
  link: z.object({
    vpcId: z.string().min(1),
    region: z.string().min(1),
    service: z.string().min(1),
    serviceName: z.string(),
    type: z.enum(['Interface', 'Gateway']),
    declaredEndpointId: z.string().optional(),
    privateDns: z.boolean(),
    location
  }),
  bucket: short,
  logBucket: short,
  logPrefix: z.string().max(512),
  marker: z.string().regex(/^[\w.-]{1,128}$/),
  sentAt: z.iso.datetime(),
  durationMs: z.number(),
  serviceDate: z.iso.datetime().optional(),
  httpStatus: z.number().int().optional(),
  requestId: z
    .string()
    .regex(/^[A-Z0-9]{8,64}$/)
    .optional(),
  hostId: z
    .string()
    .regex(/^[A-Za-z0-9+/=]{1,256}$/)
    .optional(),
  errorCode: code.optional(),
  networkError: z.object({ code, message: short }).optional()
})

/** Error text stays out of the file, as for the other probes: an AWS message can echo the request. */
export function accessLogCodesOnly(p: AccessLogProbe): AccessLogProbe {
  return p.networkError
    ? { ...p, networkError: { code: p.networkError.code, message: p.networkError.code } }
    : p
}
