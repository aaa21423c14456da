import Type from 'typebox'
import { QUERY_STEMS_MAX, QUERY_WORD_MAX_LENGTH } from '../search/tokenize.js'
import { Id, Int, LIMITS, Link, LINK_MAX_LENGTH, List, ReleaseVersion, Text, Title } from './bounds.js'
import { ref, Translation } from './common.js'

export const PASSAGE_TYPES = ['topic', 'practice', 'layout', 'threat'] as const

/** Limits of /v1/search and /v1/context: the routes' parameters and how much of the guide one answer quotes. */
export const SEARCH_BOUNDS = {
  /** The most results /v1/search gives (its limit parameter). */
  results: 50,
  /** The most passages /v1/context quotes, and the related practices and layouts it names. */
  contextPassages: 12,
  contextPractices: 5,
  contextLayouts: 3,
  /** The topics /v1/search suggests when nothing matched. */
  suggestions: 5,
  /** The largest budget /v1/context takes (its maxChars parameter). */
  contextChars: 50_000
} as const

/** A passage's title path: the document's title, then the section's, when it is a section. */
const TITLE_PATH_DEPTH = 2
const TITLE_SEPARATOR = ' › '
const PASSAGE_TITLE_MAX_LENGTH = TITLE_PATH_DEPTH * (LIMITS.title + TITLE_SEPARATOR.length)

const PassageFields = {
  // type:document#anchor
  id: Text('practice:'.length + 2 * LIMITS.id + 1, { description: 'Stable passage id, e.g. topic:file-exchange#how-to-copy', examples: ['topic:file-exchange#how-to-copy'] }),
  type: Type.Enum([...PASSAGE_TYPES]),
  locale: Type.Enum(['en', 'ru']),
  title: Text(PASSAGE_TITLE_MAX_LENGTH, { description: 'The title path joined with ›' }),
  titlePath: List(Title(), TITLE_PATH_DEPTH),
  apiUrl: Link({ description: 'Where this API serves the passage (topic sections carry their anchor)' }),
  sourceUrl: Text(LIMITS.url, { description: 'The public page its facts come from' })
}

export const SearchResult = Type.Object({
  ...PassageFields,
  // 32 words and what lies between them, escaped; the longest today is 338 characters.
  snippet: Text(10_000, { description: 'HTML-escaped text around the matches, matched words in <mark>' }),
  score: Type.Number({ description: 'Relevance (BM25; higher is better)' }),
  // The title path, the release, the API URL and the source URL, with a few words between them.
  citation: Text(PASSAGE_TITLE_MAX_LENGTH + LINK_MAX_LENGTH + LIMITS.url + 200, { description: 'A ready citation with the release' })
}, { $id: 'SearchResult', additionalProperties: false })

export const SearchResults = Type.Object({
  query: Type.Object({
    lang: Type.Enum(['en', 'ru'], { description: 'The language searched' }),
    type: Type.Union([Type.Enum([...PASSAGE_TYPES]), Type.Null()]),
    terms: List(Text(QUERY_WORD_MAX_LENGTH), QUERY_STEMS_MAX, { description: 'The stems searched for (the query text itself is not echoed)' })
  }, { additionalProperties: false }),
  results: List(ref(SearchResult), SEARCH_BOUNDS.results),
  message: Type.Union([Title(), Type.Null()], { description: 'Set when nothing matched' }),
  suggestions: List(Type.Object({ title: Title(), url: Link() }, { additionalProperties: false }), SEARCH_BOUNDS.suggestions, {
    description: 'Places to start when nothing matched'
  }),
  translation: ref(Translation)
}, { $id: 'SearchResults', additionalProperties: false })

export const ContextPassage = Type.Object({
  number: Int(1, SEARCH_BOUNDS.contextPassages, { description: 'Cite as [number]' }),
  ...PassageFields,
  text: Text(SEARCH_BOUNDS.contextChars)
}, { $id: 'ContextPassage', additionalProperties: false })

const RelatedLink = Type.Object({ id: Id(), title: Title(), url: Link() }, { additionalProperties: false })

export const GroundingContext = Type.Object({
  passages: List(ref(ContextPassage), SEARCH_BOUNDS.contextPassages),
  related: Type.Object({
    practices: List(RelatedLink, SEARCH_BOUNDS.contextPractices),
    layouts: List(RelatedLink, SEARCH_BOUNDS.contextLayouts)
  }, { additionalProperties: false }),
  usedChars: Int(0, SEARCH_BOUNDS.contextChars),
  maxChars: Int(1, SEARCH_BOUNDS.contextChars),
  release: ReleaseVersion(),
  translation: ref(Translation)
}, { $id: 'GroundingContext', additionalProperties: false })

export const searchModels = [SearchResult, SearchResults, ContextPassage, GroundingContext]
