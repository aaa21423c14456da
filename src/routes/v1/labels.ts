import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { LABEL_CONVENTIONS, LABEL_NOTE, LABEL_SOURCES, labelColour } from '../../domain/layouts/labels.js'
import { localiserFor } from '../../http/negotiation.js'
import { contentResponse, LanguageQuery, notModifiedResponse, problemResponse, ref } from '../../schemas/common.js'
import { LabelList } from '../../schemas/layout.js'

export default async function labelRoutes (fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get('/labels', {
    config: { releaseCached: true },
    schema: {
      tags: ['layouts'],
      operationId: 'listLabels',
      summary: 'The eight qube labels',
      description: 'Qubes\' labels with their colours and the usual trust convention, from red (least trusted) to black (most).',
      querystring: Type.Object({ lang: Type.Optional(LanguageQuery) }, { additionalProperties: false }),
      response: {
        200: contentResponse('The labels', { 'application/json': ref(LabelList) }, { releaseCached: true, localised: true }),
        304: notModifiedResponse,
        400: problemResponse('A query value is invalid')
      }
    }
  }, async (request, reply) => {
    const localiser = localiserFor(request, reply, request.query.lang)
    return {
      items: LABEL_CONVENTIONS.map((label) => ({
        name: label.name,
        colour: labelColour(label.name),
        trustRank: label.trustRank,
        convention: localiser.pick('convention', label.convention)
      })),
      note: localiser.pick('note', LABEL_NOTE),
      sources: LABEL_SOURCES,
      translation: localiser.translation()
    }
  })
}
