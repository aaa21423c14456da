import t from 'tap'
import { decodeCursor, encodeCursor } from '../../src/domain/cursor.js'

t.test('a cursor round-trips its position and filter', async (t) => {
  t.same(decodeCursor(encodeCursor({ after: 40, tag: 'tor' })), { after: 40, tag: 'tor' })
  t.same(decodeCursor(encodeCursor({ after: 0, tag: null })), { after: 0, tag: null })
  t.match(encodeCursor({ after: 40, tag: 'tor' }), /^[A-Za-z0-9_-]+$/, 'URL-safe')
})

t.test('anything else is not a cursor', async (t) => {
  const forged = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  for (const text of ['', 'not base64!', 'a'.repeat(201), forged({ v: 2, a: 1, t: null }), forged({ v: 1, a: 'x', t: null }),
    forged({ v: 1, a: 1, t: 5 }), forged({ v: 1, a: -5, t: null }), Buffer.from('{').toString('base64url')]) {
    t.equal(decodeCursor(text), undefined, JSON.stringify(text.slice(0, 30)))
  }
})
