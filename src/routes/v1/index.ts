import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { LOCALES } from '../../content/locales.js'
import { contentResponse, notModifiedResponse, ref } from '../../schemas/common.js'
import { ApiIndex } from '../../schemas/service.js'
import labelRoutes from './labels.js'
import layoutRoutes from './layouts/index.js'
import threatModelRoutes from './threat-models/index.js'
import markdownTwinRoutes from './markdown-twins.js'
import searchRoutes from './search.js'
import topicRoutes from './topics/index.js'

export default async function v1Routes (fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get('/', {
    config: { releaseCached: true },
    schema: {
      tags: ['service'],
      operationId: 'getApiIndex',
      summary: 'API index',
      description: 'The content release being served, the languages, and links to the collections.',
      response: {
        200: contentResponse('The API index', { 'application/json': ref(ApiIndex) }, { releaseCached: true }),
        304: notModifiedResponse
      }
    }
  }, async () => ({
    name: 'Qubes Guide API',
    description: 'Structured, cited guidance on Qubes OS in English and Russian',
    release: app.guide.release,
    locales: [...LOCALES],
    links: {
      topics: '/v1/topics',
      layouts: '/v1/layouts',
      labels: '/v1/labels',
      threats: '/v1/threats',
      activities: '/v1/activities',
      practices: '/v1/practices',
      questions: '/v1/threat-model/questions',
      suggestions: '/v1/suggestions',
      search: '/v1/search{?q,lang,type,limit}',
      context: '/v1/context{?q,lang,maxChars}',
      openapi: '/openapi.json',
      docs: '/docs'
    }
  }))

  await app.register(topicRoutes)
  await app.register(layoutRoutes)
  await app.register(labelRoutes)
  await app.register(threatModelRoutes)
  await app.register(searchRoutes)
  await app.register(markdownTwinRoutes)
}
