import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import FindMyWay, { type HTTPMethod } from 'find-my-way'
import { withCommonProblemResponses, type Problem } from '../schemas/common.js'
import { problemKindForStatus, sendProblem } from '../http/problem.js'
import { pathOf } from '../http/url-path.js'

const VALIDATION_PLACES: Record<string, NonNullable<Problem['errors']>[number]['in']> = {
  params: 'path',
  querystring: 'query',
  headers: 'header',
  body: 'body'
}

interface AjvError {
  instancePath?: string
  message?: string
  params?: { missingProperty?: string, additionalProperty?: string, allowedValues?: unknown[] }
}

function validationErrors (error: FastifyError): NonNullable<Problem['errors']> {
  const place = VALIDATION_PLACES[error.validationContext ?? 'body'] ?? 'body'
  return (error.validation as AjvError[] | undefined ?? []).map((failure) => {
    let field = failure.instancePath ?? ''
    let message = failure.message ?? 'is invalid'
    if (failure.params?.missingProperty !== undefined) field = `${field}/${failure.params.missingProperty}`
    if (failure.params?.additionalProperty !== undefined) {
      field = `${field}/${failure.params.additionalProperty}`
      message = 'is not a known field'
    }
    if (failure.params?.allowedValues !== undefined) message = `must be one of ${failure.params.allowedValues.join(', ')}`
    return { in: place, field: field === '' ? '/' : field, message }
  })
}

function describe (errors: NonNullable<Problem['errors']>): string {
  return errors.map((error) => `${error.in} ${error.field === '/' ? '' : error.field.slice(1) + ' '}${error.message}`).join('; ')
}

/**
 * One error shape for the whole API: RFC 9457 problem+json, for validation failures, unknown
 * routes, wrong methods and crashes alike. 5xx answers never carry the error's own message.
 */
async function problemDetails (app: FastifyInstance): Promise<void> {
  // Every documented route says which problems it can answer with, the shared ones included, so
  // that the OpenAPI document describes every answer (and Fastify serialises them by schema).
  app.addHook('onRoute', (route) => {
    if (route.schema === undefined || route.schema.hide === true) return
    route.schema.response = withCommonProblemResponses(route.schema)
  })

  // Every registered route, by method, so that a known path with the wrong method gets 405, not 404.
  const knownRoutes = FindMyWay({ ignoreTrailingSlash: true })
  const methods = new Set<string>()
  app.addHook('onRoute', (route) => {
    if (route.url === '*' || route.url.endsWith('/*')) return
    for (const method of ([] as string[]).concat(route.method)) {
      if (method === 'OPTIONS') continue
      methods.add(method)
      try {
        knownRoutes.on(method as HTTPMethod, route.url, () => {})
      } catch {
        // Already known (Fastify announces HEAD twice when it adds it for a GET route).
      }
    }
  })

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request.url)
    const allowed = [...methods].filter((method) => knownRoutes.find(method as HTTPMethod, path) !== null).sort()
    if (allowed.length > 0) {
      reply.header('Allow', allowed.join(', '))
      return sendProblem(request, reply, 405, 'method-not-allowed', `${request.method} is not allowed on ${path}; use ${allowed.join(' or ')}`,
        { allowedMethods: allowed })
    }
    return sendProblem(request, reply, 404, 'not-found', `There is nothing at ${request.method} ${path}; the API index is at /v1`)
  })

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.validation !== undefined) {
      const errors = validationErrors(error)
      return sendProblem(request, reply, 400, 'invalid-request', describe(errors), { errors })
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
    // A 5xx says nothing of its cause, unless the error was made to be shown (overload: come back later).
    if (status >= 500 && (error as { expose?: boolean }).expose !== true) {
      request.log.error({ err: error }, 'request failed')
      return sendProblem(request, reply, status, problemKindForStatus(status),
        `The server could not answer this request. It was logged under request id ${request.id}.`)
    }
    return sendProblem(request, reply, status, problemKindForStatus(status), error.message)
  })
}

export default fp(problemDetails, { name: 'problem-details', fastify: '5.x' })
