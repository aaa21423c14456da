import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'

export interface Migration {
  version: number
  name: string
  sql: string
}

const MIGRATION_FILE = /^(\d{3})-([a-z0-9-]+)\.sql$/

/** Reads migrations/NNN-name.sql in order; numbers must run 1, 2, 3… without gaps. */
export function readMigrations (migrationsDir: string): Migration[] {
  const migrations = readdirSync(migrationsDir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => {
      const match = MIGRATION_FILE.exec(name)
      if (match === null) throw new Error(`${join(migrationsDir, name)}: file name must look like 001-name.sql`)
      return { version: Number(match[1]), name, sql: readFileSync(join(migrationsDir, name), 'utf8') }
    })
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`${join(migrationsDir, migration.name)}: expected migration number ${String(index + 1).padStart(3, '0')}`)
    }
  })
  if (migrations.length === 0) throw new Error(`${migrationsDir}: holds no migrations`)
  return migrations
}

export function latestSchemaVersion (migrations: Migration[]): number {
  return migrations.at(-1)?.version ?? 0
}

/**
 * Applies the migrations the database has not seen, all in one transaction, and records the
 * schema version in PRAGMA user_version. A database newer than the code is refused.
 */
export function migrate (db: Database, migrations: Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number
  const latest = latestSchemaVersion(migrations)
  if (current > latest) {
    throw new Error(`the store has schema version ${current}, newer than this code knows (${latest}): rebuild it with npm run db:build or update the code`)
  }
  const pending = migrations.filter((migration) => migration.version > current)
  db.transaction(() => {
    for (const migration of pending) db.exec(migration.sql)
    db.pragma(`user_version = ${latest}`)
  })()
  return latest
}
