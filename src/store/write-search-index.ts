import type { Database } from 'better-sqlite3'
import { SearchIndexBuilder } from '../search/champion-lists.js'
import { indexTerms } from '../search/tokenize.js'

/**
 * (Re)writes the search index from every passage in the store: champion lists, prefix counts and
 * corpus statistics. Runs inside the caller's transaction, after the passages are written.
 */
export function writeSearchIndex (db: Database): void {
  const builder = new SearchIndexBuilder()
  const passages = db.prepare('SELECT rowid, locale, type, title_path_json AS titlePath, text FROM passage ORDER BY rowid')
    .iterate() as IterableIterator<{ rowid: number, locale: string, type: string, titlePath: string, text: string }>
  for (const row of passages) {
    const titlePath = JSON.parse(row.titlePath) as string[]
    builder.add({
      passage: row.rowid,
      locale: row.locale,
      type: row.type,
      title: indexTerms(titlePath[0] ?? ''),
      heading: indexTerms(titlePath.slice(1).join(' ')),
      body: indexTerms(row.text)
    })
  }
  const index = builder.build()
  db.exec('DELETE FROM search_posting; DELETE FROM search_prefix; DELETE FROM search_corpus')
  const insertPosting = db.prepare('INSERT INTO search_posting (scope, term, passage, weight, length) VALUES (@scope, @term, @passage, @weight, @length)')
  for (const posting of index.postings) insertPosting.run(posting)
  const insertPrefix = db.prepare('INSERT INTO search_prefix (prefix, passages) VALUES (?, ?)')
  for (const [prefix, passages] of index.prefixes) insertPrefix.run(prefix, passages)
  db.prepare('INSERT INTO search_corpus (passages, terms) VALUES (@passages, @terms)').run(index.corpus)
}
