import Type from 'typebox'
import { ref, Translation } from './common.js'

export const PASSAGE_TYPES = ['topic', 'practice', 'layout', 'threat'] as const

const PassageFields = {
  id: Type.String({ description: 'Stable passage id, e.g. topic:file-exchange#how-to-copy', examples: ['topic:file-exchange#how-to-copy'] }),
  type: Type.Enum([...PASSAGE_TYPES]),
  locale: Type.Enum(['en', 'ru']),
  title: Type.String({ description: 'The title path joined with ›' }),
  titlePath: Type.Array(Type.String()),
  apiUrl: Type.String({ description: 'Where this API serves the passage (topic sections carry their anchor)' }),
  sourceUrl: Type.String({ description: 'The public page its facts come from' })
}

export const SearchResult = Type.Object({
  ...PassageFields,
  snippet: Type.String({ description: 'HTML-escaped text around the matches, matched words in <mark>' }),
  score: Type.Number({ description: 'Relevance (BM25; higher is better)' }),
  citation: Type.String({ description: 'A ready citation with the release' })
}, { $id: 'SearchResult', additionalProperties: false })

export const SearchResults = Type.Object({
  query: Type.Object({
    lang: Type.Enum(['en', 'ru'], { description: 'The language searched' }),
    type: Type.Union([Type.Enum([...PASSAGE_TYPES]), Type.Null()]),
    terms: Type.Array(Type.String(), { description: 'The stems searched for (the query text itself is not echoed)' })
  }, { additionalProperties: false }),
  results: Type.Array(ref(SearchResult)),
  message: Type.Union([Type.String(), Type.Null()], { description: 'Set when nothing matched' }),
  suggestions: Type.Array(Type.Object({ title: Type.String(), url: Type.String() }, { additionalProperties: false }), {
    description: 'Places to start when nothing matched'
  }),
  translation: ref(Translation)
}, { $id: 'SearchResults', additionalProperties: false })

export const ContextPassage = Type.Object({
  number: Type.Integer({ minimum: 1, description: 'Cite as [number]' }),
  ...PassageFields,
  text: Type.String()
}, { $id: 'ContextPassage', additionalProperties: false })

export const GroundingContext = Type.Object({
  passages: Type.Array(ref(ContextPassage)),
  related: Type.Object({
    practices: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), url: Type.String() }, { additionalProperties: false })),
    layouts: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), url: Type.String() }, { additionalProperties: false }))
  }, { additionalProperties: false }),
  usedChars: Type.Integer({ minimum: 0 }),
  maxChars: Type.Integer({ minimum: 1 }),
  release: Type.String(),
  translation: ref(Translation)
}, { $id: 'GroundingContext', additionalProperties: false })

export const searchModels = [SearchResult, SearchResults, ContextPassage, GroundingContext]
