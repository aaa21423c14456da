import type { IncomingMessage, ServerResponse } from 'node:http'
import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'

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

const HELMET_OPTIONS: HelmetOptions = {
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
}

/**
 * The headers helmet sets for `options`, worked out once. They are the same on every answer, and
 * @fastify/helmet built a new helmet middleware for every request, parsing the whole policy again
 * (about 6% of the CPU time of a 404, measured with --cpu-prof under wrk).
 */
export function securityHeaders (options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => { headers[name] = String(value) },
    removeHeader: (name: string) => { delete headers[name] }
  }
  // helmet's middleware only sets headers, synchronously; bad options throw when it is made.
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {})
  return headers
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
  const headers = securityHeaders(HELMET_OPTIONS)
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
}

export default fp(security, { name: 'security', fastify: '5.x' })
