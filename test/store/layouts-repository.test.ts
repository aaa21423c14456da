import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { loadContent } from '../../src/content/load-content.js'
import { diagramKey } from '../../src/domain/layouts/catalogue.js'
import { readAllLayouts, readLayoutDiagrams } from '../../src/store/layouts-repository.js'
import { openStore } from '../../src/store/open-store.js'
import { DATA_DIR, SCHEMA_VERSION, temporaryFolder, testStorePath } from '../helper.js'

t.test('layouts read back from the store equal the validated content', async (t) => {
  const db = openStore(await testStorePath(), SCHEMA_VERSION)
  t.teardown(() => db.close())
  const stored = readAllLayouts(db)
  t.same(stored, loadContent(DATA_DIR).layouts)
  t.ok(stored.length >= 8)
})

t.test('every layout has its SVG diagram in both languages in the store', async (t) => {
  const db = openStore(await testStorePath(), SCHEMA_VERSION)
  t.teardown(() => db.close())
  const layouts = readAllLayouts(db)
  const diagrams = readLayoutDiagrams(db, layouts)
  t.equal(diagrams.size, layouts.length * 2)
  for (const layout of layouts) {
    for (const locale of ['en', 'ru'] as const) {
      t.match(diagrams.get(diagramKey(layout.id, locale)), /^<\?xml[^]*<svg [^]*<\/svg>\n$/, `${layout.id} ${locale}`)
    }
  }
})

t.test('a store that misses a diagram is refused when it is read, not when the diagram is asked for', async (t) => {
  const path = join(temporaryFolder(t), 'guide.db')
  copyFileSync(await testStorePath(), path)
  const writable = new Database(path)
  writable.prepare("DELETE FROM layout_diagram WHERE layout_id = 'journalist' AND locale = 'ru'").run()
  writable.close()
  const db = openStore(path, SCHEMA_VERSION)
  t.teardown(() => db.close())
  t.throws(() => readLayoutDiagrams(db, readAllLayouts(db)), { message: 'the store misses the ru diagram of the layout journalist: rebuild it' })
})
