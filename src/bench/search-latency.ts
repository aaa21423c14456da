import { searchPassages } from '../search/search-passages.js'
import { latestSchemaVersion, readMigrations } from '../store/migrations.js'
import { openStore } from '../store/open-store.js'
import { PassagesRepository } from '../store/passages-repository.js'

function percentile (values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
}

/**
 * Search latency measured in-process over distinct queries (no HTTP, no cache): the cost of the
 * index itself, in milliseconds.
 */
export function searchLatency (store: string, migrationsDir: string, queries: string[]): { p50: number, p99: number } {
  const db = openStore(store, latestSchemaVersion(readMigrations(migrationsDir)))
  const index = new PassagesRepository(db)
  const search = (q: string): unknown => searchPassages(index, { q, locale: /\p{Script=Cyrillic}/u.test(q) ? 'ru' : 'en', type: null, limit: 10 }, 'bench')
  // Once untimed, as the endpoints are warmed up: the first queries would time V8 compiling the search code and SQLite warming its page cache.
  for (const q of queries) search(q)
  const times = queries.map((q) => {
    const started = performance.now()
    search(q)
    return performance.now() - started
  })
  db.close()
  return { p50: Math.round(percentile(times, 0.5) * 1000) / 1000, p99: Math.round(percentile(times, 0.99) * 1000) / 1000 }
}
