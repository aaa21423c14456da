import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { storeIsStale } from '../../src/store/store-freshness.js'
import { temporaryFolder } from '../helper.js'

t.test('a store is stale when missing or older than any source file', async (t) => {
  const folder = temporaryFolder(t)
  const data = join(folder, 'data')
  mkdirSync(join(data, 'topics', 'a'), { recursive: true })
  const file = join(data, 'topics', 'a', 'en.md')
  writeFileSync(file, 'x')
  const store = join(folder, 'guide.db')
  t.equal(storeIsStale(store, [data]), true, 'missing')
  writeFileSync(store, '')
  const past = new Date(Date.now() - 60_000)
  for (const path of [file, join(data, 'topics', 'a'), join(data, 'topics'), data]) utimesSync(path, past, past)
  t.equal(storeIsStale(store, [data, join(folder, 'no-such-folder')]), false, 'newer than every source; absent sources are ignored')
  const future = new Date(Date.now() + 60_000)
  utimesSync(file, future, future)
  t.equal(storeIsStale(store, [data]), true, 'a deep file changed after the build')
})
