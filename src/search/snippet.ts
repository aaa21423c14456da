import { stem } from './tokenize.js'

const WORD = /[\p{L}\p{N}]+/gu

function escapeHtml (text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * A window of the original text around the densest run of matching words, HTML-escaped, with the
 * words whose stems the query matched in <mark>. Works on the original text (the index only holds
 * stems), so what a person reads is what the guide says.
 */
export function snippet (text: string, stems: string[], maxWords = 32): string {
  const tokens = [...text.matchAll(WORD)].map((match) => ({ start: match.index, end: match.index + match[0].length, word: match[0] }))
  const hits = tokens.map((token) => stems.some((queryStem) => stem(token.word.toLowerCase()).startsWith(queryStem)))
  let bestStart = 0
  let bestCount = -1
  for (let start = 0; start < Math.max(1, tokens.length - maxWords + 1); start++) {
    const count = hits.slice(start, start + maxWords).filter(Boolean).length
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
