import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest, preParsingAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { BUFFERED_BODY, bodyKey, type FastPathRequest } from '../http/fast-path.js'
import type { AnswerCache } from '../http/representation-cache.js'
import { ifNoneMatchMatches, representationKey } from '../http/representation-key.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Content that changes only with the content release: strong ETag, 304s, public caching, served from memory. */
    releaseCached?: boolean
    /**
     * A POST whose answer depends only on the content release, the body and the representation
     * asked for: answers are remembered by the body's bytes and served from memory by the fast path.
     */
    bodyKeyed?: boolean
    /**
     * A release-cached GET keyed by free text a client chooses (a search query, a threat model):
     * its answers are kept apart from the content's, so that endless distinct ones never evict it.
     */
    queryKeyed?: boolean
  }
  interface FastifyRequest {
    representationKey: string | null
  }
}

export const RELEASE_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400'

/** Headers that belong to a representation and are replayed with it from the cache. */
const REPRESENTATION_HEADERS = ['content-type', 'content-language', 'vary', 'link', 'content-disposition', 'etag', 'cache-control']

/** Headers set per request: never recorded with a representation. */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'ratelimit', 'ratelimit-policy', 'retry-after', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding'])

function keyOf (request: FastifyRequest): string {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang
  return representationKey(request.url, typeof lang === 'string' ? lang : undefined, request.headers['accept-language'], request.headers.accept)
}

/** Every header of the reply that holds for the next request too, flat as `writeHead` takes them. */
function recordedHeaders (reply: FastifyReply): { all: string[], notModified: string[] } {
  const all: string[] = []
  const notModified: string[] = []
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined || PER_REQUEST_HEADERS.has(name)) continue
    for (const item of Array.isArray(value) ? value : [String(value)]) {
      all.push(name, item)
      if (name !== 'content-type') notModified.push(name, item)
    }
  }
  return { all, notModified }
}

/**
 * A body-keyed POST answered 200 through Fastify: the fast path answers its next copies. Returns
 * the payload to send: the bytes kept, when it was kept.
 */
function rememberBodyKeyedAnswerIn (cache: AnswerCache, request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  const body = (request.raw as FastPathRequest)[BUFFERED_BODY]
  if (body === undefined || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload
  const recorded = recordedHeaders(reply)
  const bytes = Buffer.from(payload)
  cache.set(bodyKey(request.raw.url ?? request.url, request.headers, body), { payload: bytes, etag: '', headers: [], allHeaders: recorded.all, notModifiedHeaders: [] }, 'query')
  return bytes
}

function notModified (request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  const ifNoneMatch = request.headers['if-none-match']
  if (ifNoneMatch === undefined || !ifNoneMatchMatches(ifNoneMatch, etag)) return false
  reply.code(304)
  reply.removeHeader('Content-Length')
  reply.removeHeader('Content-Type')
  return true
}

/**
 * The fast path read the body of a body-keyed POST to look it up; on a miss it hands the request
 * over with the body, whose stream is spent: Fastify parses the bytes from here instead.
 */
const replayBufferedBody: preParsingAsyncHookHandler = async (request, _reply, payload) => {
  const body = (request.raw as FastPathRequest)[BUFFERED_BODY]
  if (body === undefined) return payload
  const replay = Readable.from([body]) as Readable & { receivedEncodedLength: number }
  replay.receivedEncodedLength = body.length
  return replay
}

export interface HttpCachingOptions {
  cache: AnswerCache
  /** The fast path's set of POST paths it reads and looks up by body (FastPath#bodyKeyedPaths). */
  bodyKeyedPaths: Set<string>
}

/**
 * Answers that depend only on the content release are made once: the first GET renders and
 * serialises one, tags it with a strong ETag (release hash + digest of the bytes, so each language
 * and media type has its own) and keeps it with every header that holds for the next request.
 * Later GETs with the same representation key are answered from memory: by the server's fast path
 * (src/http/fast-path.ts) before Fastify sees them, or here, before any validation, handler or
 * serialisation runs, when a request comes in through Fastify all the same (inject, a limited client).
 */
async function httpCaching (app: FastifyInstance, options: HttpCachingOptions): Promise<void> {
  const releasePrefix = app.guide.release.contentHash.slice(0, 12)
  const cache = options.cache
  app.decorateRequest('representationKey', null)

  app.addHook('onRoute', (route) => {
    if (route.config?.bodyKeyed !== true) return
    // The router ignores a trailing slash, so the fast path reads bodies sent to either spelling
    // (each is its own key, as for a GET).
    const path = route.url.replace(/\/$/, '')
    options.bodyKeyedPaths.add(path).add(`${path}/`)
    route.preParsing = [...(route.preParsing === undefined ? [] : [route.preParsing].flat()), replayBufferedBody]
  })

  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.config.releaseCached !== true) return
    const key = keyOf(request)
    request.representationKey = key
    const entry = cache.get(key)
    if (entry === undefined) return
    for (const [name, value] of entry.headers) reply.header(name, value)
    return reply.send(notModified(request, reply, entry.etag) ? '' : entry.payload)
  })

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.routeOptions.config.bodyKeyed === true) return rememberBodyKeyedAnswerIn(cache, request, reply, payload)
    if (request.routeOptions.config.releaseCached !== true || reply.statusCode !== 200) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    const existing = reply.getHeader('etag') as string | undefined
    if (existing !== undefined) return notModified(request, reply, existing) ? '' : payload
    // The answer is encoded once: hashed, kept, and sent as these same bytes, so the response
    // ends with a Buffer as it does on the fast path.
    const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload)
    const etag = `"${releasePrefix}-${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`
    reply.header('ETag', etag)
    reply.header('Cache-Control', RELEASE_CACHE_CONTROL)
    if (request.representationKey !== null) {
      const headers: Array<[string, string]> = REPRESENTATION_HEADERS.flatMap((name) => {
        const value = reply.getHeader(name)
        return value === undefined ? [] : [[name, String(value)] as [string, string]]
      })
      const recorded = recordedHeaders(reply)
      const kind = request.routeOptions.config.queryKeyed === true ? 'query' : 'content'
      cache.set(request.representationKey, { payload: bytes, etag, headers, allHeaders: recorded.all, notModifiedHeaders: recorded.notModified }, kind)
    }
    return notModified(request, reply, etag) ? '' : bytes
  })
}

export default fp(httpCaching, { name: 'http-caching', fastify: '5.x', dependencies: ['guide-store'] })
