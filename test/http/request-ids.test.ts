import t from 'tap'
import { RequestIds } from '../../src/http/request-ids.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

t.test('request ids are version-4 UUIDs, distinct within a process and between processes', async (t) => {
  const ids = new RequestIds()
  const first = Array.from({ length: 1000 }, () => ids.next())
  t.ok(first.every((id) => UUID.test(id)), 'UUID format')
  t.equal(new Set(first).size, 1000, 'no repeats')
  t.equal(first[1]?.slice(-12), '000000000001', 'the last 48 bits count')
  const other = new RequestIds().next()
  t.not(other.slice(0, 24), first[0]?.slice(0, 24), 'another process has another random prefix')
})

t.test('after 2^48 requests the prefix is drawn again', async (t) => {
  const ids = new RequestIds()
  const before = ids.next()
  ;(ids as unknown as { counter: number }).counter = 16 ** 12
  const after = ids.next()
  t.match(after, UUID)
  t.not(after.slice(0, 24), before.slice(0, 24))
  t.equal(after.slice(-12), '000000000000')
})
