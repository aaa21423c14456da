/**
 * Okapi BM25 as SQLite's FTS5 computes it (fts5_aux.c), which is what search ranked with while the
 * index was FTS5: the same constants, the same floor on the inverse document frequency, the same
 * arithmetic in the same order, so that the guide's passages rank exactly as they did (a test
 * holds the two to each other). A query phrase is one query stem matched as a prefix.
 */

/** How much an occurrence weighs by where it stands: section headings most, then document titles, then body text. */
export const COLUMN_WEIGHTS = { title: 3, heading: 6, body: 1 } as const

const K1 = 1.2
const B = 0.75

/** Every passage the ranking knows of, and their length in terms, over both languages. */
export interface CorpusStatistics {
  passages: number
  terms: number
}

/**
 * log((N − n + 0.5) / (n + 0.5)) for a phrase found in n of N passages. A phrase in more than half
 * of them would score negative; like FTS5, it gets a tiny positive weight instead, so matching it
 * still counts for something.
 */
export function inverseDocumentFrequency (matching: number, corpus: CorpusStatistics): number {
  const idf = Math.log((corpus.passages - matching + 0.5) / (matching + 0.5))
  return idf <= 0 ? 1e-6 : idf
}

/**
 * The term-frequency part of BM25 for a weighted frequency in a passage of `length` terms. It rises
 * with the frequency and saturates, and a long passage needs more occurrences for the same value.
 * Written exactly as FTS5 writes it: a different order of operations rounds differently.
 */
export function saturation (frequency: number, length: number, averageLength: number): number {
  return (frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + B * length / averageLength))
}

/** One passage holding a term: the term's weighted frequency there and the passage's length. */
export interface Posting {
  passage: number
  weight: number
  length: number
}

export interface QueryPhrase {
  /** How many passages in the corpus hold the phrase: its document frequency. */
  matching: number
  /** The postings of every term the phrase matches, for the passages it may rank. */
  postings: Posting[]
}

export interface RankedPassage {
  passage: number
  score: number
}

/**
 * The best `limit` passages for a query, by the sum over its phrases of idf × saturation: a passage
 * that matches more of the phrases, rarer ones, or in its headings ranks higher. Ties go to the
 * lower passage number, as FTS5's `ORDER BY rank, rowid` did.
 */
export function rankByBm25 (phrases: QueryPhrase[], corpus: CorpusStatistics, limit: number): RankedPassage[] {
  if (corpus.passages === 0 || limit <= 0) return []
  const averageLength = corpus.terms / corpus.passages
  const candidates = new Map<number, { length: number, frequencies: Float64Array }>()
  phrases.forEach((phrase, index) => {
    for (const posting of phrase.postings) {
      let candidate = candidates.get(posting.passage)
      if (candidate === undefined) {
        candidate = { length: posting.length, frequencies: new Float64Array(phrases.length) }
        candidates.set(posting.passage, candidate)
      }
      candidate.frequencies[index] = (candidate.frequencies[index] ?? 0) + posting.weight
    }
  })
  const idfs = phrases.map((phrase) => inverseDocumentFrequency(phrase.matching, corpus))
  const ranked: RankedPassage[] = []
  for (const [passage, candidate] of candidates) {
    let score = 0
    idfs.forEach((idf, index) => {
      score += idf * saturation(candidate.frequencies[index] ?? 0, candidate.length, averageLength)
    })
    ranked.push({ passage, score })
  }
  ranked.sort((a, b) => b.score - a.score || a.passage - b.passage)
  return ranked.slice(0, limit)
}
