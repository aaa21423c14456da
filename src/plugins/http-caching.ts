import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Content that changes only with the content release: strong ETag, 304s and public caching. */
    releaseCached?: boolean
  }
}

export const RELEASE_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400'

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison, so W/"x" matches "x". */
export function ifNoneMatchMatches (header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  const opaque = etag.replace(/^W\//, '')
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque)
}

/**
 * Strong ETags for release-bound responses: the content hash of the release plus a digest of the
 * exact bytes sent, so each language and media type of a resource has its own tag.
 */
async function httpCaching (app: FastifyInstance): Promise<void> {
  const releasePrefix = app.guide.release.contentHash.slice(0, 12)
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.routeOptions.config.releaseCached !== true || reply.statusCode !== 200) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    const digest = createHash('sha256').update(payload).digest('base64url').slice(0, 22)
    const etag = `"${releasePrefix}-${digest}"`
    reply.header('ETag', etag)
    reply.header('Cache-Control', RELEASE_CACHE_CONTROL)
    const ifNoneMatch = request.headers['if-none-match']
    if (ifNoneMatch !== undefined && ifNoneMatchMatches(ifNoneMatch, etag)) {
      reply.code(304)
      reply.removeHeader('Content-Length')
      reply.removeHeader('Content-Type')
      return ''
    }
    return payload
  })
}

export default fp(httpCaching, { name: 'http-caching', fastify: '5.x', dependencies: ['guide-store'] })
