import type { Database, Statement } from 'better-sqlite3'
import { LOCALES, type Locale } from '../content/locales.js'
import { BoundedMemo } from '../domain/bounded-memo.js'
import { type CorpusStatistics, type Posting, type QueryPhrase, rankByBm25 } from '../search/bm25.js'
import { prefixEnd, searchScopes } from '../search/champion-lists.js'
import type { Passage, PassageType } from '../search/passages.js'
import { foldDiacritics } from '../search/tokenize.js'

export interface PassageHit extends Passage {
  /** bm25: higher is better. */
  score: number
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
}

const COLUMNS = `p.id, p.locale, p.type, p.title_path_json AS titlePath, p.text, p.api_url AS apiUrl, p.source_url AS sourceUrl,
  p.document_id AS documentId`

function toPassage (row: Row): Passage {
  return { ...row, titlePath: JSON.parse(row.titlePath) as string[] }
}

/**
 * Bounds of what the repository remembers of the store, which does not change while it is open.
 * A phrase's postings are at most 256 per term and scope (the champion lists), objects of three
 * numbers: 100 000 of them take a few MB. The guide's 240 passages take about 1 MB.
 */
export const PHRASE_MEMO_POSTINGS = 100_000
export const PASSAGE_MEMO_ENTRIES = 4096

/**
 * Search over passages, by champion lists (see src/search/champion-lists.ts): each query stem reads
 * the lists of the terms it is a prefix of, in the scopes asked for, and only the passages to be
 * shown are read from passage. The cost grows with the lists read, which are bounded, not with the
 * number of passages that match.
 */
export class PassagesRepository {
  private readonly postingsStatement: Statement<[{ scope: string, from: string, to: string }], Posting>
  private readonly prefixStatement: Statement<[string], number>
  private readonly byRowidStatement: Statement<[number], Row>
  private readonly byIdStatement: Statement<[{ id: string, locale: string }], Row>
  private readonly corpus: CorpusStatistics
  /**
   * Query words come back again and again (a distinct query is mostly common words), and so do
   * the passages shown: each phrase's postings and each passage are read once, not per search.
   */
  private readonly phrases = new BoundedMemo<string, QueryPhrase>(PHRASE_MEMO_POSTINGS, (phrase) => 1 + phrase.postings.length)
  private readonly passages = new BoundedMemo<number, Passage | null>(PASSAGE_MEMO_ENTRIES)

  constructor (db: Database) {
    this.postingsStatement = db.prepare(`SELECT passage, weight, length FROM search_posting
      WHERE scope = @scope AND term >= @from AND term < @to`)
    this.prefixStatement = db.prepare<[string], number>('SELECT passages FROM search_prefix WHERE prefix = ?').pluck()
    this.byRowidStatement = db.prepare(`SELECT ${COLUMNS} FROM passage p WHERE p.rowid = ?`)
    this.byIdStatement = db.prepare(`SELECT ${COLUMNS} FROM passage p WHERE p.id = @id AND p.locale = @locale`)
    this.corpus = db.prepare<[], CorpusStatistics>('SELECT passages, terms FROM search_corpus').get() ?? { passages: 0, terms: 0 }
  }

  /** The best `limit` passages for query stems (as queryStems gives them), in the language and type asked for, or in all. */
  search (query: { stems: string[], locale: Locale | null, type: PassageType | null, limit: number }): PassageHit[] {
    const scopes = searchScopes(query.locale === null ? LOCALES : [query.locale], query.type)
    const scopesKey = scopes.join(' ')
    const phrases = query.stems.map((stem) => {
      const from = foldDiacritics(stem)
      const key = `${scopesKey}\0${from}`
      const known = this.phrases.find(key)
      if (known !== undefined) return known
      const matching = this.prefixStatement.get(from) ?? 0
      // A word no term starts with costs one lookup each time and is not remembered: such words
      // are as many as clients can spell.
      if (matching === 0) return { matching, postings: [] }
      const phrase = this.readPostings(scopes, from, matching)
      this.phrases.remember(key, phrase)
      return phrase
    })
    return rankByBm25(phrases, this.corpus, query.limit).flatMap(({ passage, score }) => {
      const found = this.passages.get(passage, (rowid) => {
        const row = this.byRowidStatement.get(rowid)
        return row === undefined ? null : toPassage(row)
      })
      return found === null ? [] : [{ ...found, score }]
    })
  }

  private readPostings (scopes: string[], from: string, matching: number): QueryPhrase {
    const to = prefixEnd(from)
    return { matching, postings: scopes.flatMap((scope) => this.postingsStatement.all({ scope, from, to })) }
  }

  get (id: string, locale: Locale): Passage | undefined {
    const row = this.byIdStatement.get({ id, locale })
    return row === undefined ? undefined : toPassage(row)
  }
}
