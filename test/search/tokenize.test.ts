import t from 'tap'
import { foldDiacritics, indexTerms, queryStems, stem, words } from '../../src/search/tokenize.js'
import { snippet } from '../../src/search/snippet.js'
import { contextMarkdown, fitPassages } from '../../src/search/grounding.js'
import { plainText } from '../../src/search/passages.js'

t.test('English and Russian words meet their inflections at one stem', async (t) => {
  t.equal(stem('disposables'), stem('disposable'))
  t.equal(stem('copying'), stem('copy'))
  t.ok(stem('копирование').startsWith(stem('копировать')), 'a stem is a prefix of its relative, which the prefix query finds')
  t.equal(stem('файлы'), stem('файлов'))
  t.equal(stem('одноразовые'), stem('одноразовых'))
  t.equal(stem('42'), '42')
  t.same(indexTerms('Копирование ФАЙЛОВ'), [stem('копирование'), stem('файлов')])
})

t.test('the index folds Latin diacritics and keeps other scripts\' letters', async (t) => {
  t.equal(foldDiacritics('café'), 'cafe')
  t.equal(foldDiacritics('ṡçhön'), 'schon', 'Latin Extended Additional and Latin-1 both fold')
  t.equal(foldDiacritics('ближайш'), 'ближайш', 'й is a letter of its own in Russian')
  t.equal(foldDiacritics('ёлк'), 'ёлк')
  t.same(indexTerms('Naïve café'), [stem('naive'), 'cafe'], 'folded after stemming, as the query side folds its stems')
  const plain = 'qube'
  t.equal(foldDiacritics(plain), plain)
})

t.test('queries keep the words that matter, whatever else is typed', async (t) => {
  t.same(queryStems('How do I copy files between qubes?'), ['copi', 'file', 'qube'])
  t.same(queryStems('как копировать файлы между кьюбами'), [stem('копировать'), stem('файлы'), stem('кьюбами')])
  t.same(queryStems('AND ( OR "NEAR" -x * C++ 😀'), ['near'], 'operators are words like any other, and and/or carry no meaning')
  t.same(queryStems('how'), ['how'], 'a query of stopwords only still searches them')
  t.same(queryStems('😀 ~ !! ()'), [])
  t.ok(queryStems('word '.repeat(1000)).length === 1)
  t.ok(queryStems(Array.from({ length: 40 }, (_, index) => `term${index}`).join(' ')).length <= 16)
  t.same(words('sys-net → sys-firewall'), ['sys', 'net', 'sys', 'firewall'])
})

t.test('snippets mark matched words in the original text and escape HTML', async (t) => {
  const text = 'Use qvm-copy to copy files. <b>Never</b> trust "files" from untrusted qubes & their viewers.'
  const html = snippet(text, [stem('files')])
  t.match(html, '<mark>files</mark>')
  t.match(html, '&lt;b&gt;Never&lt;/b&gt;')
  t.match(html, '&amp;')
  t.notMatch(html, '<b>')
  const long = `${'filler '.repeat(100)}the word disposable is here ${'filler '.repeat(100)}`
  const windowed = snippet(long, [stem('disposable')], 10)
  t.match(windowed, /^… .*<mark>disposable<\/mark>.* …$/)
})

t.test('grounding keeps whole passages within the budget and numbers them', async (t) => {
  const passage = (id: string, size: number): Parameters<typeof fitPassages>[0][number] => ({
    id, type: 'topic', locale: 'en', titlePath: ['T', id], text: 'x'.repeat(size), apiUrl: `/v1/topics/t#${id}`, sourceUrl: 'https://example.org/', documentId: 't'
  })
  const fitted = fitPassages([passage('a', 400), passage('b', 700), passage('c', 300)], 800)
  t.same(fitted.passages.map((item) => [item.number, item.id]), [[1, 'a'], [2, 'c']])
  t.equal(fitted.usedChars, 700)
  const cut = fitPassages([passage('huge', 5000)], 300)
  t.equal(cut.passages[0]?.text.length, 300)
  const markdown = contextMarkdown({ passages: fitted.passages, related: { practices: [{ title: 'P', url: '/v1/practices/p' }], layouts: [] }, locale: 'ru', release: 'r1' })
  t.match(markdown, /^# Рекомендации по Qubes OS\n/)
  t.match(markdown, '## [1] T › a')
  t.match(markdown, '## Источники\n\n[1] T › a: /v1/topics/t#a (https://example.org/)\n[2] T › c: /v1/topics/t#c')
  t.match(markdown, '- Практики: [P](/v1/practices/p)')
})

t.test('plain text drops Markdown syntax and keeps code', async (t) => {
  t.equal(plainText('## Title {#anchor}\n\nSee [the docs](https://x.org) and `qvm-copy`.\n\n```\nqvm-prefs vault netvm \'\'\n```'),
    "Title\nSee the docs and qvm-copy .\nqvm-prefs vault netvm ''")
})
