import t from 'tap'
import { loadContent } from '../../src/content/load-content.js'
import { readAllLayouts } from '../../src/store/layouts-repository.js'
import { openStore } from '../../src/store/open-store.js'
import { DATA_DIR, SCHEMA_VERSION, testStorePath } from '../helper.js'

t.test('layouts read back from the store equal the validated content', async (t) => {
  const db = openStore(testStorePath(), SCHEMA_VERSION)
  t.teardown(() => db.close())
  const stored = readAllLayouts(db)
  t.same(stored, loadContent(DATA_DIR).layouts)
  t.ok(stored.length >= 8)
})
