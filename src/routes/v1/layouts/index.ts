import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS } from '../../../domain/layouts/catalogue.js'
import { localiserFor } from '../../../http/negotiation.js'
import { sendProblem } from '../../../http/problem.js'
import { ReleaseVersion, Text } from '../../../schemas/bounds.js'
import { contentResponse, LanguageQuery, notModifiedResponse, problemResponse, ref } from '../../../schemas/common.js'

/** A script, state, diagram or drawing of one layout: the SVG of 17 qubes is 16 KB, and a layout has at most 200. */
const EXPORT_MAX = 1_000_000
import { Layout, LayoutChain, LayoutId, LayoutList } from '../../../schemas/layout.js'
import layoutCheckRoute from './check.js'
import { presentChain, presentLayout, presentLayoutSummary } from './present-layout.js'

const LayoutParams = Type.Object({ id: LayoutId })
const notFound = problemResponse('No layout has this id')
/** The `json` export is a JSON document, not a string: the layout as stored, both languages, and the release. */
const JsonExport = Type.Object({
  id: LayoutId,
  release: ReleaseVersion({ description: 'The content release the export was made from' })
}, { additionalProperties: true, description: 'The layout with every field in both languages, as the guide stores it' })

function layoutNotFound (request: FastifyRequest, reply: FastifyReply, id: string): FastifyReply {
  return sendProblem(request, reply, 404, 'not-found', `No layout has the id "${id}"; the list is at /v1/layouts`)
}

export default async function layoutRoutes (fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const catalogue = app.guide.layouts

  app.get('/layouts', {
    config: { releaseCached: true },
    schema: {
      tags: ['layouts'],
      operationId: 'listLayouts',
      summary: 'List qube layouts',
      description: 'Every recommended layout (the VPN → Tor chain, the default install, an offline vault with split GPG, …) in guide order.',
      querystring: Type.Object({ lang: Type.Optional(LanguageQuery) }, { additionalProperties: false }),
      response: {
        200: contentResponse('The layouts', { 'application/json': ref(LayoutList) }, { releaseCached: true, localised: true }),
        304: notModifiedResponse,
        400: problemResponse('A query value is invalid')
      }
    }
  }, async (request, reply) => {
    const localiser = localiserFor(request, reply, request.query.lang)
    const items = catalogue.layouts.map((layout) => presentLayoutSummary(layout, localiser))
    return { items, translation: localiser.translation() }
  })

  app.get('/layouts/:id', {
    config: { releaseCached: true },
    schema: {
      tags: ['layouts'],
      operationId: 'getLayout',
      summary: 'Get a layout',
      description: 'The layout with every qube (class, template, label, netvm, services, features, tags, purpose), its notes, ' +
        'the threats it answers, related topics and sources, and links to its network path and exports.',
      params: LayoutParams,
      querystring: Type.Object({ lang: Type.Optional(LanguageQuery) }, { additionalProperties: false }),
      response: {
        200: contentResponse('The layout', { 'application/json': ref(Layout) }, { releaseCached: true, localised: true }),
        304: notModifiedResponse,
        400: problemResponse('The id or a query value is invalid'),
        404: notFound
      }
    }
  }, async (request, reply) => {
    const localiser = localiserFor(request, reply, request.query.lang)
    const layout = catalogue.get(request.params.id)
    if (layout === undefined) return layoutNotFound(request, reply, request.params.id)
    const titles = new Map([...app.guide.topics.titles(localiser.locale)].map(([slug, byLocale]) => [slug, localiser.pick('relatedTopics.title', byLocale)]))
    return { ...presentLayout(layout, titles, localiser), translation: localiser.translation() }
  })

  app.get('/layouts/:id/chain', {
    config: { releaseCached: true },
    schema: {
      tags: ['layouts'],
      operationId: 'getLayoutChain',
      summary: 'The network path of a qube',
      description: 'The ordered path from a qube to the network hardware, each hop with its role, and the order the traffic ' +
        'takes in one line ("You → VPN → Tor → Internet"). Without `from`, the layout\'s main qube. An offline qube has a path of one hop.',
      params: LayoutParams,
      querystring: Type.Object({
        from: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The qube to start from' })),
        lang: Type.Optional(LanguageQuery)
      }, { additionalProperties: false }),
      response: {
        200: contentResponse('The network path', { 'application/json': ref(LayoutChain) }, { releaseCached: true, localised: true }),
        304: notModifiedResponse,
        400: problemResponse('A query value is invalid'),
        404: problemResponse('No layout has this id, or the layout has no qube named by `from`')
      }
    }
  }, async (request, reply) => {
    const localiser = localiserFor(request, reply, request.query.lang)
    const layout = catalogue.get(request.params.id)
    if (layout === undefined) return layoutNotFound(request, reply, request.params.id)
    const from = request.query.from ?? layout.mainQube
    const chain = layout.qubes.some((qube) => qube.name === from) ? catalogue.chain(layout, from) : undefined
    if (chain === undefined) {
      return sendProblem(request, reply, 404, 'not-found', `The layout ${layout.id} has no qube named "${from}"; its qubes are ${layout.qubes.map((qube) => qube.name).join(', ')}`)
    }
    return { ...presentChain(layout, chain, localiser), translation: localiser.translation() }
  })

  app.get('/layouts/:id/export', {
    config: { releaseCached: true },
    schema: {
      tags: ['layouts'],
      operationId: 'exportLayout',
      summary: 'Export a layout',
      description: 'The layout as something to act on or show: `qvm`, a dom0 bash script that creates the missing qubes and sets ' +
        'their preferences (read it before running it); `salt`, a state for qubesctl; `mermaid` and `dot`, the graph as text; ' +
        '`svg`, a diagram coloured by Qubes labels; `json`, the layout with both languages. Diagrams follow `lang`.',
      params: LayoutParams,
      querystring: Type.Object({
        format: Type.Enum(EXPORT_FORMAT_NAMES, { description: 'The export format' }),
        lang: Type.Optional(LanguageQuery)
      }, { additionalProperties: false }),
      response: {
        200: contentResponse('The export, with a Content-Disposition filename', Object.fromEntries(
          [...new Set(Object.values(EXPORT_FORMATS).map((format) => format.mediaType.split(';')[0] ?? ''))]
            .map((mediaType) => [mediaType, mediaType === 'application/json' ? JsonExport : Text(EXPORT_MAX)])), { releaseCached: true, localised: true }),
        304: notModifiedResponse,
        400: problemResponse('The format is missing or not one of qvm, salt, mermaid, dot, svg, json'),
        404: notFound
      }
    }
  }, async (request, reply) => {
    const localiser = localiserFor(request, reply, request.query.lang)
    const layout = catalogue.get(request.params.id)
    if (layout === undefined) return layoutNotFound(request, reply, request.params.id)
    const format = EXPORT_FORMATS[request.query.format]
    const localeSuffix = format.localised ? `.${localiser.locale}` : ''
    const text = catalogue.export(layout, request.query.format, localiser.locale)
    return reply
      .type(format.mediaType)
      .header('Content-Disposition', `${format.disposition}; filename="${layout.id}${localeSuffix}.${format.extension}"`)
      .send(text)
  })

  await app.register(layoutCheckRoute)
}
