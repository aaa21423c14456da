import type { Locale } from '../content/locales.js'
import { type PassageIndex, searchPassages } from './search-passages.js'

export interface RetrievalQuestion {
  question: string
  lang: Locale
  expected: string
}

export interface RetrievalReport {
  questions: number
  recallAt1: number
  recallAt3: number
  meanReciprocalRank: number
  misses: Array<{ question: string, expected: string, rank: number | null, got: string[] }>
}

/** Recall@k and MRR (over the first 10 results) of the search for a set of questions with one right passage each. */
export function evaluateRetrieval (index: PassageIndex, questions: RetrievalQuestion[]): RetrievalReport {
  let at1 = 0
  let at3 = 0
  let reciprocal = 0
  const misses: RetrievalReport['misses'] = []
  for (const item of questions) {
    const ids = searchPassages(index, { q: item.question, locale: item.lang, type: null, limit: 10 }, 'evaluation').results.map((result) => result.id)
    const position = ids.indexOf(item.expected)
    const rank = position < 0 ? null : position + 1
    if (rank === 1) at1++
    if (rank !== null && rank <= 3) at3++
    else misses.push({ question: item.question, expected: item.expected, rank, got: ids.slice(0, 3) })
    reciprocal += rank === null ? 0 : 1 / rank
  }
  const total = Math.max(1, questions.length)
  const round = (value: number): number => Math.round(value / total * 1000) / 1000
  return { questions: questions.length, recallAt1: round(at1), recallAt3: round(at3), meanReciprocalRank: round(reciprocal), misses }
}
