import type { Database, Statement } from 'better-sqlite3'
import type { Locale } from '../content/locales.js'
import type { Passage, PassageType } from '../search/passages.js'

export interface PassageHit extends Passage {
  /** bm25 with section headings weighing most, then document titles, then body text; lower is better. */
  rank: number
}

interface Row {
  id: string
  locale: Locale
  type: PassageType
  titlePath: string
  text: string
  apiUrl: string
  sourceUrl: string
  documentId: string
  rank: number
}

const COLUMNS = `p.id, p.locale, p.type, p.title_path_json AS titlePath, p.text, p.api_url AS apiUrl, p.source_url AS sourceUrl,
  p.document_id AS documentId`

function toPassage (row: Row): PassageHit {
  return { ...row, titlePath: JSON.parse(row.titlePath) as string[] }
}

/** Full-text search over passages; `match` is an FTS5 expression built only from quoted stems. */
export class PassagesRepository {
  private readonly searchStatement: Statement<[{ match: string, locale: string | null, type: string | null, limit: number }], Row>
  private readonly byIdStatement: Statement<[{ id: string, locale: string }], Row>

  constructor (db: Database) {
    this.searchStatement = db.prepare(`SELECT ${COLUMNS}, bm25(passage_fts, 3.0, 6.0, 1.0) AS rank
      FROM passage_fts JOIN passage p ON p.rowid = passage_fts.rowid
      WHERE passage_fts MATCH @match AND (@locale IS NULL OR p.locale = @locale) AND (@type IS NULL OR p.type = @type)
      ORDER BY rank, p.rowid LIMIT @limit`)
    this.byIdStatement = db.prepare(`SELECT ${COLUMNS}, 0 AS rank FROM passage p WHERE p.id = @id AND p.locale = @locale`)
  }

  search (query: { match: string, locale: Locale | null, type: PassageType | null, limit: number }): PassageHit[] {
    return this.searchStatement.all(query).map(toPassage)
  }

  get (id: string, locale: Locale): PassageHit | undefined {
    const row = this.byIdStatement.get({ id, locale })
    return row === undefined ? undefined : toPassage(row)
  }
}
