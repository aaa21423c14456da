import t from 'tap'
import { buildTestApp } from '../../../helper.js'
import { loadContent } from '../../../../src/content/load-content.js'
import { DATA_DIR } from '../../../helper.js'

const content = loadContent(DATA_DIR)
const slugsInOrder = content.topics.map((topic) => topic.slug)

t.test('GET /v1/topics lists summaries in guide order, in English by default', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject('/v1/topics?limit=100')
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-language'], 'en')
  t.match(response.headers.vary, /Accept-Language/)
  const body = response.json()
  t.same(body.items.map((item: { slug: string }) => item.slug), slugsInOrder)
  t.same(body.items[0], {
    slug: 'how-qubes-works',
    title: content.topics[0]?.texts.en.title,
    summary: content.topics[0]?.texts.en.summary,
    tags: [...(content.topics[0]?.tags ?? [])].sort(),
    status: 'current',
    supersededBy: null,
    links: { self: '/v1/topics/how-qubes-works', markdown: '/v1/topics/how-qubes-works.md' }
  })
  t.equal(body.next, null)
  t.notOk(response.headers.link)
  t.same(body.translation, { requested: 'en', served: 'en', complete: true, fallbackFields: [] })
})

t.test('?lang=ru and Accept-Language: ru give Russian titles', async (t) => {
  const app = await buildTestApp(t)
  const russianTitles = content.topics.map((topic) => topic.texts.ru.title)
  for (const request of [{ url: '/v1/topics?lang=ru&limit=100' }, { url: '/v1/topics?limit=100', headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' } }]) {
    const response = await app.inject(request)
    t.equal(response.headers['content-language'], 'ru')
    t.same(response.json().items.map((item: { title: string }) => item.title), russianTitles)
    t.same(response.json().translation, { requested: 'ru', served: 'ru', complete: true, fallbackFields: [] })
  }
})

t.test('an unsupported language falls back to English and says so', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject({ url: '/v1/topics', headers: { 'accept-language': 'de-DE, fr;q=0.5' } })
  t.equal(response.headers['content-language'], 'en')
  t.same(response.json().translation, { requested: 'de', served: 'en', complete: false, fallbackFields: [] })
  t.equal(response.json().items[0].title, content.topics[0]?.texts.en.title)
})

t.test('tag filter', async (t) => {
  const app = await buildTestApp(t)
  const expected = content.topics.filter((topic) => topic.tags.includes('tor')).map((topic) => topic.slug)
  t.ok(expected.length >= 2)
  const response = await app.inject('/v1/topics?tag=tor')
  t.same(response.json().items.map((item: { slug: string }) => item.slug), expected)
  const none = await app.inject('/v1/topics?tag=no-such-tag')
  t.equal(none.statusCode, 200)
  t.same(none.json().items, [])
})

t.test('pagination walks every page, keeps the filter and the language, and links the next page', async (t) => {
  const app = await buildTestApp(t)
  const expected = content.topics.filter((topic) => topic.tags.includes('isolation')).map((topic) => topic.slug)
  t.ok(expected.length >= 3, 'enough topics to page through')
  const seen: string[] = []
  let url: string | null = '/v1/topics?tag=isolation&limit=2&lang=ru'
  let pages = 0
  while (url !== null) {
    const response = await app.inject(url)
    t.equal(response.statusCode, 200, url)
    const body = response.json() as { items: Array<{ slug: string }>, next: string | null }
    t.ok(body.items.length <= 2)
    t.equal(response.headers['content-language'], 'ru', 'the language carries over')
    seen.push(...body.items.map((item) => item.slug))
    if (body.next !== null) {
      t.equal(response.headers.link, `<${body.next}>; rel="next"`)
      t.notMatch(body.next, 'tag=', 'the filter travels inside the cursor')
    }
    url = body.next
    pages++
  }
  t.same(seen, expected)
  t.equal(pages, Math.ceil(expected.length / 2))
})

t.test('bad listing parameters get 400 problems that name the field', async (t) => {
  const app = await buildTestApp(t)
  const tooMany = await app.inject('/v1/topics?limit=101')
  t.equal(tooMany.statusCode, 400)
  t.equal(tooMany.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.same(tooMany.json().errors, [{ in: 'query', field: '/limit', message: 'must be <= 100' }])
  t.equal((await app.inject('/v1/topics?limit=0')).statusCode, 400)
  const forged = await app.inject('/v1/topics?cursor=bm90LWEtY3Vyc29y')
  t.equal(forged.statusCode, 400)
  t.same(forged.json().errors, [{ in: 'query', field: '/cursor', message: 'is not a cursor from this API' }])
  const first = (await app.inject('/v1/topics?tag=tor&limit=1')).json() as { next: string }
  const conflicting = await app.inject(`${first.next}&tag=usb`)
  t.equal(conflicting.statusCode, 400)
  t.match(conflicting.json().detail, 'the cursor continues a listing filtered by tag "tor"')
  const sameTag = await app.inject(`${first.next}&tag=tor`)
  t.equal(sameTag.statusCode, 200, 'repeating the same tag is fine')
  const badLang = await app.inject('/v1/topics?lang=' + encodeURIComponent('<script>'))
  t.equal(badLang.statusCode, 400)
  t.equal(badLang.json().errors[0].field, '/lang')
})

t.test('GET /v1/topics/{slug} returns the whole topic', async (t) => {
  const app = await buildTestApp(t)
  const source = content.topics.find((topic) => topic.slug === 'copying-text')
  const response = await app.inject('/v1/topics/copying-text')
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  t.match(response.headers.vary, /Accept-Language/)
  t.match(response.headers.vary, /Accept\b/)
  const topic = response.json()
  t.equal(topic.title, source?.texts.en.title)
  t.equal(topic.bodyMarkdown, source?.texts.en.bodyMarkdown)
  t.equal(topic.qubesRelease, '4.3')
  t.equal(topic.seedSection, 'copying-and-pasting-text')
  t.same(topic.sections, source?.texts.en.sections)
  for (const section of topic.sections) t.match(topic.bodyHtml, `id="${section.anchor}"`)
  t.same(topic.sources, source?.sources)
  t.equal(topic.corrections.length, source?.corrections.length)
  t.match(topic.corrections[0], { claim: /qvm-copy-to-vm/, correction: String, source: { url: /^https:\/\//, title: String } })
  t.same(topic.related.map((related: { slug: string }) => related.slug), source?.related)
  t.match(topic.related[0], { title: String, links: { self: `/v1/topics/${source?.related[0]}` } })
  t.same(topic.links, { self: '/v1/topics/copying-text', markdown: '/v1/topics/copying-text.md' })
})

t.test('the Russian topic has Russian text, sections and corrections with the same anchors', async (t) => {
  const app = await buildTestApp(t)
  const english = (await app.inject('/v1/topics/file-exchange')).json()
  const russian = (await app.inject('/v1/topics/file-exchange?lang=ru')).json()
  t.same(russian.sections.map((s: { anchor: string }) => s.anchor), english.sections.map((s: { anchor: string }) => s.anchor))
  t.not(russian.title, english.title)
  t.match(russian.corrections[0].claim, /[а-яё]/i)
  t.match(russian.related[0].title, /[а-яё]/i)
  t.same(russian.translation, { requested: 'ru', served: 'ru', complete: true, fallbackFields: [] })
})

t.test('unknown and malformed slugs', async (t) => {
  const app = await buildTestApp(t)
  const missing = await app.inject('/v1/topics/no-such-topic')
  t.equal(missing.statusCode, 404)
  t.equal(missing.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(missing.json(), { type: '/problems/not-found', title: 'Not found', status: 404, detail: 'No topic has the slug "no-such-topic"; the list is at /v1/topics', instance: '/v1/topics/no-such-topic' })
  t.equal((await app.inject('/v1/topics/no-such-topic.md')).statusCode, 404)
  const malformed = await app.inject('/v1/topics/Not_A_Slug')
  t.equal(malformed.statusCode, 400)
  t.same(malformed.json().errors, [{ in: 'path', field: '/slug', message: 'must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$"' }])
})

t.test('the Markdown twin, by .md and by Accept', async (t) => {
  const app = await buildTestApp(t)
  const source = content.topics.find((topic) => topic.slug === 'tor-via-vpn')
  const byPath = await app.inject('/v1/topics/tor-via-vpn.md?lang=ru')
  t.equal(byPath.statusCode, 200)
  t.equal(byPath.headers['content-type'], 'text/markdown; charset=utf-8')
  t.equal(byPath.headers['content-language'], 'ru')
  t.ok(byPath.body.startsWith(`# ${source?.texts.ru.title}\n\n> ${source?.texts.ru.summary}\n`))
  t.match(byPath.body, source?.texts.ru.bodyMarkdown ?? '')
  t.match(byPath.body, '## Источники')
  t.match(byPath.body, `1. [${source?.sources[0]?.title.replace(/([[\]])/g, '\\$1')}](<${source?.sources[0]?.url}>)`)
  const byAccept = await app.inject({ url: '/v1/topics/tor-via-vpn', headers: { accept: 'text/markdown', 'accept-language': 'ru' } })
  t.equal(byAccept.headers['content-type'], 'text/markdown; charset=utf-8')
  t.equal(byAccept.body, byPath.body)
  t.not(byAccept.headers.etag, (await app.inject('/v1/topics/tor-via-vpn?lang=ru')).headers.etag, 'each representation has its own ETag')
  const notAcceptable = await app.inject({ url: '/v1/topics/tor-via-vpn', headers: { accept: 'image/png' } })
  t.equal(notAcceptable.statusCode, 406)
  t.equal(notAcceptable.json().type, '/problems/not-acceptable')
})

t.test('the Markdown twin lists corrections where the original guide was wrong', async (t) => {
  const app = await buildTestApp(t)
  const english = await app.inject('/v1/topics/copying-text.md')
  t.match(english.body, '## Corrections to the original guide')
  t.match(english.body, '**The original guide says:**')
  const russian = await app.inject('/v1/topics/copying-text.md?lang=ru')
  t.match(russian.body, '## Исправления к исходному руководству')
  const plain = await app.inject('/v1/topics/labels.md')
  t.notMatch(plain.body, 'Corrections to the original guide')
})

t.test('unknown query parameters are named, not silently dropped', async (t) => {
  const app = await buildTestApp(t)
  const response = await app.inject('/v1/topics?colour=red')
  t.equal(response.statusCode, 400)
  t.same(response.json().errors, [{ in: 'query', field: '/colour', message: 'is not a known field' }])
})
