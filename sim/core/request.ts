import type { IncomingMessage } from 'node:http'

/** Who signed a request and for what: the SigV4 credential scope `AKID/DATE/REGION/SERVICE/aws4_request`. */
export interface CredentialScope {
  accessKeyId: string
  date: string
  region: string
  service: string
}

/** One HTTP request as the simulator sees it, body read and parameters decoded. */
export interface SimRequest {
  method: string
  path: string
  query: URLSearchParams
  /** Lower-cased header names. */
  headers: Record<string, string>
  body: Buffer
  /** Query-protocol parameters: the URL query merged with a form-encoded body. */
  params: URLSearchParams
  scope: CredentialScope | undefined
}

const SCOPE = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/

function parseCredentialScope(
  authorization: string | undefined,
  query: URLSearchParams
): CredentialScope | undefined {
  const fromHeader = authorization === undefined ? null : SCOPE.exec(authorization)
  // Presigned URLs carry the scope in the query string instead of the Authorization header.
  const fromQuery = query.get('X-Amz-Credential')?.split('/')
  if (fromHeader) {
    const [, accessKeyId, date, region, service] = fromHeader
    if (accessKeyId && date && region && service) return { accessKeyId, date, region, service }
  }
  if (fromQuery && fromQuery.length === 5) {
    const [accessKeyId, date, region, service] = fromQuery
    if (accessKeyId && date && region && service) return { accessKeyId, date, region, service }
  }
  return undefined
}

export async function readRequest(req: IncomingMessage): Promise<SimRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks)
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value
  }
  const params = new URLSearchParams(url.searchParams)
  if ((headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v)
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    params,
    scope: parseCredentialScope(headers['authorization'], url.searchParams)
  }
}
