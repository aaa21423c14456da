import type { Database } from 'better-sqlite3'
import type { ContentRelease } from './write-store.js'

export function readRelease (db: Database): ContentRelease {
  const row = db.prepare('SELECT version, content_hash AS contentHash, built_at AS builtAt FROM content_release WHERE id = 1')
    .get() as ContentRelease | undefined
  if (row === undefined) throw new Error('the store has no content release: rebuild it with npm run db:build')
  return row
}
