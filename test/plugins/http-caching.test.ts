import t from 'tap'
import { RELEASE_CACHE_CONTROL } from '../../src/plugins/http-caching.js'
import { buildTestApp } from '../helper.js'

t.test('release-bound answers carry a strong ETag and public caching', async (t) => {
  const app = await buildTestApp(t)
  const first = await app.inject('/v1/topics/labels')
  const etag = first.headers.etag as string
  t.match(etag, /^"[0-9a-f]{12}-[A-Za-z0-9_-]{22}"$/, 'strong: no W/ prefix')
  t.ok(etag.startsWith(`"${app.guide.release.contentHash.slice(0, 12)}-`), 'tied to the content release')
  t.equal(first.headers['cache-control'], RELEASE_CACHE_CONTROL)
  t.equal((await app.inject('/v1/topics/labels')).headers.etag, etag, 'stable across requests')
  t.not((await app.inject('/v1/topics/labels?lang=ru')).headers.etag, etag, 'each language has its own tag')
  t.not((await app.inject('/v1/topics')).headers.etag, etag)
})

t.test('If-None-Match answers 304 without a body', async (t) => {
  const app = await buildTestApp(t)
  const etag = (await app.inject('/v1/topics?lang=ru')).headers.etag as string
  for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
    const response = await app.inject({ url: '/v1/topics?lang=ru', headers: { 'if-none-match': header } })
    t.equal(response.statusCode, 304, header)
    t.equal(response.body, '')
    t.equal(response.headers.etag, etag)
    t.equal(response.headers['cache-control'], RELEASE_CACHE_CONTROL)
    t.equal(response.headers['content-language'], 'ru')
  }
  const stale = await app.inject({ url: '/v1/topics?lang=ru', headers: { 'if-none-match': '"0000-old"' } })
  t.equal(stale.statusCode, 200)
  const otherLanguage = await app.inject({ url: '/v1/topics', headers: { 'if-none-match': etag } })
  t.equal(otherLanguage.statusCode, 200, 'the English list does not match the Russian tag')
})

t.test('errors, health and readiness are not cached as content', async (t) => {
  const app = await buildTestApp(t)
  const missing = await app.inject('/v1/topics/no-such-topic')
  t.notOk(missing.headers.etag)
  t.notOk(missing.headers['cache-control'])
  t.equal((await app.inject('/health')).headers['cache-control'], 'no-store')
  t.equal((await app.inject('/ready')).headers['cache-control'], 'no-store')
})

t.test('HEAD carries the same validators as GET', async (t) => {
  const app = await buildTestApp(t)
  const get = await app.inject('/v1/topics/labels')
  const head = await app.inject({ method: 'HEAD', url: '/v1/topics/labels' })
  t.equal(head.statusCode, 200)
  t.equal(head.body, '')
  t.equal(head.headers.etag, get.headers.etag)
})

t.test('a release-bound answer is rendered once and then served from memory, headers and all', async (t) => {
  const app = await buildTestApp(t)
  const original = app.guide.topics.get.bind(app.guide.topics)
  let calls = 0
  app.guide.topics.get = (slug, locale) => {
    calls++
    return original(slug, locale)
  }
  const first = await app.inject({ url: '/v1/topics/labels', headers: { 'accept-language': 'ru', origin: 'https://example.org' } })
  const second = await app.inject({ url: '/v1/topics/labels', headers: { 'accept-language': 'ru-RU,ru;q=0.9', origin: 'https://example.org' } })
  t.equal(calls, 1, 'the handler ran once for two requests of one representation')
  t.equal(second.body, first.body)
  for (const header of ['etag', 'content-type', 'content-language', 'vary', 'cache-control', 'access-control-allow-origin', 'content-security-policy']) {
    t.equal(second.headers[header], first.headers[header], header)
  }
  t.not(second.headers['x-request-id'], first.headers['x-request-id'])
  const english = await app.inject('/v1/topics/labels')
  t.equal(calls, 2, 'another language is another representation')
  t.not(english.body, first.body)
  const markdown = await app.inject({ url: '/v1/topics/labels', headers: { accept: 'text/markdown' } })
  t.equal(calls, 3)
  t.equal(markdown.headers['content-type'], 'text/markdown; charset=utf-8')
  const revalidated = await app.inject({ url: '/v1/topics/labels', headers: { 'accept-language': 'ru', 'if-none-match': first.headers.etag as string } })
  t.equal(revalidated.statusCode, 304)
  t.equal(revalidated.body, '')
  t.equal(calls, 3)
  t.equal((await app.inject('/v1/topics/no-such-topic')).statusCode, 404)
  t.equal((await app.inject('/v1/topics/no-such-topic')).statusCode, 404, 'errors are not cached as answers')
})
