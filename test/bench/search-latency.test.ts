import t from 'tap'
import { searchLatency } from '../../src/bench/search-latency.js'
import { MIGRATIONS_DIR, testStorePath } from '../helper.js'

t.test('search latency over the store: a p50 and a p99 in milliseconds, the p99 no lower', async (t) => {
  const queries = Array.from({ length: 40 }, (_, index) => `${['copy files between qubes', 'копировать файлы', 'vpn before tor', 'одноразовый кьюб'][index % 4] ?? ''} w${index}`)
  const { p50, p99 } = searchLatency(await testStorePath(), MIGRATIONS_DIR, queries)
  t.ok(p50 > 0, `p50 ${p50} ms`)
  t.ok(p99 >= p50, `p99 ${p99} ms`)
  // Rounded to the microsecond.
  t.equal(Math.round(p99 * 1000) / 1000, p99)
})
