import Database from 'better-sqlite3'
import t from 'tap'
import { indexTerm, stem } from '../../src/search/tokenize.js'
import { snippet, wordsOf, WORDS_MEMO_TEXTS } from '../../src/search/snippet.js'
import { testStorePath } from '../helper.js'

t.test('a text is split into words and stemmed once, and its words are found again by their place', async (t) => {
  const db = new Database(await testStorePath(), { readonly: true })
  t.teardown(() => db.close())
  const texts = db.prepare('SELECT text FROM passage').pluck().all() as string[]
  for (const text of texts.slice(0, 200)) {
    const found = wordsOf(text)
    t.equal(wordsOf(text), found, 'the second call is the memory of the first')
    const spelled = Array.from(found.starts, (start, index) => text.slice(start, found.ends[index]).toLowerCase())
    t.same(spelled, [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => match[0].toLowerCase()))
    t.same(found.terms, spelled.map(indexTerm))
  }
  t.equal(stem('ёлка').charAt(0), 'е', 'the Russian stemmer writes «ё» as «е»')
  t.equal(snippet('Ёлка и ель', [stem('ёлка')]), '<mark>Ёлка</mark> и ель', 'which snippets match, comparing terms')
  t.equal(snippet('', ['qube']), '', 'a text without words')
  t.equal(snippet('— … —', ['qube']), '— … —', 'a text of punctuation only is itself')
})

t.test('the memory of texts starts again when full', async (t) => {
  const first = wordsOf('qubes one')
  for (let index = 0; index < WORDS_MEMO_TEXTS; index++) wordsOf(`qubes ${index}`)
  const again = wordsOf('qubes one')
  t.not(again, first, 'computed again after the memory started over')
  t.same(again, first)
})

t.test('special characters are escaped only where there are any', async (t) => {
  t.equal(snippet('plain words and qubes', [stem('qubes')]), 'plain words and <mark>qubes</mark>')
  t.equal(snippet('a "qubes" & <vms> b', [stem('qubes')]), 'a &quot;<mark>qubes</mark>&quot; &amp; &lt;vms&gt; b')
})

t.test('the snippet window is the first of the densest runs of matched words', async (t) => {
  const words = (count: number, word: string): string => Array.from({ length: count }, () => word).join(' ')
  // One hit early, three close together later, then one more: the window of 5 holds the three.
  const text = `vpn ${words(10, 'x')} vpn x vpn x vpn ${words(10, 'x')} vpn`
  t.equal(snippet(text, ['vpn'], 5), '… <mark>vpn</mark> x <mark>vpn</mark> x <mark>vpn</mark> …')
  t.equal(snippet(`vpn ${words(3, 'x')} vpn ${words(3, 'x')}`, ['vpn'], 5), '<mark>vpn</mark> x x x <mark>vpn</mark> …', 'ties go to the first window')
  t.equal(snippet('tor x', ['tor'], 5), '<mark>tor</mark> x', 'a text shorter than the window is whole')
  t.equal(snippet('Le café est ouvert', [stem('cafe')]), 'Le <mark>café</mark> est ouvert', 'diacritics fold as in the index')
})
