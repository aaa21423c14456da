import Database from 'better-sqlite3'
import t from 'tap'
import { indexTerm, indexTermInitial, stem, words } from '../../src/search/tokenize.js'
import { snippet } from '../../src/search/snippet.js'
import { testStorePath } from '../helper.js'

t.test('stemming keeps the first letter of every word in the guide, which lets snippets skip the rest', async (t) => {
  const db = new Database(testStorePath(), { readonly: true })
  t.teardown(() => db.close())
  const texts = db.prepare('SELECT title_path_json || text FROM passage').pluck().all() as string[]
  const vocabulary = new Set(texts.flatMap((text) => words(text)))
  t.ok(vocabulary.size > 3000, `${vocabulary.size} distinct words in English and Russian`)
  const changed = [...vocabulary].filter((word) => indexTerm(word).charAt(0) !== indexTermInitial(word))
  t.same(changed, [])
  for (const word of ['yearly', 'yes', 'éclair', 'über', '4k', 'ёлка']) t.equal(indexTerm(word).charAt(0), indexTermInitial(word), word)
  t.equal(stem('ёлка').charAt(0), 'е', 'the Russian stemmer writes «ё» as «е», the one change at the start of a word')
  t.equal(snippet('Ёлка и ель', [stem('ёлка')]), '<mark>Ёлка</mark> и ель', 'which snippets allow for')
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
