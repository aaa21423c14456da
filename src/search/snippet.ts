import { foldDiacritics, indexTerm, indexTermInitial } from './tokenize.js'

const WORD = /[\p{L}\p{N}]+/gu

const HTML_SPECIAL = /[&<>"]/

function escapeHtml (text: string): string {
  if (!HTML_SPECIAL.test(text)) return text
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * A window of the original text around the densest run of matching words, HTML-escaped, with the
 * words whose stems the query matched in <mark>. Works on the original text (the index only holds
 * stems), so what a person reads is what the guide says.
 */
export function snippet (text: string, stems: string[], maxWords = 32): string {
  // Matched as the index matches: a word's stem, folded, starts with a query stem, folded.
  const prefixes = stems.map(foldDiacritics)
  const tokens = [...text.matchAll(WORD)].map((match) => ({ start: match.index, end: match.index + match[0].length, word: match[0] }))
  // A word whose term cannot start with any query stem is not stemmed at all (most words of a
  // passage, most of the time).
  const initials = new Set(prefixes.map(indexTermInitial))
  const hits = tokens.map((token) => {
    const word = token.word.toLowerCase()
    if (!initials.has(indexTermInitial(word))) return false
    const term = indexTerm(word)
    return prefixes.some((prefix) => term.startsWith(prefix))
  })
  // The window slides one word at a time, counting the hit that enters and the one that leaves;
  // the first of the densest windows wins.
  let count = hits.slice(0, maxWords).filter(Boolean).length
  let bestCount = count
  let bestStart = 0
  for (let start = 1; start + maxWords <= tokens.length; start++) {
    if (hits[start - 1] === true) count--
    if (hits[start + maxWords - 1] === true) count++
    if (count > bestCount) {
      bestCount = count
      bestStart = start
    }
  }
  const window = tokens.slice(bestStart, bestStart + maxWords)
  const first = window[0]
  const last = window.at(-1)
  if (first === undefined || last === undefined) return escapeHtml(text.slice(0, 200))
  let html = ''
  let cursor = first.start
  window.forEach((token, index) => {
    html += escapeHtml(text.slice(cursor, token.start))
    const word = escapeHtml(token.word)
    html += hits[bestStart + index] === true ? `<mark>${word}</mark>` : word
    cursor = token.end
  })
  const prefix = bestStart > 0 ? '… ' : ''
  const suffix = bestStart + maxWords < tokens.length ? ' …' : ''
  return `${prefix}${html.replace(/\s+/g, ' ').trim()}${suffix}`
}
