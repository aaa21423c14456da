import { COLUMN_WEIGHTS, type CorpusStatistics, saturation } from './bm25.js'

/**
 * Champion lists (Manning, Raghavan & Schütze, "Introduction to Information Retrieval", §7.1.3):
 * for every term, only the passages where it weighs most are kept, up to CHAMPIONS_PER_TERM in
 * each scope. A search reads those lists and ranks what it finds, so its cost is bounded by the
 * lists it reads, not by how many passages in the corpus match; with FTS5, bm25 was computed for
 * every match and a corpus 100 times larger searched 5 to 20 times slower.
 *
 * The lists are cut at build time by a term's own BM25 contribution (its weighted frequency,
 * saturated, against the passage's length), which orders a term's passages exactly as the term
 * alone would rank them. While no term is in more passages of one scope than the bound, every list
 * is whole and search is exact; the guide is far below it. Past the bound, a passage outside all
 * the lists of a query cannot be found, and a found passage counts only the query terms whose
 * lists hold it: the usual price of champion lists, paid only by terms too common to tell
 * passages apart anyway.
 */
export const CHAMPIONS_PER_TERM = 256

/** The lists a search reads: one per language, and one per language and passage type. */
export function scopesOf (locale: string, type: string): [string, string] {
  return [locale, `${locale}:${type}`]
}

/** The scopes a search reads from: a filter picks the narrower list, no filter reads every language. */
export function searchScopes (locales: readonly string[], type: string | null): string[] {
  return locales.map((locale) => type === null ? locale : `${locale}:${type}`)
}

/** What the index needs to know of a passage: its number, scope, and the terms of each part. */
export interface IndexablePassage {
  passage: number
  locale: string
  type: string
  title: string[]
  heading: string[]
  body: string[]
}

export interface ChampionPosting {
  scope: string
  term: string
  passage: number
  weight: number
  length: number
}

export interface SearchIndex {
  corpus: CorpusStatistics
  postings: ChampionPosting[]
  /** For every prefix of every term: in how many passages some term starts with it (a query stem's document frequency). */
  prefixes: Map<string, number>
}

/**
 * The end of the range of terms that start with `prefix`: the prefix with its last character
 * advanced by one code point. Code point order is the byte order of UTF-8, which is how SQLite
 * compares text, so `term >= prefix AND term < prefixEnd(prefix)` is an index range.
 */
export function prefixEnd (prefix: string): string {
  const characters = [...prefix]
  const last = characters.pop()?.codePointAt(0) ?? 0
  // Surrogates are not characters; the last code point (U+10FFFF) is not a letter, so never a term's.
  const next = last + 1 === 0xD800 ? 0xE000 : Math.min(last + 1, 0x10FFFF)
  return `${characters.join('')}${String.fromCodePoint(next)}`
}

function sharedPrefixLength (a: string, b: string): number {
  let length = 0
  while (length < a.length && length < b.length && a[length] === b[length]) length++
  return length
}

/**
 * Builds the champion lists of a corpus, one passage at a time (a benchmark feeds it a hundred
 * times the guide). Postings wait in flat number arrays per term until every length is known.
 */
export class SearchIndexBuilder {
  private readonly scopes: Array<[string, string]> = []
  private readonly scopeIndex = new Map<string, number>()
  /** Per term: passage, weight, length, scope index, repeated. */
  private readonly postings = new Map<string, number[]>()
  private readonly prefixes = new Map<string, number>()
  private passages = 0
  private terms = 0

  add (passage: IndexablePassage): void {
    const weights = new Map<string, number>()
    for (const [part, weight] of [[passage.title, COLUMN_WEIGHTS.title], [passage.heading, COLUMN_WEIGHTS.heading], [passage.body, COLUMN_WEIGHTS.body]] as const) {
      for (const term of part) weights.set(term, (weights.get(term) ?? 0) + weight)
    }
    const length = passage.title.length + passage.heading.length + passage.body.length
    const scopeKey = `${passage.locale}\u0000${passage.type}`
    let scope = this.scopeIndex.get(scopeKey)
    if (scope === undefined) {
      scope = this.scopes.push(scopesOf(passage.locale, passage.type)) - 1
      this.scopeIndex.set(scopeKey, scope)
    }
    for (const [term, weight] of weights) {
      let list = this.postings.get(term)
      if (list === undefined) this.postings.set(term, list = [])
      list.push(passage.passage, weight, length, scope)
    }
    // Each prefix once per passage: in sorted order, the prefixes a term shares with any earlier
    // term it also shares with the one just before it.
    let previous = ''
    for (const term of [...weights.keys()].sort()) {
      for (let end = sharedPrefixLength(previous, term) + 1; end <= term.length; end++) {
        const prefix = term.slice(0, end)
        this.prefixes.set(prefix, (this.prefixes.get(prefix) ?? 0) + 1)
      }
      previous = term
    }
    this.passages++
    this.terms += length
  }

  build (championsPerTerm = CHAMPIONS_PER_TERM): SearchIndex {
    const corpus = { passages: this.passages, terms: this.terms }
    const averageLength = corpus.terms / Math.max(1, corpus.passages)
    const postings: ChampionPosting[] = []
    for (const [term, flat] of this.postings) {
      const byScope = new Map<string, Array<{ passage: number, weight: number, length: number, impact: number }>>()
      for (let at = 0; at < flat.length; at += 4) {
        const passage = flat[at] as number
        const weight = flat[at + 1] as number
        const length = flat[at + 2] as number
        const entry = { passage, weight, length, impact: saturation(weight, length, averageLength) }
        for (const name of this.scopes[flat[at + 3] as number] ?? []) {
          let list = byScope.get(name)
          if (list === undefined) byScope.set(name, list = [])
          list.push(entry)
        }
      }
      for (const [scope, list] of byScope) {
        if (list.length > championsPerTerm) list.sort((a, b) => b.impact - a.impact || a.passage - b.passage)
        for (const { passage, weight, length } of list.slice(0, championsPerTerm)) postings.push({ scope, term, passage, weight, length })
      }
    }
    return { corpus, postings, prefixes: this.prefixes }
  }
}
