import t from 'tap'
import { AnswerCache, RepresentationCache, type CachedRepresentation } from '../../src/http/representation-cache.js'

function representation (etag: string, bytes: number): CachedRepresentation {
  return { payload: Buffer.alloc(bytes), etag, headers: [], allHeaders: ['etag', etag], notModifiedHeaders: ['etag', etag] }
}

t.test('the representation cache is bounded by bytes and drops the oldest first', async (t) => {
  const cache = new RepresentationCache(2000)
  cache.set('a', representation('"a"', 600))
  cache.set('b', representation('"b"', 600))
  cache.set('c', representation('"c"', 600))
  t.equal(cache.get('a'), undefined, 'the oldest went')
  t.equal(cache.get('b')?.etag, '"b"')
  t.equal(cache.get('c')?.etag, '"c"')
  t.equal(cache.size, 2)
  cache.set('huge', representation('"h"', 5000))
  t.equal(cache.get('huge'), undefined, 'an entry larger than the cache is not kept')
  cache.set('b', representation('"b2"', 1))
  t.equal(cache.get('b')?.etag, '"b2"', 'a key set again holds the new value')
  t.equal(cache.size, 2)
})

t.test('headers count toward the bound', async (t) => {
  const cache = new RepresentationCache(1000)
  const heavy = { ...representation('"x"', 10), allHeaders: ['content-security-policy', 'x'.repeat(400)] }
  cache.set('heavy', heavy)
  cache.set('light', representation('"l"', 10))
  t.equal(cache.get('heavy'), undefined, 'an entry is kept with its headers, and these alone exceed the bound')
  t.equal(cache.get('light')?.etag, '"l"')
})

t.test('answers to queries evict one another, never the content', async (t) => {
  const cache = new AnswerCache(4000)
  cache.set('topic', representation('"t"', 600), 'content')
  for (let query = 0; query < 10; query++) cache.set(`search ${query}`, representation(`"q${query}"`, 600), 'query')
  t.equal(cache.get('topic')?.etag, '"t"', 'the content stayed')
  t.equal(cache.get('search 0'), undefined, 'the oldest query went')
  t.equal(cache.get('search 9')?.etag, '"q9"')
  t.equal(cache.queries.size, 2, 'the queries keep to their half of the bound')
  cache.set('layout', representation('"l"', 600), 'content')
  cache.set('export', representation('"e"', 600), 'content')
  t.equal(cache.get('topic'), undefined, 'content past its own half evicts the oldest content')
  t.equal(cache.get('search 9')?.etag, '"q9"', 'and no query')
})
