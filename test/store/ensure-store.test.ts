import { copyFileSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { ensureStore } from '../../src/store/ensure-store.js'
import { DATA_DIR, MIGRATIONS_DIR, SCHEMA_VERSION, temporaryFolder, testStorePath } from '../helper.js'

const LONG_AGO = new Date('2001-01-01')
const TOMORROW = new Date(Date.now() + 86_400_000)

function configFor (storePath: string, buildStoreOnStart = true): Parameters<typeof ensureStore>[0] {
  return { storePath, dataDir: DATA_DIR, migrationsDir: MIGRATIONS_DIR, buildStoreOnStart }
}

/** A store file in a folder of its own, written by `write`, with the given modification time. */
function storeFile (t: Test, write: (path: string) => void, modified: Date): string {
  const path = join(temporaryFolder(t), 'guide.db')
  write(path)
  utimesSync(path, modified, modified)
  return path
}

const BUILT_STORE = await testStorePath()
const copyBuilt = (path: string): void => copyFileSync(BUILT_STORE, path)
const withSchema = (version: number) => (path: string): void => {
  copyBuilt(path)
  const db = new Database(path)
  db.pragma(`user_version = ${version}`)
  db.close()
}

t.test('builds a missing store, and leaves a current one alone', async (t) => {
  const path = join(temporaryFolder(t), 'guide.db')
  const summary = await ensureStore(configFor(path))
  t.equal(summary?.storePath, path)
  t.equal(summary?.schemaVersion, SCHEMA_VERSION)
  t.equal(await ensureStore(configFor(storeFile(t, copyBuilt, TOMORROW))), undefined)
})

t.test('BUILD_STORE_ON_START=never builds nothing, not even a missing store', async (t) => {
  t.equal(await ensureStore(configFor(join(temporaryFolder(t), 'guide.db'), false)), undefined)
})

t.test('rebuilds an intact store older than data/, or of an older schema', async (t) => {
  const stale = storeFile(t, copyBuilt, LONG_AGO)
  t.equal((await ensureStore(configFor(stale)))?.storePath, stale)
  t.ok(statSync(stale).mtimeMs > LONG_AGO.getTime(), 'a new file in its place')

  const older = storeFile(t, withSchema(SCHEMA_VERSION - 1), TOMORROW)
  t.equal((await ensureStore(configFor(older)))?.schemaVersion, SCHEMA_VERSION, 'newer than data/ but of an older schema')
})

const SUFFIX = '; left in place: start-up replaces only an intact store'
const REFUSED: Array<[string, (path: string) => void, (path: string) => string | RegExp]> = [
  ['empty', (path) => writeFileSync(path, ''), (path) => `store at ${path} is empty (0 bytes): rebuild it with npm run db:build${SUFFIX}`],
  ['truncated', (path) => writeFileSync(path, readFileSync(BUILT_STORE).subarray(0, 50_000)),
    (path) => `store at ${path} is truncated (50000 of ${readFileSync(BUILT_STORE).length} bytes): rebuild it with npm run db:build${SUFFIX}`],
  ['corrupt', (path) => writeFileSync(path, readFileSync(BUILT_STORE).fill(0x5a, 8 * 4096, 12 * 4096)),
    (path) => new RegExp(`^store at ${path} is damaged \\([^\\n]+\\): rebuild it with npm run db:build${SUFFIX}$`)],
  ['not SQLite (someone else\'s file)', (path) => writeFileSync(path, 'notes I keep\n'.repeat(100)),
    (path) => `store at ${path} cannot be opened: file is not a database${SUFFIX}`],
  ['of a newer schema', withSchema(SCHEMA_VERSION + 1),
    (path) => `store at ${path} has schema version ${SCHEMA_VERSION + 1}, newer than this code supports (${SCHEMA_VERSION}): update the code or rebuild the store${SUFFIX}`]
]

for (const [what, write, message] of REFUSED) {
  t.test(`a stale store that is ${what} is refused and left as it was`, async (t) => {
    const path = storeFile(t, write, LONG_AGO)
    const before = readFileSync(path)
    await t.rejects(ensureStore(configFor(path)), { name: 'StoreUnavailableError', message: message(path) })
    t.same(readFileSync(path), before)
  })
}

t.test('a damaged store that is not stale is not looked at here: opening it refuses it', async (t) => {
  const path = storeFile(t, (file) => writeFileSync(file, ''), TOMORROW)
  t.equal(await ensureStore(configFor(path)), undefined)
})
