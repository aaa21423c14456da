import type { Locale } from '../content/locales.js'
import type { Passage, PassageType } from './passages.js'
import { snippet } from './snippet.js'
import { queryStems } from './tokenize.js'

export interface PassageIndex {
  search: (query: { match: string, locale: Locale | null, type: PassageType | null, limit: number }) => Array<Passage & { rank: number }>
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

/** Every stem quoted, so no character a person types can act as an FTS5 operator. */
function matchExpression (stems: string[], operator: ' ' | ' OR '): string {
  return stems.map((stem) => `"${stem}"*`).join(operator)
}

export function citationFor (passage: Passage, releaseVersion: string): string {
  return `${passage.titlePath.join(' › ')}. Qubes Guide API, release ${releaseVersion}, ${passage.apiUrl} (source: ${passage.sourceUrl})`
}

/**
 * Searches with every meaningful word required first; when that finds fewer than `limit`
 * passages, passages matching any of the words follow, ranked after them. Any text is a valid
 * query: with no searchable word in it, the answer is simply empty.
 */
export function searchPassages (index: PassageIndex, query: { q: string, locale: Locale | null, type: PassageType | null, limit: number }, releaseVersion: string): SearchOutcome {
  const stems = queryStems(query.q)
  if (stems.length === 0) return { stems, results: [] }
  const all = index.search({ match: matchExpression(stems, ' '), locale: query.locale, type: query.type, limit: query.limit })
  const seen = new Set(all.map((hit) => `${hit.id}\0${hit.locale}`))
  const any = all.length < query.limit && stems.length > 1
    ? index.search({ match: matchExpression(stems, ' OR '), locale: query.locale, type: query.type, limit: query.limit })
      .filter((hit) => !seen.has(`${hit.id}\0${hit.locale}`))
    : []
  const hits = [...all, ...any.map((hit) => ({ ...hit, rank: hit.rank / 2 }))].slice(0, query.limit)
  return {
    stems,
    results: hits.map(({ rank, ...passage }) => ({
      ...passage,
      score: Math.round(-rank * 1000) / 1000,
      snippet: snippet(passage.text, stems),
      citation: citationFor(passage, releaseVersion)
    }))
  }
}
