import { isDeepStrictEqual } from 'node:util'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
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

interface GeneratedDocument {
  paths?: Record<string, Record<string, { responses?: Record<string, { description?: string }> }>>
  components?: { responses?: Record<string, unknown> }
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
    transformObject: (generated) => 'openapiObject' in generated ? shareCommonResponses(generated.openapiObject) : generated.swaggerObject,
    refResolver: {
      buildLocalReference (json, _baseUri, _fragment, index) {
        return typeof json.$id === 'string' ? json.$id : `Schema${index}`
      }
    }
  })

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true, validatorUrl: null, defaultModelsExpandDepth: 1 },
    theme: { title: 'Qubes Guide API reference' }
  })

  app.get('/openapi.json', { schema: { hide: true }, config: { releaseCached: true } }, async () => app.swagger())
  app.get('/openapi.yaml', { schema: { hide: true }, config: { releaseCached: true } }, async (_request, reply) =>
    reply.type('application/yaml; charset=utf-8').send(app.swagger({ yaml: true })))
}

export default fp(openapi, { name: 'openapi', fastify: '5.x' })
