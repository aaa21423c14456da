import t from 'tap'
import { saturation } from '../../src/search/bm25.js'
import { prefixEnd, scopesOf, SearchIndexBuilder, searchScopes } from '../../src/search/champion-lists.js'

function passage (number: number, body: string, extra: { locale?: string, type?: string, title?: string, heading?: string } = {}): Parameters<SearchIndexBuilder['add']>[0] {
  const terms = (text: string | undefined): string[] => text === undefined || text === '' ? [] : text.split(' ')
  return { passage: number, locale: extra.locale ?? 'en', type: extra.type ?? 'topic', title: terms(extra.title), heading: terms(extra.heading), body: terms(body) }
}

t.test('postings carry weighted frequencies and lengths, in a language list and a language-and-type list', async (t) => {
  const builder = new SearchIndexBuilder()
  builder.add(passage(1, 'qube qube vault', { title: 'vault', heading: 'qube' }))
  builder.add(passage(2, 'копия', { locale: 'ru', type: 'practice' }))
  const index = builder.build()
  t.same(index.corpus, { passages: 2, terms: 6 })
  const qube = index.postings.filter((posting) => posting.term === 'qube')
  t.same(qube, [
    { scope: 'en', term: 'qube', passage: 1, weight: 2 + 6, length: 5 },
    { scope: 'en:topic', term: 'qube', passage: 1, weight: 2 + 6, length: 5 }
  ])
  t.equal(index.postings.find((posting) => posting.term === 'vault')?.weight, 1 + 3, 'title 3, body 1')
  t.same(index.postings.filter((posting) => posting.term === 'копия').map((posting) => posting.scope), ['ru', 'ru:practice'])
})

t.test('each prefix counts a passage once, however many of its terms start with it', async (t) => {
  const builder = new SearchIndexBuilder()
  builder.add(passage(1, 'file filesystem fire'))
  builder.add(passage(2, 'filesystem'))
  builder.add(passage(3, 'qube'))
  const { prefixes } = builder.build()
  t.equal(prefixes.get('f'), 2)
  t.equal(prefixes.get('fi'), 2)
  t.equal(prefixes.get('fil'), 2)
  t.equal(prefixes.get('file'), 2)
  t.equal(prefixes.get('files'), 2)
  t.equal(prefixes.get('filesystem'), 2)
  t.equal(prefixes.get('fir'), 1)
  t.equal(prefixes.get('q'), 1)
  t.equal(prefixes.get('x'), undefined)
})

t.test('a list longer than the bound keeps the passages where the term weighs most', async (t) => {
  const builder = new SearchIndexBuilder()
  builder.add(passage(1, 'tor filler filler filler filler filler'))
  builder.add(passage(2, 'tor tor filler'))
  builder.add(passage(3, 'tor', { heading: 'tor' }))
  builder.add(passage(4, 'tor filler'))
  const index = builder.build(2)
  const kept = index.postings.filter((posting) => posting.term === 'tor' && posting.scope === 'en')
  t.same(kept.map((posting) => posting.passage).sort(), [2, 3], 'heading weight 6 and a short passage with two occurrences beat the rest')
  const average = index.corpus.terms / index.corpus.passages
  t.ok(saturation(2, 3, average) > saturation(1, 2, average), 'passage 2 beats passage 4: the reason it was kept')
  t.equal(index.postings.filter((posting) => posting.term === 'filler' && posting.scope === 'en').length, 2)
  t.equal(index.prefixes.get('tor'), 4, 'document frequencies count every passage, kept or not')
})

t.test('scopes: a search reads the narrowest lists that hold what it asks for', async (t) => {
  t.same(scopesOf('en', 'layout'), ['en', 'en:layout'])
  t.same(searchScopes(['en'], null), ['en'])
  t.same(searchScopes(['en', 'ru'], null), ['en', 'ru'])
  t.same(searchScopes(['ru'], 'threat'), ['ru:threat'])
  t.same(searchScopes(['en', 'ru'], 'topic'), ['en:topic', 'ru:topic'])
})

t.test('the prefix range ends just past every term that starts with the prefix', async (t) => {
  t.equal(prefixEnd('file'), 'filf')
  t.equal(prefixEnd('копир'), 'копис')
  t.equal(prefixEnd('a𝐀'), 'a𝐁', 'a character outside the BMP advances as one code point')
  t.equal(prefixEnd('\uD7FF'), '\uE000', 'surrogates are skipped')
  const terms = ['file', 'filesystem', 'filf', 'fild', 'fil']
  t.same(terms.filter((term) => term >= 'file' && term < prefixEnd('file')), ['file', 'filesystem'])
})
