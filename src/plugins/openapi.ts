import { isDeepStrictEqual } from 'node:util'
import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { TSchema } from 'typebox'
import { commonModels, SHARED_RESPONSE_NAMES } from '../schemas/common.js'
import { serviceModels } from '../schemas/service.js'
import { topicModels } from '../schemas/topic.js'
import { layoutModels } from '../schemas/layout.js'
import { threatModelModels } from '../schemas/threat-model.js'
import { searchModels } from '../schemas/search.js'

export const API_VERSION = '1.0.0'

const models: TSchema[] = [...commonModels, ...topicModels, ...layoutModels, ...threatModelModels, ...searchModels, ...serviceModels]

interface ResponseObject { description?: string, $ref?: string, headers?: Record<string, unknown> }
interface GeneratedDocument {
  paths?: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>
  components?: { responses?: Record<string, unknown>, headers?: Record<string, unknown> }
}

/**
 * Headers that come with answers whatever the route: CORS on every one, and the rate limit's on
 * every one the limit applies to (all but /health and /ready, when RATE_LIMIT_MAX is not 0).
 */
export const EVERY_ANSWER_HEADERS: Record<string, { description: string, required?: boolean, schema: Record<string, unknown> }> = {
  'Access-Control-Allow-Origin': {
    description: 'Any site may read every answer from a browser, without credentials',
    required: true,
    schema: { type: 'string', const: '*' }
  },
  RateLimit: {
    description: 'What is left of this address\'s quota and when the window ends (draft-ietf-httpapi-ratelimit-headers): "per-address";r=<remaining>;t=<seconds>',
    schema: { type: 'string', maxLength: 64, pattern: '^"per-address";r=\\d+;t=\\d+$' }
  },
  'RateLimit-Policy': {
    description: 'The quota and window of the per-address limit: "per-address";q=<requests>;w=<seconds>',
    schema: { type: 'string', maxLength: 64, pattern: '^"per-address";q=\\d+;w=\\d+$' }
  }
}

/** Refers every response, shared or not, to EVERY_ANSWER_HEADERS; a response's own entry wins. */
export function documentEveryAnswerHeaders<T extends object> (generated: T): T {
  const document = generated as GeneratedDocument
  const references = Object.fromEntries(Object.keys(EVERY_ANSWER_HEADERS).map((name) => [name, { $ref: `#/components/headers/${name}` }]))
  const responses = [
    ...Object.values(document.paths ?? {}).flatMap((operations) => Object.values(operations).flatMap((operation) => Object.values(operation.responses ?? {}))),
    ...Object.values(document.components?.responses ?? {}) as ResponseObject[]
  ]
  for (const response of responses) {
    if (response.$ref !== undefined) continue
    response.headers = { ...references, ...response.headers }
  }
  document.components = { ...document.components, headers: { ...document.components?.headers, ...EVERY_ANSWER_HEADERS } }
  return generated
}

/**
 * Moves the problems every operation shares (SHARED_RESPONSE_NAMES) to `components.responses`
 * and refers to them from the operations. A response that only borrows a shared description but
 * differs is left where it is.
 */
export function shareCommonResponses<T extends object> (generated: T): T {
  // The generated document's own types describe every OpenAPI version; this needs only its responses.
  const document = generated as GeneratedDocument
  const shared: Record<string, unknown> = {}
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const name = SHARED_RESPONSE_NAMES.get(response.description ?? '')
        if (name === undefined || (shared[name] !== undefined && !isDeepStrictEqual(shared[name], response))) continue
        shared[name] ??= response
        ;(operation.responses as Record<string, unknown>)[status] = { $ref: `#/components/responses/${name}` }
      }
    }
  }
  document.components = { ...document.components, responses: { ...document.components?.responses, ...shared } }
  return generated
}

/**
 * The OpenAPI document is generated from the route schemas; every model is registered by its
 * `$id` so that it appears as a named component (never `def-0`).
 */
async function openapi (app: FastifyInstance): Promise<void> {
  for (const model of models) app.addSchema(model)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Qubes Guide API',
        version: API_VERSION,
        description: 'Structured, cited guidance on Qubes OS in English and Russian: topics, with sources, ' +
          'corrections to the guide it started from, and stable ids. Read-only, no authentication, no cookies. ' +
          'Every error is RFC 9457 application/problem+json.',
        license: { name: 'Guide content: CC BY-SA 4.0 (code: MIT)', identifier: 'CC-BY-SA-4.0' }
      },
      tags: [
        { name: 'topics', description: 'Guide topics in English and Russian' },
        { name: 'layouts', description: 'Recommended qube layouts: data, network paths, exports and a checker' },
        { name: 'search', description: 'Cited passage search and grounding context for chatbots' },
        { name: 'threat models', description: 'Threats, activities, practices, and plans suggested from a threat model' },
        { name: 'llms', description: 'The guide for language models: the llms.txt index and every document in one file' },
        { name: 'service', description: 'The API itself: index, health and readiness' }
      ]
    },
    transformObject: (generated) => 'openapiObject' in generated
      ? documentEveryAnswerHeaders(shareCommonResponses(generated.openapiObject))
      : generated.swaggerObject,
    refResolver: {
      buildLocalReference (json, _baseUri, _fragment, index) {
        return typeof json.$id === 'string' ? json.$id : `Schema${index}`
      }
    }
  })

  app.get('/openapi.json', { schema: { hide: true }, config: { releaseCached: true } }, async () => app.swagger())
  app.get('/openapi.yaml', { schema: { hide: true }, config: { releaseCached: true } }, async (_request, reply) =>
    reply.type('application/yaml; charset=utf-8').send(app.swagger({ yaml: true })))
}

export default fp(openapi, { name: 'openapi', fastify: '5.x' })
