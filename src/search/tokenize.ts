import { stemmer as stemEnglish } from '@orama/stemmers/english'
import { stemmer as stemRussian } from '@orama/stemmers/russian'

/** Words are runs of letters and digits in any script; everything else separates them. */
const WORD = /[\p{L}\p{N}]+/gu
const CYRILLIC = /\p{Script=Cyrillic}/u

/**
 * Words that carry no meaning for a search in either language. Dropping them lets "how do I copy
 * files" require only the words that matter.
 */
const STOPWORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'between', 'by', 'can', 'do', 'does', 'for', 'from', 'how', 'i', 'in', 'into',
  'is', 'it', 'my', 'of', 'on', 'or', 'should', 'the', 'to', 'what', 'when', 'where', 'which', 'who', 'why', 'with', 'you', 'your',
  'а', 'в', 'во', 'для', 'и', 'из', 'или', 'как', 'ли', 'между', 'мне', 'можно', 'на', 'не', 'нужно', 'о', 'об', 'от', 'по',
  'с', 'со', 'то', 'что', 'чтобы', 'это', 'я', 'мой', 'мои', 'свои', 'какой', 'какие', 'зачем', 'почему', 'ли', 'же', 'у', 'к'
])

export function words (text: string): string[] {
  return (text.toLowerCase().normalize('NFC').match(WORD) ?? [])
}

/**
 * Reduces a word to its stem with the Snowball stemmer of its script: Russian for Cyrillic words,
 * English (Porter2) otherwise. The same function runs when indexing and when searching, so
 * «копировать» and «копирование» meet at «копирова», "disposables" and "disposable" at "dispos".
 */
export function stem (word: string): string {
  if (word.length < 3 || /^\p{N}+$/u.test(word)) return word
  let stemmed = stems.get(word)
  if (stemmed === undefined) {
    stemmed = CYRILLIC.test(word) ? stemRussian(word) : stemEnglish(word)
    // The guide's vocabulary is small; the bound only stops arbitrary queries from growing the map.
    if (stems.size >= 100_000) stems.clear()
    stems.set(word, stemmed)
  }
  return stemmed
}

const stems = new Map<string, string>()

/** Latin letters that carry diacritics: Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional. */
const LATIN_WITH_DIACRITICS = /[\u00C0-\u024F\u1E00-\u1EFF]/u
const LATIN_LETTER_WITH_DIACRITICS = /[\u00C0-\u024F\u1E00-\u1EFF]/gu

/**
 * Folds Latin letters with diacritics to their base letters, so "café" and "cafe" are one term, as
 * SQLite's unicode61 tokenizer with remove_diacritics did when the index was FTS5. Other scripts
 * keep theirs: Russian «й» is a letter of its own, not «и» with a mark.
 */
export function foldDiacritics (term: string): string {
  if (!LATIN_WITH_DIACRITICS.test(term)) return term
  return term.replace(LATIN_LETTER_WITH_DIACRITICS, (letter) => letter.normalize('NFD').replace(/\p{M}/gu, ''))
}

/** The term the search index holds for a (lower-case) word: its stem, with Latin diacritics folded. */
export function indexTerm (word: string): string {
  return foldDiacritics(stem(word))
}

/** The terms the search index holds for a text. */
export function indexTerms (text: string): string[] {
  return words(text).map(indexTerm)
}

/** The most stems one query searches for, and the longest word it keeps (a stem is never longer than its word). */
export const QUERY_STEMS_MAX = 16
export const QUERY_WORD_MAX_LENGTH = 64

/** The stems a query searches for: meaningful words only, at most `limit` of them, without repeats. */
export function queryStems (query: string, limit = QUERY_STEMS_MAX): string[] {
  const all = words(query.slice(0, 2000)).filter((word) => word.length <= QUERY_WORD_MAX_LENGTH)
  const meaningful = all.filter((word) => !STOPWORDS.has(word))
  const chosen = (meaningful.length > 0 ? meaningful : all).map(stem).filter((word) => word.length >= 2 || /\p{N}/u.test(word))
  return [...new Set(chosen)].slice(0, limit)
}
