import type { IncomingMessage, IncomingHttpHeaders, ServerResponse } from 'node:http'
import { RateLimiter, type RateLimitDecision } from './rate-limiter.js'
import type { RequestIds } from './request-ids.js'
import type { CachedRepresentation, RepresentationLookup } from './representation-cache.js'
import { ifNoneMatchMatches, langParameter, representationKey } from './representation-key.js'
import { HeadEnding, prepareHead, takesPreparedHead, writePreparedHead, type PreparedHead } from './prepared-head.js'
import { pathOf } from './url-path.js'

/** Requests whose URL is longer than this are answered by Fastify (with a 414). */
export const MAX_URL_LENGTH = 2048

/**
 * POST bodies up to this size, with a declared length, are read by the fast path to look their
 * answer up; others go to Fastify as they arrive. A threat model is a few hundred bytes.
 */
export const MAX_KEYED_BODY_BYTES = 16 * 1024

/** Where the fast path leaves its rate-limit decision for Fastify, so a request is counted once. */
export const RATE_LIMIT_DECISION = Symbol('rate-limit decision')
/** Where the fast path leaves a body it has read, for Fastify to parse instead of the spent stream. */
export const BUFFERED_BODY = Symbol('buffered body')
export type FastPathRequest = IncomingMessage & { [RATE_LIMIT_DECISION]?: RateLimitDecision, [BUFFERED_BODY]?: Buffer }

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void

interface RequestLog {
  level: string
  info: (object: object, message: string) => void
  debug: (object: object, message: string) => void
}

const LOGS_INFO = new Set(['info', 'debug', 'trace'])

export interface FastPathOptions {
  cache: RepresentationLookup
  limiter: RateLimiter
  /** Fastify's request ids come from the same source. */
  requestIds: RequestIds
  /** The server's keep-alive timeout, which a kept-alive answer's head states. */
  keepAliveTimeoutMs: number
}

/**
 * An entry's 200 or 304, made once: its head, written for a kept-alive HTTP/1.1 request, and its
 * recorded headers with places for the request's own values, for writeHead otherwise.
 */
interface PreparedAnswer {
  head: PreparedHead
  headers: string[]
  idSlot: number
  /** -1 when the limiter is off. */
  rateLimitSlot: number
}

/**
 * The key of a POST answer that depends only on the release, the body and the representation
 * asked for: the body's exact bytes and type, on top of what keys a GET. Two spellings of one
 * model are two keys, which costs one more computation and never a wrong answer.
 */
export function bodyKey (url: string, headers: IncomingHttpHeaders, body: Buffer): string {
  return `POST\0${representationKey(url, langParameter(url), headers['accept-language'], headers.accept)}\0${headers['content-type'] ?? ''}\0${body.toString('latin1')}`
}

/**
 * Answers requests whose representation is already in memory straight from the HTTP server,
 * before Fastify builds a request, runs hooks or routes: the bytes and every header that does not
 * vary were recorded when Fastify made the first answer, so the only work left per request is
 * one key, one map lookup, the rate limit and one write. GETs are looked up at once; a POST to a
 * path whose answers depend only on the body (registered in `bodyKeyedPaths`) is looked up once
 * its small body has arrived. Anything else (a miss, another method, a limited client, shutdown,
 * pressure) goes through Fastify as usual, a read body with it.
 */
export class FastPath {
  /** Set by the app once its logger exists; requests are logged as Fastify logs them. */
  log: RequestLog | undefined
  /** Set by the app once it can tell (under-pressure); pressure is Fastify's to answer. */
  isUnderPressure: () => boolean = () => false
  /** Paths (as routed, with and without a trailing slash) whose POST answers are keyed by body. */
  readonly bodyKeyedPaths = new Set<string>()
  private closing = false
  private readonly policyHeader: string
  private readonly prepared = new WeakMap<CachedRepresentation, { ok: PreparedAnswer, notModified: PreparedAnswer }>()
  private readonly headEnding: HeadEnding

  constructor (private readonly options: FastPathOptions) {
    this.policyHeader = options.limiter.policyHeader
    this.headEnding = new HeadEnding(options.keepAliveTimeoutMs)
  }

  /** From now on every request goes through Fastify, which answers 503 while closing. */
  close (): void {
    this.closing = true
  }

  /**
   * True when the fast path has taken the request: it answered, or it is reading a body and will
   * answer or hand the request to `fallback` once the body is in. False: hand it over now.
   */
  answer (request: IncomingMessage, response: ServerResponse, fallback?: RequestHandler): boolean {
    if (this.closing) return false
    const url = request.url ?? '/'
    if (url.length > MAX_URL_LENGTH) return false
    const headers = request.headers
    if (request.method === 'GET') {
      return this.answerFromMemory(request, response, representationKey(url, langParameter(url), headers['accept-language'], headers.accept), true)
    }
    if (request.method === 'POST' && fallback !== undefined && this.bodyKeyedPaths.has(pathOf(url))) {
      return this.readBodyThenAnswer(request, response, fallback)
    }
    return false
  }

  private readBodyThenAnswer (request: FastPathRequest, response: ServerResponse, fallback: RequestHandler): boolean {
    const length = Number(request.headers['content-length'])
    // A chunked or large upload is Fastify's to read and bound (413) as it comes.
    if (!(length > 0 && length <= MAX_KEYED_BODY_BYTES) || request.headers['transfer-encoding'] !== undefined) return false
    this.log?.debug({ req: { method: request.method, url: request.url } }, 'reading the body to look the answer up')
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    // A client that goes away mid-body leaves nothing to answer; Node closes the socket.
    request.on('error', () => {})
    request.once('end', () => {
      const body = Buffer.concat(chunks)
      // Taken before closing began, this request is in flight and is answered even if closing has
      // begun since: from memory, or by Fastify, which lets a request with a read body through.
      request[BUFFERED_BODY] = body
      if (this.answerFromMemory(request, response, bodyKey(request.url ?? '/', request.headers, body), false)) return
      fallback(request, response)
    })
    return true
  }

  private answerFromMemory (request: FastPathRequest, response: ServerResponse, key: string, conditional: boolean): boolean {
    const entry = this.options.cache.get(key)
    if (entry === undefined || this.isUnderPressure()) return false
    let decision: RateLimitDecision | undefined
    if (this.options.limiter.enabled) {
      decision = this.options.limiter.take(request.socket.remoteAddress ?? '')
      if (!decision.allowed) {
        // Fastify answers the 429, with this decision: the request is counted once.
        request[RATE_LIMIT_DECISION] = decision
        return false
      }
    }
    const logs = this.log !== undefined && LOGS_INFO.has(this.log.level)
    const started = logs ? performance.now() : 0
    const ifNoneMatch = conditional ? request.headers['if-none-match'] : undefined
    const notModified = ifNoneMatch !== undefined && ifNoneMatchMatches(ifNoneMatch, entry.etag)
    const prepared = this.preparedFor(entry)
    const { head, headers, idSlot, rateLimitSlot } = notModified ? prepared.notModified : prepared.ok
    const id = this.options.requestIds.next()
    const rateLimit = decision === undefined ? '' : RateLimiter.header(decision)
    if (!this.closing && takesPreparedHead(request, response)) {
      writePreparedHead(response, head.status, head.beforeId + id + head.afterId + rateLimit + head.afterRateLimit + this.headEnding.current())
    } else {
      // The prepared array is shared by every request for this entry: it is filled here and read
      // by writeHead, which copies it into the response head at once, before anything else can run.
      headers[idSlot] = id
      if (decision !== undefined) headers[rateLimitSlot] = rateLimit
      // Closing began while this request's body was on its way: the connection ends with the answer.
      response.writeHead(head.status, this.closing ? headers.concat('connection', 'close') : headers)
    }
    if (notModified) response.end()
    else response.end(entry.payload)
    if (logs) {
      // The logger's request serializer keeps the path and drops the query, as for every request.
      this.log?.info({ requestId: id, req: { method: request.method, url: request.url }, res: { statusCode: notModified ? 304 : 200 }, responseTime: performance.now() - started }, 'request completed from memory')
    }
    return true
  }

  /**
   * The heads and headers of an entry's 200 and 304, made once per entry: checking, copying and
   * joining two dozen headers for every answer was a tenth of the time of an answer from memory.
   */
  private preparedFor (entry: CachedRepresentation): { ok: PreparedAnswer, notModified: PreparedAnswer } {
    let prepared = this.prepared.get(entry)
    if (prepared === undefined) {
      prepared = { ok: this.prepare(200, entry.allHeaders, entry.payload.length), notModified: this.prepare(304, entry.notModifiedHeaders) }
      this.prepared.set(entry, prepared)
    }
    return prepared
  }

  private prepare (status: number, recorded: string[], contentLength?: number): PreparedAnswer {
    const enabled = this.options.limiter.enabled
    const head = prepareHead(status, recorded, enabled ? this.policyHeader : undefined, contentLength)
    const headers = recorded.concat('x-request-id', '')
    const idSlot = headers.length - 1
    let rateLimitSlot = -1
    if (enabled) {
      headers.push('ratelimit-policy', this.policyHeader, 'ratelimit', '')
      rateLimitSlot = headers.length - 1
    }
    if (contentLength !== undefined) headers.push('content-length', String(contentLength))
    return { head, headers, idSlot, rateLimitSlot }
  }
}
