import type { Database } from 'better-sqlite3'
import type { Locale } from '../content/locales.js'
import type { Passage, PassageType } from '../search/passages.js'
import { stemText } from '../search/tokenize.js'

/** The tokens of a passage's `scope` column: what searches filter on inside the index. */
export function scopeTokens (locale: Locale | string, type: PassageType | string): string {
  return `locale${locale} type${type}`
}

/** Writes passages and their stemmed full-text index; runs inside the build's transaction. */
export function writePassages (db: Database, passages: Passage[]): void {
  const insertPassage = db.prepare(`INSERT INTO passage (rowid, id, locale, type, title_path_json, text, api_url, source_url, document_id)
    VALUES (@rowid, @id, @locale, @type, @titlePath, @text, @apiUrl, @sourceUrl, @documentId)`)
  const insertIndex = db.prepare('INSERT INTO passage_fts (rowid, title, heading, body, scope) VALUES (?, ?, ?, ?, ?)')
  passages.forEach((passage, index) => {
    const rowid = index + 1
    insertPassage.run({ ...passage, rowid, titlePath: JSON.stringify(passage.titlePath) })
    insertIndex.run(rowid, stemText(passage.titlePath[0] ?? ''), stemText(passage.titlePath.slice(1).join(' ')), stemText(passage.text),
      scopeTokens(passage.locale, passage.type))
  })
}
