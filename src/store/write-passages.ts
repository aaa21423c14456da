import type { Database } from 'better-sqlite3'
import type { Passage } from '../search/passages.js'
import { writeSearchIndex } from './write-search-index.js'

/** Writes passages and their search index; runs inside the build's transaction. */
export function writePassages (db: Database, passages: Passage[]): void {
  const insertPassage = db.prepare(`INSERT INTO passage (rowid, id, locale, type, title_path_json, text, api_url, source_url, document_id)
    VALUES (@rowid, @id, @locale, @type, @titlePath, @text, @apiUrl, @sourceUrl, @documentId)`)
  passages.forEach((passage, index) => {
    insertPassage.run({ ...passage, rowid: index + 1, titlePath: JSON.stringify(passage.titlePath) })
  })
  writeSearchIndex(db)
}
