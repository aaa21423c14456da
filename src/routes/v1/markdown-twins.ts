import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { localiserFor } from '../../http/negotiation.js'
import { sendProblem } from '../../http/problem.js'
import { Text } from '../../schemas/bounds.js'
import { contentResponse, LanguageQuery, MARKDOWN_DOCUMENT_MAX, notModifiedResponse, problemResponse } from '../../schemas/common.js'

const Id = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 })

/** Markdown twins of practices and layouts (topics have theirs beside their JSON route). */
export default async function markdownTwinRoutes (fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  for (const kind of ['practice', 'layout'] as const) {
    app.get(`/${kind}s/:id.md`, {
      config: { releaseCached: true },
      schema: {
        tags: [kind === 'practice' ? 'threat models' : 'layouts'],
        operationId: kind === 'practice' ? 'getPracticeMarkdown' : 'getLayoutMarkdown',
        summary: `Get a ${kind} as Markdown`,
        params: Type.Object({ id: Id }),
        querystring: Type.Object({ lang: Type.Optional(LanguageQuery) }, { additionalProperties: false }),
        response: {
          200: contentResponse(`The ${kind} as Markdown`, { 'text/markdown': Text(MARKDOWN_DOCUMENT_MAX) }, { releaseCached: true, localised: true }),
          304: notModifiedResponse,
          400: problemResponse('The id or a query value is invalid'),
          404: problemResponse(`No ${kind} has this id`)
        }
      }
    }, async (request, reply) => {
      const localiser = localiserFor(request, reply, request.query.lang)
      const document = app.markdownTwins.find(kind, request.params.id, localiser.locale)
      if (document === undefined) return sendProblem(request, reply, 404, 'not-found', `No ${kind} has the id "${request.params.id}"; the list is at /v1/${kind}s`)
      return reply.type('text/markdown; charset=utf-8').send(document.markdown)
    })
  }
}
