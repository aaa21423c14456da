import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { decodeCursor, encodeCursor } from '../../../domain/cursor.js'
import { preferredMediaType } from '../../../domain/media-type.js'
import { topicToMarkdown } from '../../../domain/topic-markdown.js'
import { appendVary, localiserFor } from '../../../http/negotiation.js'
import { sendProblem } from '../../../http/problem.js'
import { Int, Text } from '../../../schemas/bounds.js'
import { contentResponse, LanguageQuery, MARKDOWN_DOCUMENT_MAX, notModifiedResponse, problemResponse, ref, Slug } from '../../../schemas/common.js'
import { Topic, TopicList } from '../../../schemas/topic.js'
import { presentTopic, presentTopicSummary } from './present-topic.js'

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100

const TopicParams = Type.Object({ slug: Slug })
const LanguageOnlyQuery = Type.Object({ lang: Type.Optional(LanguageQuery) }, { additionalProperties: false })

const MARKDOWN = 'text/markdown'
const JSON_TYPE = 'application/json'

function nextPageUrl (cursor: string, limit: number, lang: string | undefined): string {
  const query = new URLSearchParams({ cursor })
  if (limit !== DEFAULT_PAGE_SIZE) query.set('limit', String(limit))
  if (lang !== undefined) query.set('lang', lang)
  return `/v1/topics?${query.toString()}`
}

export default async function topicRoutes (fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get('/topics', {
    config: { releaseCached: true },
    schema: {
      tags: ['topics'],
      operationId: 'listTopics',
      summary: 'List topics',
      description: 'Topic summaries in guide order, optionally filtered by tag. Pages are linked by an opaque cursor that ' +
        'keeps the filters of the first page; the next page is in `next` and in the Link header.',
      querystring: Type.Object({
        tag: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64, description: 'Only topics with this tag' })),
        limit: Type.Optional(Int(1, MAX_PAGE_SIZE, { default: DEFAULT_PAGE_SIZE, description: 'Topics per page' })),
        cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The `next` cursor of the previous page' })),
        lang: Type.Optional(LanguageQuery)
      }, { additionalProperties: false }),
      response: {
        200: contentResponse('One page of topic summaries', { [JSON_TYPE]: ref(TopicList) }, { releaseCached: true, localised: true, paginated: true }),
        304: notModifiedResponse,
        400: problemResponse('A query value is invalid, or a cursor was not written by this API or contradicts the tag filter')
      }
    }
  }, async (request, reply) => {
    const { limit = DEFAULT_PAGE_SIZE, lang } = request.query
    let tag = request.query.tag ?? null
    let after = -1
    if (request.query.cursor !== undefined) {
      const cursor = decodeCursor(request.query.cursor)
      if (cursor === undefined) {
        return sendProblem(request, reply, 400, 'invalid-request', 'cursor is not a cursor from this API; start again without it',
          { errors: [{ in: 'query', field: '/cursor', message: 'is not a cursor from this API' }] })
      }
      if (request.query.tag !== undefined && request.query.tag !== cursor.tag) {
        return sendProblem(request, reply, 400, 'invalid-request', `the cursor continues a listing filtered by tag ${JSON.stringify(cursor.tag)}; drop tag or start again`,
          { errors: [{ in: 'query', field: '/tag', message: 'differs from the filter the cursor carries' }] })
      }
      tag = cursor.tag
      after = cursor.after
    }
    const localiser = localiserFor(request, reply, lang)
    // One extra row tells whether there is a next page without a count query.
    const records = app.guide.topics.list({ tag, afterPosition: after, limit: limit + 1, locale: localiser.locale })
    const page = records.slice(0, limit)
    const last = page.at(-1)
    const next = records.length > limit && last !== undefined
      ? nextPageUrl(encodeCursor({ after: last.position, tag }), limit, lang)
      : null
    if (next !== null) reply.header('Link', `<${next}>; rel="next"`)
    const items = page.map((record) => presentTopicSummary(record, localiser))
    return { items, next, translation: localiser.translation() }
  })

  const topicResponses = {
    400: problemResponse('The slug or a query value is invalid'),
    404: problemResponse('No topic has this slug')
  }

  function sendTopic (request: FastifyRequest, reply: FastifyReply, slug: string, lang: string | undefined, asMarkdown: boolean): unknown {
    const localiser = localiserFor(request, reply, lang)
    const record = app.guide.topics.get(slug, localiser.locale)
    if (record === undefined) {
      return sendProblem(request, reply, 404, 'not-found', `No topic has the slug "${slug}"; the list is at /v1/topics`)
    }
    const topic = presentTopic(record, localiser)
    if (asMarkdown) {
      return reply.type('text/markdown; charset=utf-8').send(topicToMarkdown(topic, localiser.locale))
    }
    return { ...topic, translation: localiser.translation() }
  }

  app.get('/topics/:slug', {
    config: { releaseCached: true },
    schema: {
      tags: ['topics'],
      operationId: 'getTopic',
      summary: 'Get a topic',
      description: 'The whole topic with its body as Markdown and as HTML, its sections, sources and corrections. ' +
        'With `Accept: text/markdown` the answer is the topic\'s Markdown twin.',
      params: TopicParams,
      querystring: LanguageOnlyQuery,
      response: {
        200: contentResponse('The topic', {
          [JSON_TYPE]: ref(Topic),
          [MARKDOWN]: Text(MARKDOWN_DOCUMENT_MAX, { description: 'The topic as one Markdown document' })
        }, { releaseCached: true, localised: true }),
        304: notModifiedResponse,
        ...topicResponses,
        406: problemResponse('Accept names neither application/json nor text/markdown')
      }
    }
  }, async (request, reply) => {
    appendVary(reply, 'Accept')
    const mediaType = preferredMediaType(request.headers.accept, [JSON_TYPE, MARKDOWN])
    if (mediaType === undefined) {
      return sendProblem(request, reply, 406, 'not-acceptable', `This resource is available as ${JSON_TYPE} or ${MARKDOWN}`)
    }
    return sendTopic(request, reply, request.params.slug, request.query.lang, mediaType === MARKDOWN)
  })

  app.get('/topics/:slug.md', {
    config: { releaseCached: true },
    schema: {
      tags: ['topics'],
      operationId: 'getTopicMarkdown',
      summary: 'Get a topic as Markdown',
      description: 'The Markdown twin of a topic: title, summary, body, corrections and numbered sources, ready to read or to quote.',
      params: TopicParams,
      querystring: LanguageOnlyQuery,
      response: {
        200: contentResponse('The topic as Markdown', { [MARKDOWN]: Text(MARKDOWN_DOCUMENT_MAX) }, { releaseCached: true, localised: true }),
        304: notModifiedResponse,
        ...topicResponses
      }
    }
  }, async (request, reply) => sendTopic(request, reply, request.params.slug, request.query.lang, true))
}
