import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { openStore, StoreUnavailableError } from '../../src/store/open-store.js'
import { SCHEMA_VERSION, temporaryFolder, testStorePath } from '../helper.js'

function copyOfStore (t: Test): string {
  const path = join(temporaryFolder(t), 'guide.db')
  copyFileSync(testStorePath(), path)
  return path
}

t.test('opens a built store read-only and query-only', async (t) => {
  const db = openStore(testStorePath(), SCHEMA_VERSION)
  t.teardown(() => db.close())
  t.equal(db.readonly, true)
  t.equal(db.pragma('query_only', { simple: true }), 1)
  t.throws(() => db.exec('DELETE FROM topic'), /readonly|query_only/i)
})

t.test('refuses a missing store with a hint to build it', async (t) => {
  t.throws(() => openStore('/nonexistent/guide.db', 1), { name: 'StoreUnavailableError', message: 'store not found at /nonexistent/guide.db: build it with npm run db:build' })
})

t.test('refuses a store with a newer or older schema', async (t) => {
  const path = copyOfStore(t)
  const writable = new Database(path)
  writable.pragma('user_version = 9')
  writable.close()
  t.throws(() => openStore(path, 1), { message: /schema version 9, newer than this code supports \(1\)/ })
  t.throws(() => openStore(path, 12), { message: /schema version 9, older than this code needs \(12\): rebuild it/ })
})

t.test('refuses a truncated or corrupt store', async (t) => {
  const truncated = copyOfStore(t)
  const bytes = readFileSync(truncated)
  writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)))
  t.throws(() => openStore(truncated, 1), StoreUnavailableError)

  const garbage = join(temporaryFolder(t), 'garbage.db')
  writeFileSync(garbage, 'this is not a database at all, just text '.repeat(200))
  t.throws(() => openStore(garbage, 1), { name: 'StoreUnavailableError', message: /cannot be opened: file is not a database/ })
})
