import { copyFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { DATA_DIR, SCHEMA_VERSION, temporaryFolder, testStorePath } from '../helper.js'
import { runScript, type ScriptResult } from '../cli/run-script.js'
import { connectionOutcome, freePort } from './server-process.js'

type Damage = (path: string) => void

const BUILT_STORE = await testStorePath()
const STORE_BYTES = (): Buffer => readFileSync(BUILT_STORE)

// The cases of issue 7. An empty file and a file that is not SQLite at all are refused the same
// way; their lines are in test/store/open-store.test.ts, which needs no process per case.
const DAMAGES: Record<string, Damage> = {
  missing: () => {},
  truncated: (path) => writeFileSync(path, STORE_BYTES().subarray(0, 100_000)),
  // Pages in the middle overwritten: the header is fine, the b-trees are not.
  corrupt: (path) => {
    const bytes = STORE_BYTES()
    bytes.fill(0x5a, 8 * 4096, 12 * 4096)
    writeFileSync(path, bytes)
  },
  'newer schema': (path) => {
    copyFileSync(BUILT_STORE, path)
    const db = new Database(path)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
  }
}

function expectedReason (damage: string, path: string): string | RegExp {
  switch (damage) {
    case 'missing': return `store not found at ${path}: build it with npm run db:build`
    case 'truncated': return `store at ${path} is truncated (100000 of ${STORE_BYTES().length} bytes): rebuild it with npm run db:build`
    case 'corrupt': return new RegExp(`^store at ${path} is damaged \\([^\\n]+\\): rebuild it with npm run db:build$`)
    default: return `store at ${path} has schema version ${SCHEMA_VERSION + 1}, newer than this code supports (${SCHEMA_VERSION}): update the code or rebuild the store`
  }
}

interface RefusedStart {
  storePath: string
  result: ScriptResult
  /** What connecting to the server's port gave once it had exited. */
  connection: string
  bytesBefore?: Buffer
}

/** Starts the real server on a damaged store and waits for it to exit. */
async function startOn (folder: string, damage: string, buildOnStart: 'never' | 'auto', storeAge: 'fresh' | 'stale'): Promise<RefusedStart> {
  const storePath = join(folder, 'guide.db')
  DAMAGES[damage]?.(storePath)
  // Stale: older than data/, so auto would rebuild it if it could. Fresh: newer than anything in data/.
  const when = storeAge === 'stale' ? new Date('2001-01-01') : new Date(Date.now() + 86_400_000)
  if (damage !== 'missing') utimesSync(storePath, when, when)
  const bytesBefore = damage === 'missing' ? undefined : readFileSync(storePath)
  const port = await freePort()
  const result = await runScript('server.ts', { PORT: String(port), STORE_PATH: storePath, DATA_DIR, BUILD_STORE_ON_START: buildOnStart, LOG_LEVEL: 'info' })
  return { storePath, result, connection: await connectionOutcome(port), bytesBefore }
}

/** Checks everything but the reason, and returns the reason the one stderr line gives. */
function checkRefused (t: Test, { storePath, result, connection, bytesBefore }: RefusedStart): string {
  t.equal(result.code, 1, 'exit code 1')
  t.equal(result.signal, null)
  t.equal(result.stdout, '', 'nothing logged: no "Server listening", no build')
  t.equal(connection, 'ECONNREFUSED', 'nothing listens on the port')
  if (bytesBefore !== undefined) t.same(readFileSync(storePath), bytesBefore, 'the file is left as it was')
  t.match(result.stderr, /^[^\n]*\n$/, 'one line on stderr, no stack trace')
  const line = result.stderr.trimEnd()
  t.match(line, /^qubes-guide-api: cannot start: /)
  return line.replace('qubes-guide-api: cannot start: ', '')
}

// Each start compiles the server under tap's TypeScript loader, which takes seconds: all of them
// are started at once, and each subtest checks its own.
const folder = temporaryFolder(t)
let caseNumber = 0
const caseFolder = (): string => {
  const path = join(folder, String(++caseNumber))
  mkdirSync(path)
  return path
}
const neverStarts = Object.keys(DAMAGES).map((damage) => ({ damage, started: startOn(caseFolder(), damage, 'never', 'fresh') }))
const staleCorruptAuto = startOn(caseFolder(), 'corrupt', 'auto', 'stale')

for (const { damage, started } of neverStarts) {
  t.test(`a ${damage} store with BUILD_STORE_ON_START=never: one line, exit 1, nothing listens`, async (t) => {
    const run = await started
    const reason = checkRefused(t, run)
    const expected = expectedReason(damage, run.storePath)
    if (typeof expected === 'string') t.equal(reason, expected)
    else t.match(reason, expected)
  })
}

// With auto, a missing store is built (test/server.test.ts) and a fresh one is served as it is, or
// refused as above. A stale one is rebuilt only when it is an intact store of this schema or an
// older one (src/store/ensure-store.ts says why; test/store/ensure-store.test.ts has each case).
t.test('a stale corrupt store with BUILD_STORE_ON_START=auto is refused, not overwritten', async (t) => {
  const run = await staleCorruptAuto
  const reason = checkRefused(t, run)
  const suffix = '; left in place: start-up replaces only an intact store'
  t.ok(reason.endsWith(suffix), reason)
  t.match(reason.slice(0, -suffix.length), expectedReason('corrupt', run.storePath))
})
