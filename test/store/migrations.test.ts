import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { latestSchemaVersion, migrate, readMigrations } from '../../src/store/migrations.js'
import { MIGRATIONS_DIR, temporaryFolder } from '../helper.js'

function migrationsFolder (t: Test, files: Record<string, string>): string {
  const folder = join(temporaryFolder(t), 'migrations')
  mkdirSync(folder)
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(folder, name), sql)
  return folder
}

t.test('the project migrations are numbered from 001 and use STRICT tables', async (t) => {
  const migrations = readMigrations(MIGRATIONS_DIR)
  t.equal(migrations[0]?.version, 1)
  t.equal(latestSchemaVersion(migrations), migrations.length)
  for (const migration of migrations) {
    const tables = migration.sql.match(/CREATE TABLE[^;]+;/g) ?? []
    for (const table of tables) t.match(table, /\) STRICT(, WITHOUT ROWID)?;$/, `${migration.name}: ${table.split('(')[0]} is STRICT`)
  }
})

t.test('migrations apply in one transaction and set user_version', async (t) => {
  const folder = migrationsFolder(t, {
    '001-first.sql': 'CREATE TABLE a (x INTEGER) STRICT;',
    '002-second.sql': 'CREATE TABLE b (y TEXT) STRICT;'
  })
  const db = new Database(':memory:')
  t.equal(migrate(db, readMigrations(folder)), 2)
  t.equal(db.pragma('user_version', { simple: true }), 2)
  t.equal(migrate(db, readMigrations(folder)), 2, 'applying again changes nothing')
})

t.test('a failing migration rolls back every migration of the run', async (t) => {
  const folder = migrationsFolder(t, {
    '001-first.sql': 'CREATE TABLE a (x INTEGER) STRICT;',
    '002-broken.sql': 'CREATE TABLE b (y TEXT) STRICT; INSERT INTO missing VALUES (1);'
  })
  const db = new Database(':memory:')
  t.throws(() => migrate(db, readMigrations(folder)), /no such table: missing/)
  t.equal(db.pragma('user_version', { simple: true }), 0)
  t.same(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all(), [])
})

t.test('a database newer than the code is refused', async (t) => {
  const folder = migrationsFolder(t, { '001-first.sql': 'CREATE TABLE a (x INTEGER) STRICT;' })
  const db = new Database(':memory:')
  db.pragma('user_version = 7')
  t.throws(() => migrate(db, readMigrations(folder)), { message: /schema version 7, newer than this code knows \(1\)/ })
})

t.test('badly named, gapped or missing migrations are refused', async (t) => {
  t.throws(() => readMigrations(migrationsFolder(t, { '1-first.sql': '' })), /file name must look like 001-name\.sql/)
  t.throws(() => readMigrations(migrationsFolder(t, { '001-a.sql': '', '003-c.sql': '' })), /003-c\.sql: expected migration number 002/)
  t.throws(() => readMigrations(migrationsFolder(t, {})), /holds no migrations/)
})
