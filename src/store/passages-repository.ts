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

/**
 * Full-text search over passages; `match` is an FTS5 expression built only from quoted stems.
 * Filtering and ranking happen inside the index (scope tokens, bm25, top-n), and only the passages
 * to be shown are read, so the cost of a search grows with its matches, not with what it shows.
 */
export class PassagesRepository {
  private readonly rankStatement: Statement<[{ expression: string, limit: number }], { rowid: number, rank: number }>
  private readonly byRowidStatement: Statement<[number], Row>
  private readonly byIdStatement: Statement<[{ id: string, locale: string }], Row>

  constructor (db: Database) {
    // Headings weigh most, then document titles, then body text; the scope column weighs nothing.
    this.rankStatement = db.prepare(`SELECT rowid, bm25(passage_fts, 3.0, 6.0, 1.0, 0.0) AS rank
      FROM passage_fts WHERE passage_fts MATCH @expression ORDER BY rank, rowid LIMIT @limit`)
    this.byRowidStatement = db.prepare(`SELECT ${COLUMNS}, 0 AS rank FROM passage p WHERE p.rowid = ?`)
    this.byIdStatement = db.prepare(`SELECT ${COLUMNS}, 0 AS rank FROM passage p WHERE p.id = @id AND p.locale = @locale`)
  }

  search (query: { match: string, locale: Locale | null, type: PassageType | null, limit: number }): PassageHit[] {
    const conditions = [
      ...(query.locale === null ? [] : [`scope : "locale${query.locale}"`]),
      ...(query.type === null ? [] : [`scope : "type${query.type}"`]),
      `{title heading body} : (${query.match})`
    ]
    return this.rankStatement.all({ expression: conditions.join(' AND '), limit: query.limit }).flatMap(({ rowid, rank }) => {
      const row = this.byRowidStatement.get(rowid)
      return row === undefined ? [] : [toPassage({ ...row, rank })]
    })
  }

  get (id: string, locale: Locale): PassageHit | undefined {
    const row = this.byIdStatement.get({ id, locale })
    return row === undefined ? undefined : toPassage(row)
  }
}
