import type { Locale } from '../content/locales.js'
import type { Passage, PassageType } from './passages.js'
import { snippet } from './snippet.js'
import { queryStems } from './tokenize.js'

/** Finds the best passages for query stems, each matched as a prefix of the terms it indexes. */
export interface PassageIndex {
  search: (query: { stems: string[], locale: Locale | null, type: PassageType | null, limit: number }) => Array<Passage & { score: number }>
}

export interface SearchResult extends Passage {
  score: number
  snippet: string
  citation: string
}

export interface SearchOutcome {
  /** The stems searched for, after dropping words that carry no meaning. */
  stems: string[]
  results: SearchResult[]
}

export function citationFor (passage: Passage, releaseVersion: string): string {
  return `${passage.titlePath.join(' › ')}. Qubes Guide API, release ${releaseVersion}, ${passage.apiUrl} (source: ${passage.sourceUrl})`
}

/**
 * Searches for passages with any of the meaningful words, ranked by BM25: a passage that matches
 * more of the words, rarer words, or words in its title and headings ranks higher. (Requiring every
 * word first ranked worse on the retrieval test set: people's questions carry words that no answer
 * repeats.) Any text is a valid query: with no searchable word in it, the answer is simply empty.
 */
export function searchPassages (index: PassageIndex, query: { q: string, locale: Locale | null, type: PassageType | null, limit: number }, releaseVersion: string): SearchOutcome {
  const stems = queryStems(query.q)
  if (stems.length === 0) return { stems, results: [] }
  const hits = index.search({ stems, locale: query.locale, type: query.type, limit: query.limit })
  return {
    stems,
    results: hits.map(({ score, ...passage }) => ({
      ...passage,
      score: Math.round(score * 1000) / 1000,
      snippet: snippet(passage.text, stems),
      citation: citationFor(passage, releaseVersion)
    }))
  }
}
