import { BoundedMemo } from '../domain/bounded-memo.js'
import { foldDiacritics, indexTerm } from './tokenize.js'

const WORD = /[\p{L}\p{N}]+/gu

const HTML_SPECIAL = /[&<>"]/

function escapeHtml (text: string): string {
  if (!HTML_SPECIAL.test(text)) return text
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** A text's words: where each starts and ends in it, and the index term it stems to. */
export interface TextWords {
  starts: Uint32Array
  ends: Uint32Array
  terms: string[]
}

/**
 * Bounds of the memories below. The guide's 240 passages (English and Russian) hold 49 000 words,
 * 5 900 of them distinct, which take about 1 MB here; a grown corpus (the benchmark's) or a later,
 * larger guide starts them again when full, which costs the work again and never a wrong snippet.
 */
export const WORDS_MEMO_TEXTS = 4096
export const TERMS_MEMO_WORDS = 65_536

const wordsByText = new BoundedMemo<string, TextWords>(WORDS_MEMO_TEXTS)
const termByWord = new BoundedMemo<string, string>(TERMS_MEMO_WORDS)

function splitWords (text: string): TextWords {
  const matches = [...text.matchAll(WORD)]
  const words = { starts: new Uint32Array(matches.length), ends: new Uint32Array(matches.length), terms: new Array<string>(matches.length) }
  for (let index = 0; index < matches.length; index++) {
    const match = matches[index] as RegExpExecArray
    words.starts[index] = match.index
    words.ends[index] = match.index + match[0].length
    words.terms[index] = termByWord.get(match[0].toLowerCase(), indexTerm)
  }
  return words
}

/**
 * Splits a text into words and stems each once: the guide's passages are fixed for a release and
 * the same ones come back in answer after answer, so the snippet of a search computed per request
 * only compares terms. (Tokenising and stemming every result's whole text for every search was
 * most of the time of a search not answered from memory.) Terms are shared between texts.
 */
export function wordsOf (text: string): TextWords {
  return wordsByText.get(text, splitWords)
}

/**
 * A window of the original text around the densest run of matching words, HTML-escaped, with the
 * words whose stems the query matched in <mark>. Works on the original text (the index only holds
 * stems), so what a person reads is what the guide says.
 */
export function snippet (text: string, stems: string[], maxWords = 32): string {
  // Matched as the index matches: a word's stem, folded, starts with a query stem, folded.
  const prefixes = stems.map(foldDiacritics)
  const { starts, ends, terms } = wordsOf(text)
  const hits = new Array<boolean>(terms.length)
  for (let index = 0; index < terms.length; index++) {
    const term = terms[index] as string
    let hit = false
    for (const prefix of prefixes) {
      if (term.startsWith(prefix)) {
        hit = true
        break
      }
    }
    hits[index] = hit
  }
  // The window slides one word at a time, counting the hit that enters and the one that leaves;
  // the first of the densest windows wins.
  let count = 0
  for (let index = 0; index < Math.min(maxWords, hits.length); index++) if (hits[index] === true) count++
  let bestCount = count
  let bestStart = 0
  for (let start = 1; start + maxWords <= hits.length; start++) {
    if (hits[start - 1] === true) count--
    if (hits[start + maxWords - 1] === true) count++
    if (count > bestCount) {
      bestCount = count
      bestStart = start
    }
  }
  const end = Math.min(bestStart + maxWords, hits.length)
  if (end === 0) return escapeHtml(text.slice(0, 200))
  let html = ''
  let cursor = starts[bestStart] as number
  for (let index = bestStart; index < end; index++) {
    const start = starts[index] as number
    html += escapeHtml(text.slice(cursor, start))
    const word = escapeHtml(text.slice(start, ends[index]))
    html += hits[index] === true ? `<mark>${word}</mark>` : word
    cursor = ends[index] as number
  }
  const prefix = bestStart > 0 ? '… ' : ''
  const suffix = end < hits.length ? ' …' : ''
  return `${prefix}${html.replace(/\s+/g, ' ').trim()}${suffix}`
}
