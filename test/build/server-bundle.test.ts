import { runInNewContext } from 'node:vm'
import t from 'tap'
import { escapeWideCharacters } from '../../src/build/server-bundle.js'

t.test('characters above U+00FF become \\u escapes; Latin-1 and ASCII stay as they are', async (t) => {
  t.equal(escapeWideCharacters('/([?!])…/g // рф'), '/([?!])\\u2026/g // \\u0440\\u0444')
  t.equal(escapeWideCharacters('const a = "\\xB1"; // Wärting'), 'const a = "\\xB1"; // Wärting', 'nothing to escape: the same text')
  t.equal(escapeWideCharacters('/😀/u'), '/\\ud83d\\ude00/u', 'beyond U+FFFF: its two surrogates')
  const escaped = escapeWideCharacters('x…y😀')
  t.notOk([...escaped].some((character) => character.charCodeAt(0) > 0xff), 'what comes out fits in one byte a character')
})

t.test('an escaped regular expression literal matches what the original matched', async (t) => {
  const sources = [
    String.raw`"Wait!… and?…".replace(/([?!])…/g, "$1..")`,
    String.raw`["рф", "ru", "xn--p1ai"].map((tld) => /^(com|рф)$/.test(tld))`,
    String.raw`["😀", "😀😀", "a"].map((text) => /^😀$/u.test(text))`,
    String.raw`["😀", "\ud83d", "a"].map((text) => /^[😀a]$/u.test(text))`,
    // A comment keeps its meaning: none.
    String.raw`/* рф … */ 1 + 1`
  ]
  for (const source of sources) {
    const escaped = escapeWideCharacters(source)
    t.not(escaped, source, `${source} had something to escape`)
    t.same(runInNewContext(escaped), runInNewContext(source), source)
  }
})
