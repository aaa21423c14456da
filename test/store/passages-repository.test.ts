import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { growCorpus } from '../../src/bench/synthetic-corpus.js'
import { LOCALES, type Locale } from '../../src/content/locales.js'
import type { PassageType } from '../../src/search/passages.js'
import { indexTerms, queryStems } from '../../src/search/tokenize.js'
import { CHAMPIONS_PER_TERM } from '../../src/search/champion-lists.js'
import { openStore } from '../../src/store/open-store.js'
import { PassagesRepository } from '../../src/store/passages-repository.js'
import { ROOT, SCHEMA_VERSION, testStorePath } from '../helper.js'

const questions = JSON.parse(readFileSync(join(ROOT, 'test', 'retrieval', 'questions.json'), 'utf8')) as Array<{ question: string, lang: Locale }>
const TYPES: Array<PassageType | null> = [null, 'topic', 'practice', 'layout', 'threat']

interface PassageRow { rowid: number, id: string, locale: Locale, type: PassageType, titlePath: string, text: string }

/**
 * The reference: the guide's passages in an FTS5 table, ranked by FTS5's own bm25 with the column
 * weights search uses, then filtered by language and type. This is how search worked before the
 * champion lists, computed by SQLite, not by our code.
 */
function fts5Reference (passages: PassageRow[]): (stems: string[], locale: Locale | null, type: PassageType | null, limit: number) => Array<{ key: string, score: number }> {
  const db = new Database(':memory:')
  db.exec("CREATE VIRTUAL TABLE reference USING fts5(title, heading, body, tokenize = 'unicode61 remove_diacritics 0')")
  const insert = db.prepare('INSERT INTO reference (rowid, title, heading, body) VALUES (?, ?, ?, ?)')
  for (const passage of passages) {
    const titlePath = JSON.parse(passage.titlePath) as string[]
    insert.run(passage.rowid, indexTerms(titlePath[0] ?? '').join(' '), indexTerms(titlePath.slice(1).join(' ')).join(' '), indexTerms(passage.text).join(' '))
  }
  const byRowid = new Map(passages.map((passage) => [passage.rowid, passage]))
  const ranked = db.prepare<[string], { rowid: number, rank: number }>('SELECT rowid, bm25(reference, 3.0, 6.0, 1.0) AS rank FROM reference WHERE reference MATCH ? ORDER BY rank, rowid')
  return (stems, locale, type, limit) => ranked.all(stems.map((stem) => `"${stem}"*`).join(' OR ')).flatMap(({ rowid, rank }) => {
    const passage = byRowid.get(rowid) as PassageRow
    return (locale === null || passage.locale === locale) && (type === null || passage.type === type) ? [{ key: `${passage.id} ${passage.locale}`, score: -rank }] : []
  }).slice(0, limit)
}

t.test('on the guide, search ranks exactly as FTS5 bm25 does, in every language and type filter', async (t) => {
  const db = openStore(await testStorePath(), SCHEMA_VERSION)
  t.teardown(() => db.close())
  const passages = db.prepare('SELECT rowid, id, locale, type, title_path_json AS titlePath, text FROM passage').all() as PassageRow[]
  const largest = db.prepare("SELECT max(n) FROM (SELECT count(*) AS n FROM search_posting WHERE scope IN ('en', 'ru') GROUP BY scope, term)").pluck().get() as number
  t.ok(largest < CHAMPIONS_PER_TERM, `every list is whole (the longest holds ${largest} passages), which is what makes the ranking exact`)
  const reference = fts5Reference(passages)
  const repository = new PassagesRepository(db)
  const queries = [...questions.map((question) => question.question), 'qube', 'file', 'tor vpn', 'кьюб', 'одноразов', 'dom0 dom0', 'w8', 'the']
  let compared = 0
  for (const query of queries) {
    const stems = queryStems(query)
    for (const locale of [null, ...LOCALES]) {
      for (const type of TYPES) {
        const expected = reference(stems, locale, type, 10)
        const got = repository.search({ stems, locale, type, limit: 10 }).map((hit) => ({ key: `${hit.id} ${hit.locale}`, score: hit.score }))
        t.same(got.map((hit) => hit.key), expected.map((hit) => hit.key), `${query} (${locale ?? 'any'}, ${type ?? 'any'})`)
        got.forEach((hit, index) => {
          const score = expected[index]?.score ?? NaN
          if (Math.abs(hit.score - score) > 1e-9 * Math.max(1, Math.abs(score))) t.fail(`${query}: score ${hit.score} is not FTS5's ${score}`)
        })
        compared += expected.length
      }
    }
  }
  t.ok(compared > 2000, `${compared} ranked passages compared`)
})

t.test('a stem matches as a prefix, in folded and unfolded spellings, and an unknown one finds nothing', async (t) => {
  const db = openStore(await testStorePath(), SCHEMA_VERSION)
  t.teardown(() => db.close())
  const repository = new PassagesRepository(db)
  const prefix = repository.search({ stems: ['одноразов'], locale: 'ru', type: null, limit: 50 })
  t.ok(prefix.length > 3)
  t.ok(prefix.every((hit) => hit.locale === 'ru'))
  t.ok(prefix.some((hit) => hit.documentId === 'disposables'), 'the disposables topic is among them')
  t.same(repository.search({ stems: ['qübe'], locale: 'en', type: null, limit: 5 }).map((hit) => hit.id),
    repository.search({ stems: ['qube'], locale: 'en', type: null, limit: 5 }).map((hit) => hit.id), 'Latin diacritics fold on both sides')
  t.same(repository.search({ stems: ['zzzzqq'], locale: null, type: null, limit: 5 }), [])
  t.same(repository.search({ stems: [], locale: null, type: null, limit: 5 }), [])
  const layouts = repository.search({ stems: ['qube'], locale: 'en', type: 'layout', limit: 50 })
  t.equal(layouts.length, 8, 'every English layout mentions qubes')
  t.ok(layouts.every((hit) => hit.type === 'layout'))
})

t.test('on a corpus 30 times the guide, the lists of common terms are cut and search still finds the strongest passages', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'qga-grown-'))
  t.teardown(() => rmSync(folder, { recursive: true, force: true }))
  const grown = join(folder, 'grown.db')
  copyFileSync(await testStorePath(), grown)
  const passages = growCorpus(grown, 30)
  const db = openStore(grown, SCHEMA_VERSION)
  t.teardown(() => db.close())
  t.equal(db.prepare('SELECT passages FROM search_corpus').pluck().get(), passages)
  const longest = db.prepare('SELECT max(n) FROM (SELECT count(*) AS n FROM search_posting GROUP BY scope, term)').pluck().get()
  t.equal(longest, CHAMPIONS_PER_TERM, 'common terms are cut at the bound')
  const repository = new PassagesRepository(db)
  const hits = repository.search({ stems: ['qube'], locale: 'en', type: null, limit: 10 })
  t.equal(hits.length, 10)
  const weights = db.prepare("SELECT passage, weight FROM search_posting WHERE scope = 'en' AND term = 'qube'").all() as Array<{ passage: number, weight: number }>
  t.equal(weights.length, CHAMPIONS_PER_TERM)
  t.ok(hits.every((hit, index) => index === 0 || (hits[index - 1]?.score ?? 0) >= hit.score), 'in score order')
  // The rare word of a real passage is in a whole list, so that passage is found as before.
  const hardware = repository.search({ stems: queryStems('minimum RAM and CPU requirements for Qubes OS'), locale: 'en', type: null, limit: 3 })
  t.ok(hardware.some((hit) => hit.id === 'topic:why-use-qubes#hardware-and-effort'), hardware.map((hit) => hit.id).join(', '))
})
