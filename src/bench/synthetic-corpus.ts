import Database from 'better-sqlite3'
import { writeSearchIndex } from '../store/write-search-index.js'

/**
 * Grows a copy of a built store to `factor` times its passages with synthetic ones, made of words
 * drawn from the real passages (so the index has a realistic vocabulary and word frequencies), for
 * measuring how search latency grows with the corpus. The search index is rebuilt over all of them. Deterministic for a given store and factor.
 */
export function growCorpus (storePath: string, factor: number): number {
  const db = new Database(storePath)
  try {
    const real = db.prepare('SELECT locale, type, text FROM passage').all() as Array<{ locale: string, type: string, text: string }>
    const vocabulary = new Map<string, string[]>()
    for (const passage of real) {
      const words = vocabulary.get(passage.locale) ?? []
      words.push(...passage.text.split(/\s+/).filter((word) => word.length > 2))
      vocabulary.set(passage.locale, words)
    }
    let seed = 42
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const insertPassage = db.prepare(`INSERT INTO passage (id, locale, type, title_path_json, text, api_url, source_url, document_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    const extra = real.length * (factor - 1)
    db.transaction(() => {
      for (let index = 0; index < extra; index++) {
        const template = real[index % real.length] as { locale: string, type: string }
        const words = vocabulary.get(template.locale) ?? ['qube']
        const pick = (count: number): string => Array.from({ length: count }, () => words[Math.floor(random() * words.length)]).join(' ')
        const title = pick(4)
        const heading = pick(3)
        const text = pick(60 + Math.floor(random() * 140))
        insertPassage.run(`synthetic:${index}`, template.locale, template.type, JSON.stringify([title, heading]), text, `/synthetic/${index}`, 'https://example.invalid/', `synthetic-${index}`)
      }
      writeSearchIndex(db)
    })()
    return real.length + extra
  } finally {
    db.close()
  }
}
