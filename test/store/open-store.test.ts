import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { checkReplaceableStore, headerSchemaVersion, openStore } from '../../src/store/open-store.js'
import { SCHEMA_VERSION, temporaryFolder, testStorePath } from '../helper.js'

const BUILT_STORE = await testStorePath()

function copyOfStore (t: Test): string {
  const path = join(temporaryFolder(t), 'guide.db')
  copyFileSync(BUILT_STORE, path)
  return path
}

function withBytes (t: Test, bytes: Buffer | string): string {
  const path = join(temporaryFolder(t), 'guide.db')
  writeFileSync(path, bytes)
  return path
}

t.test('opens a built store read-only and query-only', async (t) => {
  const db = openStore(BUILT_STORE, SCHEMA_VERSION)
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
  t.throws(() => openStore(path, 1), { message: `store at ${path} has schema version 9, newer than this code supports (1): update the code or rebuild the store` })
  t.throws(() => openStore(path, 12), { message: `store at ${path} has schema version 9, older than this code needs (12): rebuild it with npm run db:build` })
})

t.test('an empty file is an empty store to SQLite; here it is refused as such', async (t) => {
  const path = withBytes(t, '')
  t.throws(() => openStore(path, SCHEMA_VERSION), { message: `store at ${path} is empty (0 bytes): rebuild it with npm run db:build` })
})

t.test('a truncated store is refused with its size and the size its header gives', async (t) => {
  const bytes = readFileSync(BUILT_STORE)
  const half = withBytes(t, bytes.subarray(0, 100_000))
  t.throws(() => openStore(half, SCHEMA_VERSION), { message: `store at ${half} is truncated (100000 of ${bytes.length} bytes): rebuild it with npm run db:build` })
  // The last bytes gone: SQLite itself would open it and only quick_check would notice.
  const almost = withBytes(t, bytes.subarray(0, bytes.length - 10))
  t.throws(() => openStore(almost, SCHEMA_VERSION), { message: `store at ${almost} is truncated (${bytes.length - 10} of ${bytes.length} bytes): rebuild it with npm run db:build` })
  const headerOnly = withBytes(t, bytes.subarray(0, 40))
  t.throws(() => openStore(headerOnly, SCHEMA_VERSION), { message: `store at ${headerOnly} is truncated (40 bytes, shorter than a SQLite header): rebuild it with npm run db:build` })
})

t.test('a corrupt store is refused on one line naming the first problem quick_check finds', async (t) => {
  const bytes = readFileSync(BUILT_STORE)
  bytes.fill(0x5a, 8 * 4096, 12 * 4096)
  const path = withBytes(t, bytes)
  t.throws(() => openStore(path, SCHEMA_VERSION), { message: new RegExp(`^store at ${path} is damaged \\([^\\n]+\\): rebuild it with npm run db:build$`) })
})

t.test('a file that is not a database is refused with what SQLite says', async (t) => {
  const path = withBytes(t, 'this is not a database at all, just text '.repeat(200))
  t.throws(() => openStore(path, SCHEMA_VERSION), { name: 'StoreUnavailableError', message: `store at ${path} cannot be opened: file is not a database` })
})

t.test('the schema version is read from the header without opening the store', async (t) => {
  t.equal(headerSchemaVersion(BUILT_STORE), SCHEMA_VERSION)
  t.equal(headerSchemaVersion('/nonexistent/guide.db'), undefined)
  t.equal(headerSchemaVersion(withBytes(t, 'SQLite format 3\0 but then nothing')), undefined)
  t.equal(headerSchemaVersion(withBytes(t, 'x'.repeat(200))), undefined)
})

t.test('a store may be replaced when intact and not newer than the code', async (t) => {
  t.doesNotThrow(() => checkReplaceableStore(BUILT_STORE, SCHEMA_VERSION))
  t.doesNotThrow(() => checkReplaceableStore(BUILT_STORE, SCHEMA_VERSION + 1), 'an older schema')
  t.throws(() => checkReplaceableStore(BUILT_STORE, SCHEMA_VERSION - 1), { message: /newer than this code supports/ })
  t.throws(() => checkReplaceableStore(withBytes(t, ''), SCHEMA_VERSION), { message: /is empty/ })
})
