import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { Locale } from '../../content/locales.js'
import { preferredMediaType } from '../../domain/media-type.js'
import { contextMarkdown, fitPassages } from '../../search/grounding.js'
import { searchPassages } from '../../search/search-passages.js'
import { appendVary, localiserFor } from '../../http/negotiation.js'
import { sendProblem } from '../../http/problem.js'
import { Int, Text } from '../../schemas/bounds.js'
import { contentResponse, LanguageQuery, MARKDOWN_DOCUMENT_MAX, notModifiedResponse, problemResponse, ref } from '../../schemas/common.js'
import { GroundingContext, PASSAGE_TYPES, SearchResults } from '../../schemas/search.js'

const Query = Type.String({ minLength: 1, maxLength: 2000, description: 'Any text a person types; words are stemmed in English and Russian' })
const CYRILLIC = /\p{Script=Cyrillic}/u

/** An explicit lang wins; otherwise a query in Cyrillic is searched in Russian, anything else as negotiated. */
function searchLanguage (request: FastifyRequest, q: string, lang: string | undefined): string | undefined {
  return lang ?? (CYRILLIC.test(q) ? 'ru' : undefined)
}

export default async function searchRoutes (fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const { passages, release, topics, suggestions, layouts } = app.guide

  app.get('/search', {
    config: { releaseCached: true, queryKeyed: true },
    schema: {
      tags: ['search'],
      operationId: 'search',
      summary: 'Search the guide',
      description: 'Cited passage search over topics, practices, layouts and threats in English and Russian (BM25, ' +
        'titles and headings weigh more than body text, Snowball stemming in both languages, word prefixes match). Any text is a ' +
        'valid query; an empty one is a 400. With no result the answer says so and suggests where to start. Query text is never logged.',
      querystring: Type.Object({
        q: Query,
        lang: Type.Optional(LanguageQuery),
        type: Type.Optional(Type.Enum([...PASSAGE_TYPES], { description: 'Only this kind of passage' })),
        limit: Type.Optional(Int(1, 50, { default: 10 }))
      }, { additionalProperties: false }),
      response: {
        200: contentResponse('The results', { 'application/json': ref(SearchResults) }, { releaseCached: true, localised: true }),
        304: notModifiedResponse,
        400: problemResponse('q is missing or empty, or another value is invalid')
      }
    }
  }, async (request, reply) => {
    const { q, type = null, limit = 10 } = request.query
    const localiser = localiserFor(request, reply, searchLanguage(request, q, request.query.lang))
    const locale = localiser.locale
    const outcome = searchPassages(passages, { q, locale, type, limit }, release.version)
    const empty = outcome.results.length === 0
    return {
      query: { lang: locale, type, terms: outcome.stems },
      results: outcome.results.map((result) => ({
        id: result.id,
        type: result.type,
        locale: result.locale,
        title: result.titlePath.join(' › '),
        titlePath: result.titlePath,
        apiUrl: result.apiUrl,
        sourceUrl: result.sourceUrl,
        snippet: result.snippet,
        score: result.score,
        citation: result.citation
      })),
      message: empty ? (locale === 'ru' ? 'Ничего не найдено. Попробуйте другие слова или начните с этих тем.' : 'Nothing matched. Try other words, or start with these topics.') : null,
      suggestions: empty
        ? topics.list({ tag: null, afterPosition: -1, limit: 5, locale }).map((topic) => ({
          title: localiser.pick('suggestions.title', Object.fromEntries(Object.entries(topic.texts).map(([key, text]) => [key, text.title])) as Partial<Record<Locale, string>>),
          url: `/v1/topics/${topic.slug}`
        }))
        : [],
      translation: localiser.translation()
    }
  })

  app.get('/context', {
    config: { releaseCached: true, queryKeyed: true },
    schema: {
      tags: ['search'],
      operationId: 'getContext',
      summary: 'Grounding context for a chatbot',
      description: 'The best passages for a question that fit maxChars, numbered for citation, with related practices and layouts. ' +
        'With Accept: text/markdown, one Markdown block to put in a model\'s prompt, ending with the numbered source list.',
      querystring: Type.Object({
        q: Query,
        lang: Type.Optional(LanguageQuery),
        maxChars: Type.Optional(Int(200, 50_000, { default: 6000, description: 'The budget for passage text' }))
      }, { additionalProperties: false }),
      response: {
        200: contentResponse('The context', {
          'application/json': ref(GroundingContext),
          'text/markdown': Text(MARKDOWN_DOCUMENT_MAX, { description: 'The context as one Markdown block' })
        }, { releaseCached: true, localised: true }),
        304: notModifiedResponse,
        400: problemResponse('q is missing or empty, or another value is invalid'),
        406: problemResponse('Accept names neither application/json nor text/markdown')
      }
    }
  }, async (request, reply) => {
    appendVary(reply, 'Accept')
    const mediaType = preferredMediaType(request.headers.accept, ['application/json', 'text/markdown'])
    if (mediaType === undefined) return sendProblem(request, reply, 406, 'not-acceptable', 'This resource is available as application/json or text/markdown')
    const { q, maxChars = 6000 } = request.query
    const localiser = localiserFor(request, reply, searchLanguage(request, q, request.query.lang))
    const locale = localiser.locale
    const outcome = searchPassages(passages, { q, locale, type: null, limit: 12 }, release.version)
    const fitted = fitPassages(outcome.results, maxChars)
    const slugs = new Set(fitted.passages.filter((passage) => passage.type === 'topic').map((passage) => passage.documentId))
    const practiceIds = new Set(fitted.passages.filter((passage) => passage.type === 'practice').map((passage) => passage.documentId))
    const relatedPractices = suggestions.content.practices
      .filter((practice) => !practiceIds.has(practice.id) && practice.relatedTopics.some((slug) => slugs.has(slug)))
      .slice(0, 5)
      .map((practice) => ({ id: practice.id, title: localiser.pick('related.practices.title', practice.title), url: `/v1/practices/${practice.id}` }))
    const relatedLayouts = layouts.layouts
      .filter((layout) => layout.relatedTopics.some((slug) => slugs.has(slug)) ||
        suggestions.content.practices.some((practice) => practiceIds.has(practice.id) && practice.relatedLayouts.includes(layout.id)))
      .slice(0, 3)
      .map((layout) => ({ id: layout.id, title: localiser.pick('related.layouts.title', layout.title), url: `/v1/layouts/${layout.id}` }))
    const related = { practices: relatedPractices, layouts: relatedLayouts }
    if (mediaType === 'text/markdown') {
      return reply.type('text/markdown; charset=utf-8').send(contextMarkdown({ passages: fitted.passages, related, locale, release: release.version }))
    }
    return {
      passages: fitted.passages.map((passage) => ({
        number: passage.number,
        id: passage.id,
        type: passage.type,
        locale: passage.locale,
        title: passage.titlePath.join(' › '),
        titlePath: passage.titlePath,
        apiUrl: passage.apiUrl,
        sourceUrl: passage.sourceUrl,
        text: passage.text
      })),
      related,
      usedChars: fitted.usedChars,
      maxChars,
      release: release.version,
      translation: localiser.translation()
    }
  })
}
