import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { chooseLanguage } from '../domain/language.js'
import { preferredMediaType } from '../domain/media-type.js'
import { RepresentationCache } from '../http/representation-cache.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Content that changes only with the content release: strong ETag, 304s, public caching, served from memory. */
    releaseCached?: boolean
  }
  interface FastifyRequest {
    representationKey: string | null
  }
}

export const RELEASE_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400'

/** Headers that belong to a representation and are replayed with it from the cache. */
const REPRESENTATION_HEADERS = ['content-type', 'content-language', 'vary', 'link', 'content-disposition', 'etag', 'cache-control']

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison, so W/"x" matches "x". */
export function ifNoneMatchMatches (header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  const opaque = etag.replace(/^W\//, '')
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque)
}

/**
 * Everything a release-bound answer depends on besides the release itself: the URL, the language
 * it will be served in and the media type asked for. Two requests with one key get the same bytes.
 */
function representationKey (request: FastifyRequest): string {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang
  const language = chooseLanguage(typeof lang === 'string' ? lang : undefined, request.headers['accept-language'])
  const media = preferredMediaType(request.headers.accept, ['application/json', 'text/markdown']) ?? '-'
  return `${request.url}\0${language.requested}>${language.served}\0${media}`
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
 * Answers that depend only on the content release are made once: the first GET renders and
 * serialises one, tags it with a strong ETag (release hash + digest of the bytes, so each language
 * and media type has its own) and keeps it; later GETs with the same representation key are
 * answered from memory before any validation, handler or serialisation runs.
 */
async function httpCaching (app: FastifyInstance): Promise<void> {
  const releasePrefix = app.guide.release.contentHash.slice(0, 12)
  const cache = new RepresentationCache(32 * 1024 * 1024)
  app.decorateRequest('representationKey', null)

  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.config.releaseCached !== true) return
    const key = representationKey(request)
    request.representationKey = key
    const entry = cache.get(key)
    if (entry === undefined) return
    for (const [name, value] of entry.headers) reply.header(name, value)
    return reply.send(notModified(request, reply, entry.etag) ? '' : entry.payload)
  })

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.routeOptions.config.releaseCached !== true || reply.statusCode !== 200) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    let etag = reply.getHeader('etag') as string | undefined
    if (etag === undefined) {
      etag = `"${releasePrefix}-${createHash('sha256').update(payload).digest('base64url').slice(0, 22)}"`
      reply.header('ETag', etag)
      reply.header('Cache-Control', RELEASE_CACHE_CONTROL)
      if (request.representationKey !== null) {
        const headers: Array<[string, string]> = REPRESENTATION_HEADERS.flatMap((name) => {
          const value = reply.getHeader(name)
          return value === undefined ? [] : [[name, String(value)] as [string, string]]
        })
        cache.set(request.representationKey, { payload, etag, headers })
      }
    }
    return notModified(request, reply, etag) ? '' : payload
  })
}

export default fp(httpCaching, { name: 'http-caching', fastify: '5.x', dependencies: ['guide-store'] })
