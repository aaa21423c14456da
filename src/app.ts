import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify'
import { DEFAULT_ANSWER_CACHE_MIB, DEFAULT_MAX_EVENT_LOOP_DELAY_MS, DEFAULT_RATE_LIMIT, type AppConfig } from './config.js'
import { BUFFERED_BODY, FastPath, type FastPathRequest } from './http/fast-path.js'
import { lazySerializers } from './http/lazy-serializers.js'
import { lazyValidators } from './http/lazy-validators.js'
import { makeProblem } from './http/problem.js'
import { RateLimiter } from './http/rate-limiter.js'
import { AnswerCache } from './http/representation-cache.js'
import { RequestIds } from './http/request-ids.js'
import { StalledWriteGuard } from './http/stalled-writes.js'
import { pathOf } from './http/url-path.js'
import guideStore from './plugins/guide-store.js'
import httpCaching from './plugins/http-caching.js'
import markdownTwins from './plugins/markdown-twins.js'
import openapi from './plugins/openapi.js'
import problemDetails from './plugins/problem-details.js'
import requestLimits from './plugins/request-limits.js'
import security, { SOCKET_ANSWER_HEADERS } from './plugins/security.js'
import docsRoutes from './routes/docs.js'
import healthRoutes from './routes/health.js'
import llmsRoutes from './routes/llms.js'
import mcpRoutes from './routes/mcp.js'
import v1Routes from './routes/v1/index.js'

export type BuildAppConfig = Pick<AppConfig, 'storePath' | 'migrationsDir' | 'logLevel'> &
Partial<Pick<AppConfig, 'prettyLogs' | 'mcpAllowedHosts' | 'rateLimit' | 'maxEventLoopDelayMs' | 'answerCacheMiB'>> & {
  /** Where logs go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream
  /** How often event-loop pressure is sampled (tests shorten it). */
  pressureSampleIntervalMs?: number
  /** How long an answer may wait unread, and how often that is checked (tests shorten both). */
  stalledWrites?: { limitMs: number, sweepMs: number }
}

export const DEFAULT_MCP_HOSTS = ['localhost', '127.0.0.1', '[::1]']
/** Seconds a client is asked to wait when it reaches a server that is shutting down. */
const CLOSING_RETRY_AFTER_SECONDS = 5

/**
 * Against slow clients: a request's headers within 10 s, the whole request within 30 s, an idle
 * kept-alive connection for 10 s; an answer left unread for 60 s closes its connection.
 */
export const SERVER_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 10_000, stalledWriteMs: 60_000, stalledWriteSweepMs: 5_000 }

/**
 * The HTTP server, with the fast path in front of Fastify: representations already in memory are
 * answered before Fastify's request lifecycle starts; everything else goes to Fastify's handler.
 */
function serverWithFastPath (fastPath: FastPath, stalledWrites: StalledWriteGuard) {
  return (fastifyHandler: (request: IncomingMessage, response: ServerResponse) => void) => {
    const server = createServer((request, response) => {
      if (!fastPath.answer(request, response, fastifyHandler)) fastifyHandler(request, response)
    })
    server.headersTimeout = SERVER_TIMEOUTS.headersMs
    server.requestTimeout = SERVER_TIMEOUTS.requestMs
    server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveMs
    // No socket timeout (server.setTimeout): it is re-armed on every request, read and write.
    stalledWrites.watch(server)
    return server
  }
}

function loggerOptions (config: BuildAppConfig): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    serializers: {
      // The query string is left out on purpose: what people look up is what they fear being logged.
      req: (request: { method: string, url: string, id: string }) => ({ method: request.method, path: pathOf(request.url) })
    },
    ...(config.prettyLogs === true ? { transport: { target: 'pino-pretty' } } : {}),
    ...(config.logStream === undefined ? {} : { stream: config.logStream })
  }
}

function answerClientError (error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
  const title = status === 431 ? 'Request header fields too large' : 'Bad request'
  const body = JSON.stringify({
    type: `/problems/${status === 431 ? 'headers-too-large' : 'bad-request'}`,
    title,
    status,
    detail: 'The request could not be parsed as HTTP/1.1',
    instance: '/'
  })
  const security = Object.entries(SOCKET_ANSWER_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`).join('')
  socket.end(`HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `${security}Connection: close\r\n\r\n${body}`)
}

export async function buildApp (config: BuildAppConfig): Promise<FastifyInstance> {
  const answers = new AnswerCache((config.answerCacheMiB ?? DEFAULT_ANSWER_CACHE_MIB) * 1024 * 1024)
  const limiter = new RateLimiter(config.rateLimit ?? DEFAULT_RATE_LIMIT)
  const requestIds = new RequestIds()
  const fastPath = new FastPath({ cache: answers, limiter, requestIds, keepAliveTimeoutMs: SERVER_TIMEOUTS.keepAliveMs })
  const stalledWrites = new StalledWriteGuard(config.stalledWrites ?? { limitMs: SERVER_TIMEOUTS.stalledWriteMs, sweepMs: SERVER_TIMEOUTS.stalledWriteSweepMs })
  const app = Fastify({
    serverFactory: serverWithFastPath(fastPath, stalledWrites),
    schemaController: { compilersFactory: { buildSerializer: lazySerializers, buildValidator: lazyValidators } },
    logger: loggerOptions(config),
    genReqId: () => requestIds.next(),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: 64 * 1024,
    // Closing is answered below as a problem, not with Fastify's own JSON.
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Unknown fields and parameters are errors, as the OpenAPI document says, not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
    // Requests Node's HTTP parser rejects (bad header bytes, oversized headers) get a problem too.
    clientErrorHandler: answerClientError,
    // Malformed URLs never reach the router: answer them in the API's error shape too.
    frameworkErrors (error, request, reply) {
      // The reply of a framework error is not typed for any route; it is an ordinary reply all the same.
      const plainReply = reply as unknown as FastifyReply
      plainReply.code(400).type('application/problem+json').send(makeProblem(request, 400, 'bad-request', error.message))
    }
  })
  // The API reads JSON only; any other body is a 415, not a string for the schema to reject.
  app.removeContentTypeParser('text/plain')
  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id)
  })

  await app.register(problemDetails)
  // Security first: even a 414, 429 or 503 carries the CORS and helmet headers, so browsers can read it.
  await app.register(security)
  let closing = false
  app.addHook('onRequest', async (request, reply) => {
    // A request that arrives on a kept-alive connection after closing began: the store may be
    // closed already, so it gets a 503 and the connection ends with it. One whose body the fast
    // path was reading when closing began arrived before: it is in flight, and is answered.
    if (closing && (request.raw as FastPathRequest)[BUFFERED_BODY] === undefined) {
      reply.header('Connection', 'close').header('Retry-After', String(CLOSING_RETRY_AFTER_SECONDS))
      return reply.code(503).type('application/problem+json')
        .send(makeProblem(request, 503, 'unavailable', 'The server is shutting down; try again shortly'))
    }
  })
  await app.register(requestLimits, {
    limiter,
    maxEventLoopDelayMs: config.maxEventLoopDelayMs ?? DEFAULT_MAX_EVENT_LOOP_DELAY_MS,
    pressureSampleIntervalMs: config.pressureSampleIntervalMs
  })
  await app.register(guideStore, { storePath: config.storePath, migrationsDir: config.migrationsDir })
  await app.register(httpCaching, { cache: answers, bodyKeyedPaths: fastPath.bodyKeyedPaths })
  await app.register(markdownTwins)
  await app.register(openapi)
  await app.register(docsRoutes)
  await app.register(healthRoutes)
  await app.register(v1Routes, { prefix: '/v1' })
  await app.register(llmsRoutes)
  await app.register(mcpRoutes, { allowedHosts: config.mcpAllowedHosts ?? DEFAULT_MCP_HOSTS })

  fastPath.log = app.log
  fastPath.isUnderPressure = app.isOverloaded
  // Once closing starts, requests go through Fastify, which answers them with the 503 above.
  app.addHook('preClose', async () => {
    closing = true
    fastPath.close()
  })
  app.addHook('onClose', async () => {
    stalledWrites.stop()
  })
  return app
}
