import t from 'tap'
import { buildTestApp } from '../../helper.js'

interface Results { query: { lang: string, terms: string[] }, results: Array<{ id: string, snippet: string, citation: string, apiUrl: string, score: number, type: string }>, message: string | null, suggestions: unknown[] }

t.test('Russian inflections and word prefixes find the right passages', async (t) => {
  const app = await buildTestApp(t)
  const files = (await app.inject(`/v1/search?q=${encodeURIComponent('копировать файлы')}`)).json() as Results
  t.equal(files.query.lang, 'ru', 'a Cyrillic query searches Russian passages')
  t.ok(files.results.slice(0, 3).every((result) => result.id.startsWith('topic:file-exchange')), files.results.map((result) => result.id).join(', '))
  t.match(files.results[0]?.snippet, /<mark>[^<]*/)
  const prefix = (await app.inject(`/v1/search?q=${encodeURIComponent('одноразов')}&limit=5`)).json() as Results
  t.ok(prefix.results.some((result) => result.id.startsWith('topic:disposables')), prefix.results.map((result) => result.id).join(', '))
})

t.test('English stemming, types and ready citations', async (t) => {
  const app = await buildTestApp(t)
  const body = (await app.inject('/v1/search?q=disposables&lang=en&limit=5')).json() as Results
  t.ok(body.results.some((result) => result.id.startsWith('topic:disposables')))
  const first = body.results[0]
  t.match(first?.citation, /Qubes Guide API, release \d{4}-\d{2}-\d{2}\.[0-9a-f]{8}, \/v1\//)
  t.ok((first?.score ?? 0) > 0)
  const practices = (await app.inject('/v1/search?q=vault&type=practice')).json() as Results
  t.ok(practices.results.length > 0)
  t.ok(practices.results.every((result) => result.type === 'practice'))
  const ranked = (await app.inject('/v1/search?q=qrexec+policy')).json() as Results
  t.match(ranked.results[0]?.id, /^topic:inter-qube-communication/, 'titles and headings weigh more')
})

t.test('hostile queries are plain text: never an FTS error, never a 5xx', async (t) => {
  const app = await buildTestApp(t)
  const hostile = ['"', 'AND (', 'OR OR OR', '-', '*', 'C++', 'NEAR(a b)', '😀🔥', 'a:b', "'; DROP TABLE passage; --", '^title', 'title:qube', '\u0000\u0001', 'x'.repeat(2000),
    Array.from({ length: 300 }, (_, index) => `w${index}`).join(' ')]
  for (const q of hostile) {
    const response = await app.inject(`/v1/search?q=${encodeURIComponent(q)}`)
    t.equal(response.statusCode, 200, JSON.stringify(q.slice(0, 40)))
    t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  }
  const tooLong = await app.inject(`/v1/search?q=${'x'.repeat(2001)}`)
  t.equal(tooLong.statusCode, 400)
})

t.test('an empty query is a 400; no result says so and suggests topics', async (t) => {
  const app = await buildTestApp(t)
  const empty = await app.inject('/v1/search?q=')
  t.equal(empty.statusCode, 400)
  t.same(empty.json().errors[0].field, '/q')
  t.equal((await app.inject('/v1/search')).statusCode, 400)
  const none = (await app.inject('/v1/search?q=xylophonequartz')).json() as Results
  t.same(none.results, [])
  t.equal(none.message, 'Nothing matched. Try other words, or start with these topics.')
  t.equal(none.suggestions.length, 5)
  const russian = (await app.inject(`/v1/search?q=${encodeURIComponent('ксилофон')}`)).json() as Results
  t.match(russian.message, 'Ничего не найдено')
})

t.test('GET /v1/context: numbered passages within the budget, as JSON or Markdown', async (t) => {
  const app = await buildTestApp(t)
  const json = (await app.inject('/v1/context?q=copy+files+between+qubes&maxChars=2500')).json()
  t.ok(json.passages.length > 0)
  t.ok(json.usedChars <= 2500)
  t.same(json.passages.map((passage: { number: number }) => passage.number), json.passages.map((_: unknown, index: number) => index + 1))
  t.ok(json.related.practices.length + json.related.layouts.length > 0, 'related practices or layouts')
  const markdown = await app.inject({ url: `/v1/context?q=${encodeURIComponent('цепочка VPN Tor')}&maxChars=3000`, headers: { accept: 'text/markdown' } })
  t.equal(markdown.headers['content-type'], 'text/markdown; charset=utf-8')
  t.equal(markdown.headers['content-language'], 'ru')
  t.match(markdown.body, /^# Рекомендации по Qubes OS\n\n## \[1\] /)
  t.match(markdown.body, /## Источники\n\n\[1\] .*: \/v1\//)
  t.equal((await app.inject('/v1/context?q=x&maxChars=10')).statusCode, 400)
  t.equal((await app.inject({ url: '/v1/context?q=x', headers: { accept: 'image/png' } })).statusCode, 406)
})

t.test('search text never reaches the logs', async (t) => {
  const { buildApp } = await import('../../../src/app.js')
  const { MIGRATIONS_DIR, testStorePath } = await import('../../helper.js')
  const lines: string[] = []
  const { Writable } = await import('node:stream')
  const app = await buildApp({ storePath: await testStorePath(), migrationsDir: MIGRATIONS_DIR, logLevel: 'debug', logStream: new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } }) })
  t.teardown(() => app.close())
  const { enforceContract } = await import('../../contract/enforce-contract.js')
  enforceContract(app)
  await app.inject('/v1/search?q=secret-dissident-term')
  await app.inject('/v1/search?q=')
  await app.inject('/v1/context?q=secret-dissident-term')
  t.ok(lines.length > 0, 'requests were logged')
  t.notOk(lines.some((line) => line.includes('secret-dissident')), 'but never the query text')
})
