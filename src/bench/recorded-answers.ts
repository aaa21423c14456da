/**
 * The same-bytes baseline: each endpoint's answer is recorded from the API once (status, every
 * header, body) and a bare node:http server replays it. The ratio of an endpoint to that server is
 * then the cost of the API's own work per request, not of the size of its answer or of the
 * headers every answer must carry (CORS, security, caching, rate limit), which bare node:http
 * pays for in the same way.
 */
export interface RecordedAnswer {
  key: string
  /** The request's path and query. */
  path: string
  status: number
  /** Flat, as writeHead takes them; without those Node writes itself (Date, Connection, Keep-Alive). */
  headers: string[]
  bodyBase64: string
}

export interface RequestToRecord {
  method?: 'GET' | 'POST'
  path: string
  body?: string
  headers?: Record<string, string>
}

/** Headers Node's HTTP server adds to every answer on its own. */
const WRITTEN_BY_NODE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding'])

/** How a replaying server finds the answer for a request: method, URL and whether it is conditional. */
export function answerKey (method: string, url: string, conditional: boolean): string {
  return `${method} ${url}${conditional ? ' (conditional)' : ''}`
}

export async function recordAnswer (base: string, request: RequestToRecord): Promise<RecordedAnswer> {
  const response = await fetch(`${base}${request.path}`, { method: request.method ?? 'GET', body: request.body, headers: request.headers })
  const body = Buffer.from(await response.arrayBuffer())
  const headers: string[] = []
  response.headers.forEach((value, name) => {
    if (!WRITTEN_BY_NODE.has(name)) headers.push(name, value)
  })
  const conditional = request.headers?.['if-none-match'] !== undefined
  return { key: answerKey(request.method ?? 'GET', request.path, conditional), path: request.path, status: response.status, headers, bodyBase64: body.toString('base64') }
}
