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

t.test('the count goes on across the blocks ids are made in', async (t) => {
  const ids = new RequestIds()
  const many = Array.from({ length: 3 * 4096 + 5 }, () => ids.next())
  t.ok(many.every((id) => UUID.test(id) && id.slice(0, 24) === many[0]?.slice(0, 24)), 'one prefix, UUID format')
  t.same([4095, 4096, 4097, 12_292].map((index) => many[index]?.slice(-12)), ['000000000fff', '000000001000', '000000001001', '000000003004'])
  t.equal(new Set(many).size, many.length, 'no repeats')
})

t.test('a counter set mid-block (as after the prefix is drawn again) still counts from where it is', async (t) => {
  const ids = new RequestIds()
  ids.next()
  ;(ids as unknown as { counter: number }).counter = 0x1234
  t.equal(ids.next().slice(-12), '000000001234', 'the block is the one of the current count')
})
