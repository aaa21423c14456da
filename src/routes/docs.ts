import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { problemKindForStatus, sendProblem } from '../http/problem.js'
import { pathOf } from '../http/url-path.js'

export const DOCS_PREFIX = '/docs'

/** Where a request handed to the docs instance carries this app's id for it, so both say the same. */
const REQUEST_ID = Symbol('request id')
type HandedOverRequest = FastifyRequest['raw'] & { [REQUEST_ID]?: string }

/**
 * The interactive reference at /docs (Swagger UI), made on its first request in a Fastify
 * instance of its own. Registering @fastify/swagger-ui with @fastify/static, which globs its
 * files, took about a tenth of the time from process start to ready, for a page that API clients
 * never load and people open now and then.
 *
 * A request under /docs goes through this app as any other (request id, security headers, CORS,
 * rate limit, closing) and is then handed, with the headers set so far, to the docs instance,
 * which reads the document from this app: the one /openapi.json serves.
 */
async function docsRoutes (app: FastifyInstance): Promise<void> {
  let docs: Promise<FastifyInstance> | undefined
  const handOver = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    docs ??= docsApp(app).catch((error: unknown) => {
      // Tried again on the next request rather than failing every one after.
      docs = undefined
      throw error
    })
    const instance = await docs
    ;(request.raw as HandedOverRequest)[REQUEST_ID] = request.id
    reply.hijack()
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value)
    }
    reply.raw.once('finish', () => {
      request.log.info({ res: { statusCode: reply.raw.statusCode } }, 'request completed')
    })
    instance.routing(request.raw, reply.raw)
  }
  app.get(DOCS_PREFIX, { schema: { hide: true } }, handOver)
  app.get(`${DOCS_PREFIX}/*`, { schema: { hide: true } }, handOver)
}

async function docsApp (app: FastifyInstance): Promise<FastifyInstance> {
  const { default: swaggerUi } = await import('@fastify/swagger-ui')
  const docs = Fastify({
    loggerInstance: app.log.child({ docs: true }),
    // This app logs the request; the docs instance only what goes wrong in it.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (raw) => (raw as HandedOverRequest)[REQUEST_ID] ?? 'unknown'
  })
  // @fastify/swagger-ui needs the plugin it extends; here that is this app's document.
  await docs.register(fp(async (instance) => {
    instance.decorate('swagger', app.swagger.bind(app))
  }, { name: '@fastify/swagger' }))
  await docs.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiConfig: { deepLinking: true, validatorUrl: null, defaultModelsExpandDepth: 1 },
    theme: { title: 'Qubes Guide API reference' }
  })
  docs.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 404, 'not-found', `There is nothing at ${request.method} ${pathOf(request.url)} in the reference viewer; the API index is at /v1`))
  docs.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
    if (status >= 500) request.log.error({ err: error }, 'the reference viewer failed')
    return sendProblem(request, reply, status, problemKindForStatus(status), status >= 500 ? 'The reference viewer could not answer this request' : error.message)
  })
  await docs.ready()
  return docs
}

export default docsRoutes
