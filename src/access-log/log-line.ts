/**
 * One S3 server access log record, parsed from the documented format (reference: S3 User Guide, "Amazon S3
 * server access log format"; /work/shared/reference/aws/s3-server-access-log-format.json): space-delimited
 * fields in a fixed order, `Time` in brackets, `Request-URI`, `Referer` and `User-Agent` in double quotes,
 * `-` for "unknown or not applicable", and fields AWS may append at the end (ignored here).
 *
 * The log's text is partly the requester's (User-Agent, Referer, Request-URI): a line is accepted only when the
 * fields read here have their documented shapes, so a crafted header cannot pass for a record.
 */
export const FIELD_ORDER = [
  'Bucket Owner',
  'Bucket',
  'Time',
  'Remote IP',
  'Requester',
  'Request ID',
  'Operation',
  'Key',
  'Request-URI',
  'HTTP status',
  'Error Code',
  'Bytes Sent',
  'Object Size',
  'Total Time',
  'Turn-Around Time',
  'Referer',
  'User-Agent',
  'Version Id',
  'Host Id',
  'Signature Version',
  'Cipher Suite',
  'Authentication Type',
  'Host Header',
  'TLS version',
  'Access Point ARN',
  'aclRequired'
] as const

export interface AccessLogRecord {
  bucket: string
  /** ISO time the request was received (UTC). */
  time: string
  /** `-` when S3 did not know it. */
  remoteIp: string
  requestId: string
  operation: string
  /** The Request-URI field without its quotes, e.g. `HEAD /bucket?x-foo=bar HTTP/1.1`. */
  requestUri: string
  httpStatus?: number
  errorCode?: string
  /** `x-amz-id-2`, when the line has the field and it is not `-`. */
  hostId?: string
  /** Every field, in order, as tokens (quotes and brackets removed). */
  fields: string[]
}

export type ParsedLine = { ok: true; record: AccessLogRecord } | { ok: false; reason: string }

/** The first 9 fields (up to Request-URI) carry everything the check reads; older records have fewer than 26. */
const MIN_FIELDS = 9

/** Splits a record into tokens: `[...]` and `"..."` are one token each; others end at a space. */
export function tokenize(line: string): string[] | undefined {
  const tokens: string[] = []
  let i = 0
  const n = line.length
  while (i < n) {
    if (line[i] === ' ') {
      i++
      continue
    }
    const open = line[i]
    if (open === '[' || open === '"') {
      const close = open === '[' ? ']' : '"'
      const end = line.indexOf(close, i + 1)
      if (end < 0) return undefined
      tokens.push(line.slice(i + 1, end))
      i = end + 1
      // A closing quote or bracket must end the field.
      if (i < n && line[i] !== ' ') return undefined
      continue
    }
    let end = line.indexOf(' ', i)
    if (end < 0) end = n
    tokens.push(line.slice(i, end))
    i = end
  }
  return tokens
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/**
 * `[%d/%b/%Y:%H:%M:%S %z]` (the copy-operation section of the page says `%B`, the full month name: both
 * accepted), e.g. `06/Feb/2019:00:00:38 +0000`.
 */
export function parseLogTime(value: string): string | undefined {
  const m = /^(\d{2})\/([A-Za-z]{3,9})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(value)
  if (!m) return undefined
  const [, dd, mon, yyyy, hh, mi, ss, sign, zh, zm] = m
  const month = MONTHS.indexOf(mon!.slice(0, 3).toLowerCase())
  if (month < 0) return undefined
  const [y, d, h, min, sec] = [Number(yyyy), Number(dd), Number(hh), Number(mi), Number(ss)]
  // 31/Feb or 25:00 are not times: Date.UTC would roll them over silently.
  if (new Date(Date.UTC(y, month, d)).getUTCDate() !== d || h > 23 || min > 59 || sec > 60) return undefined
  const offsetMin = (Number(zh) * 60 + Number(zm)) * (sign === '-' ? -1 : 1)
  return new Date(Date.UTC(y, month, d, h, min, sec) - offsetMin * 60_000).toISOString()
}

/** S3 request ids: upper-case letters and digits (16 in every sample); generous bounds, no other characters. */
const REQUEST_ID = /^[A-Z0-9]{8,64}$/
const OPERATION = /^[A-Z0-9_]+(\.[A-Z0-9_]+)+$/
/** Legacy us-east-1 buckets (and AWS's own example, DOC-EXAMPLE-BUCKET1) have upper case and underscores. */
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$/
const REMOTE_IP = /^(-|[0-9A-Fa-f:.]{2,45})$/
const REQUEST_URI = /^[A-Z]{3,10} \S{1,8192} HTTP\/\d(\.\d)?$/
/** Control characters never belong in a record: a line holding one is not read (a forged line break or escape). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

export function parseLogLine(line: string): ParsedLine {
  if (CONTROL.test(line)) return { ok: false, reason: 'control character' }
  const tokens = tokenize(line)
  if (!tokens) return { ok: false, reason: 'unbalanced quote or bracket' }
  if (tokens.length < MIN_FIELDS) return { ok: false, reason: `${tokens.length} fields` }
  const [, bucket, rawTime, remoteIp, , requestId, operation, , requestUri] = tokens as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    ...string[]
  ]
  const time = parseLogTime(rawTime)
  if (!BUCKET.test(bucket)) return { ok: false, reason: 'bucket' }
  if (!time) return { ok: false, reason: 'time' }
  if (!REMOTE_IP.test(remoteIp)) return { ok: false, reason: 'remote ip' }
  if (!REQUEST_ID.test(requestId)) return { ok: false, reason: 'request id' }
  if (!OPERATION.test(operation)) return { ok: false, reason: 'operation' }
  if (!REQUEST_URI.test(requestUri) && requestUri !== '-') return { ok: false, reason: 'request uri' }
  const status = tokens[9]
  const errorCode = tokens[10]
  const hostId = tokens[18]
  return {
    ok: true,
    record: {
      bucket,
      time,
      remoteIp,
      requestId,
      operation,
      requestUri,
      ...(status && /^\d{3}$/.test(status) ? { httpStatus: Number(status) } : {}),
      ...(errorCode && errorCode !== '-' ? { errorCode } : {}),
      ...(hostId && hostId !== '-' ? { hostId } : {}),
      fields: tokens
    }
  }
}

/** The value of one query parameter in a Request-URI (`HEAD /b?x-a=1 HTTP/1.1`), decoded; undefined when absent. */
export function requestUriParam(requestUri: string, name: string): string | undefined {
  const target = requestUri.split(' ')[1] ?? ''
  const q = target.indexOf('?')
  if (q < 0) return undefined
  try {
    return new URLSearchParams(target.slice(q + 1)).get(name) ?? undefined
  } catch {
    return undefined
  }
}
