import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { ContentValidationError } from '../../src/content/content-issue.js'
import { buildStore, formatBuildSummary, removeAbandonedTemporaryFiles } from '../../src/store/build-store.js'
import { copyOfData, DATA_DIR, MIGRATIONS_DIR, SCHEMA_VERSION, temporaryFolder } from '../helper.js'

t.test('builds a store with the release and every topic in both languages', async (t) => {
  const storePath = join(temporaryFolder(t), 'nested', 'guide.db')
  const summary = await buildStore({ dataDir: DATA_DIR, migrationsDir: MIGRATIONS_DIR, storePath, now: new Date('2026-11-27T12:00:00Z') })
  t.equal(summary.schemaVersion, SCHEMA_VERSION)
  t.equal(summary.release.builtAt, '2026-11-27T12:00:00.000Z')
  t.match(summary.release.version, /^\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}$/)
  t.equal(summary.release.version.slice(-8), summary.release.contentHash.slice(0, 8))
  const db = new Database(storePath, { readonly: true })
  t.teardown(() => db.close())
  t.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION)
  t.equal(db.pragma('journal_mode', { simple: true }), 'delete', 'one self-contained file')
  t.same(db.prepare('SELECT version, content_hash AS contentHash, built_at AS builtAt FROM content_release').get(), summary.release)
  const topics = (db.prepare('SELECT count(*) AS n FROM topic').get() as { n: number }).n
  t.equal(topics, summary.counts.topics)
  t.same(db.prepare('SELECT locale, count(*) AS n FROM topic_text GROUP BY locale ORDER BY locale').all(),
    [{ locale: 'en', n: topics }, { locale: 'ru', n: topics }])
  const sources = (db.prepare('SELECT count(*) AS n FROM topic_source').get() as { n: number }).n
  t.equal(sources, summary.counts.sources)
  t.same(db.prepare('SELECT locale, count(*) AS n FROM layout_diagram GROUP BY locale ORDER BY locale').all(),
    [{ locale: 'en', n: summary.counts.layouts }, { locale: 'ru', n: summary.counts.layouts }], 'a diagram per layout and language')
  t.equal(summary.counts.diagrams, 2 * summary.counts.layouts)
  t.same(readdirSync(join(storePath, '..')), ['guide.db'], 'no temporary file is left behind')
  const line = formatBuildSummary(summary)
  t.match(line, `db:build: wrote ${storePath} (release ${summary.release.version}, schema ${SCHEMA_VERSION}): topics ${topics} (en ${topics}, ru ${topics}), sources ${sources}, corrections `)
  t.match(line, `, layouts ${summary.counts.layouts} (en ${summary.counts.layouts}, ru ${summary.counts.layouts}, ${summary.counts.qubes} qubes, ${summary.counts.diagrams} SVG diagrams), `)
})

t.test('the same content gives the same release version', async (t) => {
  const folder = temporaryFolder(t)
  const first = await buildStore({ dataDir: DATA_DIR, migrationsDir: MIGRATIONS_DIR, storePath: join(folder, 'a.db') })
  const second = await buildStore({ dataDir: DATA_DIR, migrationsDir: MIGRATIONS_DIR, storePath: join(folder, 'b.db') })
  t.equal(first.release.version, second.release.version)
  t.equal(first.release.contentHash, second.release.contentHash)
})

t.test('invalid content leaves the previous store untouched', async (t) => {
  const folder = temporaryFolder(t)
  const storePath = join(folder, 'guide.db')
  await buildStore({ dataDir: DATA_DIR, migrationsDir: MIGRATIONS_DIR, storePath })
  const before = readFileSync(storePath)
  const beforeTime = statSync(storePath).mtimeMs
  const data = copyOfData(t)
  writeFileSync(join(data, 'topics', 'labels', 'topic.yaml'), 'order: nope\n')
  await t.rejects(buildStore({ dataDir: data, migrationsDir: MIGRATIONS_DIR, storePath }), ContentValidationError)
  t.same(readFileSync(storePath), before, 'the same bytes')
  t.equal(statSync(storePath).mtimeMs, beforeTime)
  t.same(readdirSync(folder), ['guide.db'])
})

t.test('a failing migration leaves no temporary file and no store', async (t) => {
  const folder = temporaryFolder(t)
  const migrations = join(folder, 'migrations')
  const storePath = join(folder, 'guide.db')
  const { mkdirSync } = await import('node:fs')
  mkdirSync(migrations)
  writeFileSync(join(migrations, '001-broken.sql'), 'CREATE TABLE oops (')
  await t.rejects(buildStore({ dataDir: DATA_DIR, migrationsDir: migrations, storePath }), /incomplete input/)
  t.notOk(existsSync(storePath))
  t.same(readdirSync(folder), ['migrations'])
})

t.test('a build removes what builds that died before their rename left, and nothing of live ones', async (t) => {
  const folder = temporaryFolder(t)
  const storePath = join(folder, 'guide.db')
  // Above Linux's largest pid (2^22), so no such process can be running.
  const dead = 2 ** 22 + 7
  const alive = process.ppid
  const names = [`guide.db.tmp-${dead}`, `guide.db.tmp-${dead}-journal`, `guide.db.tmp-${alive}`, 'guide.db.tmp-notes', 'other.db.tmp-1']
  for (const name of names) writeFileSync(join(folder, name), 'x')
  t.same(removeAbandonedTemporaryFiles(storePath).sort(), [`guide.db.tmp-${dead}`, `guide.db.tmp-${dead}-journal`])
  t.same(readdirSync(folder).sort(), [`guide.db.tmp-${alive}`, 'guide.db.tmp-notes', 'other.db.tmp-1'])

  writeFileSync(join(folder, `guide.db.tmp-${dead}`), 'x')
  const summary = await buildStore({ dataDir: DATA_DIR, migrationsDir: MIGRATIONS_DIR, storePath })
  t.same(summary.removedTemporaryFiles, [`guide.db.tmp-${dead}`])
  t.match(formatBuildSummary(summary), new RegExp(` ms; removed what interrupted builds left: guide\\.db\\.tmp-${dead}$`))
})
