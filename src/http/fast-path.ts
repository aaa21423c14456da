import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RateLimiter, type RateLimitDecision } from './rate-limiter.js'
import type { RepresentationCache } from './representation-cache.js'
import { ifNoneMatchMatches, langParameter, representationKey } from './representation-key.js'

/** Requests whose URL is longer than this are answered by Fastify (with a 414). */
export const MAX_URL_LENGTH = 2048

/** Where the fast path leaves its rate-limit decision for Fastify, so a request is counted once. */
export const RATE_LIMIT_DECISION = Symbol('rate-limit decision')
export type RequestWithDecision = IncomingMessage & { [RATE_LIMIT_DECISION]?: RateLimitDecision }

interface RequestLog {
  level: string
  info: (object: object, message: string) => void
}

const LOGS_INFO = new Set(['info', 'debug', 'trace'])

export interface FastPathOptions {
  cache: RepresentationCache
  limiter: RateLimiter
}

/**
 * Answers GETs for release-bound representations that are already in memory straight from the
 * HTTP server, before Fastify builds a request, runs hooks or routes: the bytes and every header
 * that does not vary were recorded when Fastify made the first answer, so the only work left per
 * request is one key, one map lookup, the rate limit and one write. Anything else (a miss, another
 * method, a limited client, shutdown, pressure) returns false and goes through Fastify as usual.
 */
export class FastPath {
  /** Set by the app once its logger exists; requests are logged as Fastify logs them. */
  log: RequestLog | undefined
  /** Set by the app once it can tell (under-pressure); pressure is Fastify's to answer. */
  isUnderPressure: () => boolean = () => false
  private closing = false
  private readonly policyHeader: string

  constructor (private readonly options: FastPathOptions) {
    this.policyHeader = options.limiter.policyHeader
  }

  /** From now on every request goes through Fastify, which answers 503 while closing. */
  close (): void {
    this.closing = true
  }

  answer (request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== 'GET' || this.closing) return false
    const url = request.url ?? '/'
    if (url.length > MAX_URL_LENGTH) return false
    const headers = request.headers
    const entry = this.options.cache.get(representationKey(url, langParameter(url), headers['accept-language'], headers.accept))
    if (entry === undefined || this.isUnderPressure()) return false

    const started = performance.now()
    const id = randomUUID()
    let outgoing: string[]
    const ifNoneMatch = headers['if-none-match']
    const notModified = ifNoneMatch !== undefined && ifNoneMatchMatches(ifNoneMatch, entry.etag)
    if (this.options.limiter.enabled) {
      const decision = this.options.limiter.take(request.socket.remoteAddress ?? '')
      if (!decision.allowed) {
        (request as RequestWithDecision)[RATE_LIMIT_DECISION] = decision
        return false
      }
      outgoing = (notModified ? entry.notModifiedHeaders : entry.allHeaders)
        .concat('x-request-id', id, 'ratelimit-policy', this.policyHeader, 'ratelimit', RateLimiter.header(decision))
    } else {
      outgoing = (notModified ? entry.notModifiedHeaders : entry.allHeaders).concat('x-request-id', id)
    }
    if (notModified) {
      response.writeHead(304, outgoing)
      response.end()
    } else {
      outgoing.push('content-length', String(entry.payload.length))
      response.writeHead(200, outgoing)
      response.end(entry.payload)
    }
    if (this.log !== undefined && LOGS_INFO.has(this.log.level)) {
      // The logger's request serializer keeps the path and drops the query, as for every request.
      this.log.info({ requestId: id, req: { method: 'GET', url }, res: { statusCode: notModified ? 304 : 200 }, responseTime: performance.now() - started }, 'request completed from memory')
    }
    return true
  }
}
