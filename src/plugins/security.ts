import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

export const EXPOSED_HEADERS = ['ETag', 'Link', 'Content-Language', 'X-Request-Id', 'RateLimit', 'RateLimit-Policy', 'Retry-After']

/**
 * The security headers of answers written straight on the socket, for requests Node's HTTP parser
 * rejects before Fastify (and helmet) ever see them: a problem+json body that nothing may frame,
 * sniff or run, readable from any site.
 */
export const SOCKET_ANSWER_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN'
}

/**
 * Any site may read this public guidance from a browser, but never with credentials: the API has
 * no cookies or accounts, so `*` is both the simplest and the safest answer.
 */
async function security (app: FastifyInstance): Promise<void> {
  await app.register(cors, {
    origin: '*',
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 86400,
    strictPreflight: false
  })
  await app.register(helmet, {
    // The API answers JSON and Markdown; only /docs serves a page, and it loads nothing from elsewhere.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Served over plain HTTP on loopback and onion addresses, where an upgrade would break /docs.
        upgradeInsecureRequests: null
      }
    },
    // Other sites must be able to fetch this API from their pages.
    crossOriginResourcePolicy: { policy: 'cross-origin' }
  })
}

export default fp(security, { name: 'security', fastify: '5.x' })
