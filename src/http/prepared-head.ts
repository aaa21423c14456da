import { STATUS_CODES, validateHeaderName, validateHeaderValue, type IncomingMessage, type ServerResponse } from 'node:http'

/**
 * The head of an answer from memory, written once per entry: status line and every header that
 * does not change between requests, already checked and joined, with places left for the
 * request's own values (its id and its RateLimit value). Sending a list of headers through
 * `writeHead` checks every name and value against two regular expressions, lower-cases most
 * names and joins some hundred strings, for every answer, although only two values changed:
 * that was a tenth of the time of an answer from memory, and a third of what it allocated.
 */
export interface PreparedHead {
  status: number
  /** The status line and the unchanging headers, ending with `x-request-id: `. */
  beforeId: string
  /** After the id: up to `ratelimit: ` when the limiter is on, else the rest of the head. */
  afterId: string
  /** After the RateLimit value: the rest of the head ('' when the limiter is off). */
  afterRateLimit: string
}

/** What Node's ServerResponse keeps of a head once written; see writePreparedHead. */
interface ResponseHeadState {
  _header: string | null
  _hasBody: boolean
}

/**
 * A string's characters in one flat piece, made once: a head joined from parts is a tree of
 * pieces that V8 would otherwise walk on every answer it is part of.
 */
function flat (text: string): string {
  return Buffer.from(text, 'latin1').toString('latin1')
}

/**
 * `headers` is flat, as writeHead takes it; each name and value is checked here as Node checks
 * it, so a bad one throws now and not while answering. `rateLimitPolicy` is undefined when the
 * limiter is off; `contentLength` when the answer has no body.
 */
export function prepareHead (status: number, headers: string[], rateLimitPolicy: string | undefined, contentLength?: number): PreparedHead {
  let lines = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'unknown'}\r\n`
  for (let index = 0; index < headers.length; index += 2) {
    const name = headers[index] as string
    const value = headers[index + 1] as string
    validateHeaderName(name)
    validateHeaderValue(name, value)
    lines += `${name}: ${value}\r\n`
  }
  const rest = contentLength === undefined ? '' : `content-length: ${contentLength}\r\n`
  if (rateLimitPolicy === undefined) {
    return { status, beforeId: flat(`${lines}x-request-id: `), afterId: flat(`\r\n${rest}`), afterRateLimit: '' }
  }
  validateHeaderValue('ratelimit-policy', rateLimitPolicy)
  return {
    status,
    beforeId: flat(`${lines}x-request-id: `),
    afterId: flat(`\r\nratelimit-policy: ${rateLimitPolicy}\r\nratelimit: `),
    afterRateLimit: flat(`\r\n${rest}`)
  }
}

/**
 * Whether Node would end this response's head with the keep-alive headers a prepared head ends
 * with, and nothing else of the request or response changes the head: an HTTP/1.1 request whose
 * connection stays open, and no header set on the response before (the closing server sets
 * `Connection: close`). Any other request is answered through writeHead.
 */
export function takesPreparedHead (request: IncomingMessage, response: ServerResponse): boolean {
  return request.httpVersionMajor === 1 && request.httpVersionMinor === 1 && response.shouldKeepAlive && !response.hasHeader('connection')
}

/**
 * The lines Node ends a kept-alive answer's head with, `Date` included, made once a second as
 * Node makes its own: `Date`, `Connection: keep-alive` and `Keep-Alive: timeout=N` (N the
 * server's keep-alive timeout in whole seconds; none when it has no such timeout). The server
 * sets no maximum of requests per connection, which Node would state there too.
 */
export class HeadEnding {
  private ending = ''
  private expiresAt = 0
  private readonly connection: string

  constructor (keepAliveTimeoutMs: number, private readonly now: () => number = Date.now) {
    const keepAlive = keepAliveTimeoutMs > 0 ? `Keep-Alive: timeout=${Math.floor(keepAliveTimeoutMs / 1000)}\r\n` : ''
    this.connection = `Connection: keep-alive\r\n${keepAlive}\r\n`
  }

  current (): string {
    const now = this.now()
    if (now >= this.expiresAt) {
      this.ending = flat(`Date: ${new Date(now).toUTCString()}\r\n${this.connection}`)
      this.expiresAt = now - (now % 1000) + 1000
    }
    return this.ending
  }
}

/**
 * Gives `response` a head that is already written, as writeHead would have left it: the status,
 * the head itself in `_header` (which end() sends with the body, in one write, as it does after
 * writeHead) and, for a 304, no body. `_header` and `_hasBody` are OutgoingMessage's own fields,
 * the ones writeHead sets and end() reads, unchanged across Node's releases for years but not
 * documented: test/http/prepared-head.test.ts holds a prepared answer byte for byte to the one
 * writeHead makes on the Node that runs it, so a Node that changes them fails there.
 */
export function writePreparedHead (response: ServerResponse, status: number, head: string): void {
  response.statusCode = status
  response.statusMessage = STATUS_CODES[status] ?? 'unknown'
  const state = response as unknown as ResponseHeadState
  state._header = head
  if (status === 304) state._hasBody = false
}
