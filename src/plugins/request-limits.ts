import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { MAX_URL_LENGTH, RATE_LIMIT_DECISION, type FastPathRequest } from '../http/fast-path.js'
import { makeProblem } from '../http/problem.js'
import { RateLimiter } from '../http/rate-limiter.js'
import { pathOf } from '../http/url-path.js'

export interface RequestLimitsOptions {
  limiter: RateLimiter
  /** Mean event-loop delay, in ms, above which new requests get a 503 instead of a queue; 0: never. */
  maxEventLoopDelayMs: number
  /** How often the event loop is sampled (tests shorten it). */
  pressureSampleIntervalMs?: number
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether new requests are being turned away with a 503 (the fast path asks too). */
    isOverloaded: () => boolean
  }
}

const DEFAULT_SAMPLE_INTERVAL_MS = 1000
/** Seconds a client is asked to wait when the server is under pressure. */
export const PRESSURE_RETRY_AFTER_SECONDS = 10

/** A 5xx whose message is safe and useful to show: it says only when to come back. */
class OverloadedError extends Error {
  readonly statusCode = 503
  readonly expose = true
  constructor () {
    super(`The server is overloaded; try again in ${PRESSURE_RETRY_AFTER_SECONDS} s`)
    this.name = 'OverloadedError'
  }
}

/** Probes must see the process as it is, so the limits leave them alone. */
const UNLIMITED_PATHS = new Set(['/health', '/ready'])

function problemReply (request: FastifyRequest, reply: FastifyReply, status: 414 | 429, detail: string): FastifyReply {
  const kind = status === 414 ? 'uri-too-long' : 'too-many-requests'
  return reply.code(status).type('application/problem+json').send(makeProblem(request, status, kind, detail))
}

/**
 * What a public API owes itself under abuse: a bound on URL length, a per-address rate limit
 * with RateLimit headers on every answer, and a 503 with Retry-After when the event loop lags,
 * instead of an ever-growing queue. Body size (413) and media type (415) are Fastify's own.
 */
async function requestLimits (app: FastifyInstance, options: RequestLimitsOptions): Promise<void> {
  const { limiter } = options

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > MAX_URL_LENGTH) {
      return problemReply(request, reply, 414, `The URL is ${request.url.length} characters long; the limit is ${MAX_URL_LENGTH}`)
    }
    if (!limiter.enabled || UNLIMITED_PATHS.has(pathOf(request.url))) return
    // The fast path may have counted this request already before handing it over.
    const decision = (request.raw as FastPathRequest)[RATE_LIMIT_DECISION] ?? limiter.take(request.ip)
    reply.header('RateLimit-Policy', limiter.policyHeader)
    reply.header('RateLimit', RateLimiter.header(decision))
    if (!decision.allowed) {
      reply.header('Retry-After', String(decision.resetSeconds))
      return problemReply(request, reply, 429,
        `This address has made more than ${decision.limit} requests in the current window; try again in ${decision.resetSeconds} s`)
    }
  })

  let isOverloaded = (): boolean => false
  if (options.maxEventLoopDelayMs > 0) {
    const sampleIntervalMs = options.pressureSampleIntervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS
    // The first samples hold start-up's own blocking (schema compilation), which is not load:
    // pressure counts from two samples after the app is ready.
    let settledAt = Infinity
    app.addHook('onReady', async () => {
      settledAt = Date.now() + 2 * sampleIntervalMs
    })
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      sampleInterval: sampleIntervalMs,
      // Liveness stays 200 under pressure (a busy process is not a dead one); readiness says 503.
      // A rejection ends the hook chain at once and goes to the problem-details error handler.
      pressureHandler: async (request, reply) => {
        if (request.url === '/health' || Date.now() < settledAt) return
        reply.header('Retry-After', String(PRESSURE_RETRY_AFTER_SECONDS))
        throw new OverloadedError()
      }
    })
    isOverloaded = () => Date.now() >= settledAt && app.isUnderPressure()
  }
  app.decorate('isOverloaded', () => isOverloaded())
}

export default fp(requestLimits, { name: 'request-limits', fastify: '5.x', dependencies: ['problem-details', 'security'] })
